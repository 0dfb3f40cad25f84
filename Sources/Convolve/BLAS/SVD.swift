import CBLAS

/// The singular value decomposition `A = U Σ Vᵀ` of a small real matrix, from LAPACK's
/// `dgesdd` (in `Double`, whatever the caller's precision).
struct SVD {
    /// Singular values, largest first (`min(m, n)` of them).
    let values: [Double]
    /// Left singular vectors: column `i` is `u[i]` (`m` entries each).
    let left: [[Double]]
    /// Right singular vectors: `right[i]` is `v_i` (`n` entries each).
    let right: [[Double]]

    /// Decomposes the row-major `rows × columns` matrix `a`; nil if LAPACK reports failure
    /// (it does not converge only on pathological input, e.g. NaN).
    init?(rows m: Int, columns n: Int, _ a: [Double]) {
        _ = BLASCore.name  // OpenBLAS's kernels chosen first (its LAPACK calls its BLAS)
        let k = min(m, n)
        // LAPACK is column-major: the row-major m×n matrix is its n×m transpose, so
        // decompose Aᵀ = V Σ Uᵀ and swap the roles of U and V.
        var at = a
        var s = [Double](repeating: 0, count: k)
        var vCols = [Double](repeating: 0, count: n * k)      // U of Aᵀ: n × k, column-major
        var uRowsT = [Double](repeating: 0, count: k * m)     // Vᵀ of Aᵀ: k × m, column-major
        var (rows, cols, lda, ldu, ldvt) = (Int32(n), Int32(m), Int32(n), Int32(n), Int32(k))
        var iwork = [Int32](repeating: 0, count: 8 * k)
        var info: Int32 = 0
        var query = 0.0, lwork: Int32 = -1
        let job: CChar = 83  // "S": the first min(m, n) singular vectors
        var jobz = job
        dgesdd_(&jobz, &rows, &cols, &at, &lda, &s, &vCols, &ldu, &uRowsT, &ldvt, &query, &lwork, &iwork, &info)
        guard info == 0 else { return nil }
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: max(1, Int(lwork)))
        dgesdd_(&jobz, &rows, &cols, &at, &lda, &s, &vCols, &ldu, &uRowsT, &ldvt, &work, &lwork, &iwork, &info)
        guard info == 0 else { return nil }
        values = s
        right = (0..<k).map { i in Array(vCols[(i * n)..<((i + 1) * n)]) }
        left = (0..<k).map { i in (0..<m).map { j in uRowsT[j * k + i] } }
    }
}

/// The BLAS calls the paths make, typed and bounds-documented.
///
/// OpenBLAS runs each call on the calling thread only: the paths share their products
/// between their own workers (``Parallel``), so OpenBLAS's thread pool never runs beside
/// them, and its idle threads never spin on a core one of the engine's workers needs.
enum BLAS {
    /// Row-major `C[m×n] = A[m×k] · B[k×n]` (`cblas_?gemm` with α = 1, β = 0) on the
    /// calling thread. Call ``useOneThread()`` before the workers that call this start.
    static func multiply<T: ConvolveScalar>(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        T.blasGEMM(m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb, beta: 0, c: c, ldc: ldc)
    }

    /// Sets OpenBLAS to one thread (if it is not already: something else in the process
    /// may have raised it), before a path's workers call ``multiply(m:n:k:a:lda:b:ldb:c:ldc:)``:
    /// OpenBLAS is safe to call concurrently, but its threads must not nest inside ours,
    /// and setting its thread count while another call runs is not safe.
    static func useOneThread() {
        if BLASThreads.current != 1 { BLASThreads.set(1) }
    }
}

/// The BLAS calls the paths make, typed and bounds-documented.
enum BLAS {
    /// Row-major `C[m×n] = A[m×k] · B[k×n]` (`cblas_?gemm` with α = 1, β = 0), with
    /// OpenBLAS limited to `threads` threads.
    static func multiply<T: ConvolveScalar>(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        c: UnsafeMutablePointer<T>, ldc: Int, threads: Int
    ) {
        if BLASThreads.current != threads { BLASThreads.set(threads) }
        T.blasGEMM(m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb, beta: 0, c: c, ldc: ldc)
    }

    /// Sets OpenBLAS to one thread (if it is not already), for paths that call the BLAS
    /// from several of their own workers at once: OpenBLAS is safe to call concurrently,
    /// but its threads must not nest inside ours.
    static func useOneThread() {
        if BLASThreads.current != 1 { BLASThreads.set(1) }
    }
}

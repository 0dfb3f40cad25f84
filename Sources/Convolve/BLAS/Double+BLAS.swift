import CBLAS

/// Binds `Double` to `cblas_dgemm`.
extension Double: BLASScalar {
    public static func blasGEMM(m: Int, n: Int, k: Int, alpha: Double,
                                a: UnsafePointer<Double>, lda: Int,
                                b: UnsafePointer<Double>, ldb: Int,
                                beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda),
                    b, blasint(ldb), beta, c, blasint(ldc))
    }
}

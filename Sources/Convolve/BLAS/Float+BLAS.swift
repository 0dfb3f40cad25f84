import CBLAS

/// Binds `Float` to `cblas_sgemm`.
extension Float: BLASScalar {
    public static func blasGEMM(m: Int, n: Int, k: Int, alpha: Float,
                                a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int,
                                beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda),
                    b, blasint(ldb), beta, c, blasint(ldc))
    }
}

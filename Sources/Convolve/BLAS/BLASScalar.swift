/// The precision-specific CBLAS entry points, one conformance per scalar type
/// (`Float` binds `cblas_sgemm`, `Double` binds `cblas_dgemm`). Nothing outside
/// `BLAS/` calls these: paths use ``BLAS``.
public protocol BLASScalar: BinaryFloatingPoint {
    /// Row-major `C[m×n] = alpha·A[m×k]·B[k×n] + beta·C` (`cblas_?gemm`, no transposes),
    /// with leading dimensions `lda`, `ldb`, `ldc` in elements.
    static func blasGEMM(m: Int, n: Int, k: Int, alpha: Self,
                         a: UnsafePointer<Self>, lda: Int,
                         b: UnsafePointer<Self>, ldb: Int,
                         beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

/// The precision-specific entry points of the direct path's AVX2 + FMA row kernel
/// (`CDirectKernels`), one conformance per scalar type (`Float` binds
/// `convolve_direct_rows_f32_avx2_fma`, `Double` binds `convolve_direct_rows_f64_avx2_fma`).
/// Nothing outside `Kernels/` calls these: the direct path uses ``VectorDirectRows``.
public protocol VectorKernelScalar: BinaryFloatingPoint {
    /// Runs the kernel on the `ConvolveDirectRows` at `arguments` (see ``VectorDirectRows``).
    /// Only when ``VectorDirectRows/available`` is true.
    static func directRowsAVX2FMA(_ arguments: UnsafeRawPointer)
}

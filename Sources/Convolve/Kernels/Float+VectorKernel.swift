import CDirectKernels

/// Binds `Float` to `convolve_direct_rows_f32_avx2_fma`.
extension Float: VectorKernelScalar {
    public static func directRowsAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_direct_rows_f32_avx2_fma(arguments.assumingMemoryBound(to: ConvolveDirectRows.self))
    }
}

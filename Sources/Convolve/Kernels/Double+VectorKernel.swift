import CDirectKernels

/// Binds `Double` to `convolve_direct_rows_f64_avx2_fma`.
extension Double: VectorKernelScalar {
    public static func directRowsAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_direct_rows_f64_avx2_fma(arguments.assumingMemoryBound(to: ConvolveDirectRows.self))
    }
}

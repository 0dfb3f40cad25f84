import CVectorKernels

/// Binds `Double` to the `_f64` kernels.
extension Double: VectorKernelScalar {
    public static func directRowsAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_direct_rows_f64_avx2_fma(arguments.assumingMemoryBound(to: ConvolveDirectRows.self))
    }

    public static func directRowsAVX512(_ arguments: UnsafeRawPointer) {
        convolve_direct_rows_f64_avx512(arguments.assumingMemoryBound(to: ConvolveDirectRows.self))
    }

    public static func channelBlockAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_channel_block_f64_avx2_fma(arguments.assumingMemoryBound(to: ConvolveChannelBlock.self))
    }

    public static func channelBlockAVX512(_ arguments: UnsafeRawPointer) {
        convolve_channel_block_f64_avx512(arguments.assumingMemoryBound(to: ConvolveChannelBlock.self))
    }

    public static func columnsAddAVX2(_ row: UnsafePointer<Double>, width: Int, squares: UnsafeMutablePointer<Double>,
                                      sums: UnsafeMutablePointer<Double>?, magnitudes: UnsafeMutablePointer<Double>?) {
        convolve_columns_add_f64_avx2(row, width, squares, sums, magnitudes)
    }

    public static func columnsStepAVX2(_ incoming: UnsafePointer<Double>, _ outgoing: UnsafePointer<Double>, width: Int,
                                       squares: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>?) {
        convolve_columns_step_f64_avx2(incoming, outgoing, width, squares, sums)
    }
}

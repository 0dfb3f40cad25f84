import CVectorKernels

/// Binds `Float` to the `_f32` kernels.
extension Float: VectorKernelScalar {
    public static func directRowsAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_direct_rows_f32_avx2_fma(arguments.assumingMemoryBound(to: ConvolveDirectRows.self))
    }

    public static func directRowsAVX512(_ arguments: UnsafeRawPointer) {
        convolve_direct_rows_f32_avx512(arguments.assumingMemoryBound(to: ConvolveDirectRows.self))
    }

    public static func channelBlockAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_channel_block_f32_avx2_fma(arguments.assumingMemoryBound(to: ConvolveChannelBlock.self))
    }

    public static func channelBlockAVX512(_ arguments: UnsafeRawPointer) {
        convolve_channel_block_f32_avx512(arguments.assumingMemoryBound(to: ConvolveChannelBlock.self))
    }

    public static func columnsAddAVX2(_ row: UnsafePointer<Float>, width: Int, squares: UnsafeMutablePointer<Double>,
                                      sums: UnsafeMutablePointer<Double>?, magnitudes: UnsafeMutablePointer<Double>?) {
        convolve_columns_add_f32_avx2(row, width, squares, sums, magnitudes)
    }

    public static func columnsStepAVX2(_ incoming: UnsafePointer<Float>, _ outgoing: UnsafePointer<Float>, width: Int,
                                       squares: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>?) {
        convolve_columns_step_f32_avx2(incoming, outgoing, width, squares, sums)
    }
}

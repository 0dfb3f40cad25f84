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

    public static func channelVectorsAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_channel_vectors_f32_avx2_fma(arguments.assumingMemoryBound(to: ConvolveChannelVectors.self))
    }

    public static func channelVectorsAVX512(_ arguments: UnsafeRawPointer) {
        convolve_channel_vectors_f32_avx512(arguments.assumingMemoryBound(to: ConvolveChannelVectors.self))
    }

    public static func channelVectorsPack(_ weights: UnsafePointer<Self>, channels: Int, taps: Int,
                                          into packed: UnsafeMutablePointer<Self>) {
        convolve_channel_vectors_pack_f32_avx2(weights, channels, taps, packed)
    }

    public static func channelVectorsPackAVX512(_ weights: UnsafePointer<Self>, channels: Int, taps: Int,
                                                into packed: UnsafeMutablePointer<Self>) {
        convolve_channel_vectors_pack_f32_avx512(weights, channels, taps, packed)
    }

    public static func depthwiseLanesAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_depthwise_lanes_f32_avx2_fma(arguments.assumingMemoryBound(to: ConvolveDepthwiseLanes.self))
    }

    public static func depthwiseLanesAVX512(_ arguments: UnsafeRawPointer) {
        convolve_depthwise_lanes_f32_avx512(arguments.assumingMemoryBound(to: ConvolveDepthwiseLanes.self))
    }

    public static func strideTwoRowsAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_stride_two_rows_f32_avx2_fma(arguments.assumingMemoryBound(to: ConvolveStrideTwoRows.self))
    }

    public static func columnsAddAVX2(_ row: UnsafePointer<Float>, width: Int, squares: UnsafeMutablePointer<Double>,
                                      sums: UnsafeMutablePointer<Double>?, magnitudes: UnsafeMutablePointer<Double>?) {
        convolve_columns_add_f32_avx2(row, width, squares, sums, magnitudes)
    }

    public static func columnsStepAVX2(_ incoming: UnsafePointer<Float>, _ outgoing: UnsafePointer<Float>, width: Int,
                                       squares: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>?) {
        convolve_columns_step_f32_avx2(incoming, outgoing, width, squares, sums)
    }

    public static func multiplyConjugateAVX2(_ x: UnsafePointer<Float>, _ k: UnsafePointer<Float>,
                                             into out: UnsafeMutablePointer<Float>, bins: Int, accumulate: Bool) {
        convolve_multiply_conjugate_f32_avx2(x, k, out, bins, accumulate ? 1 : 0)
    }

    public static func copyEvenAVX2(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>,
                                    count: Int) -> Float {
        convolve_copy_even_f32_avx2(source, destination, count)
    }

    public static func interleaveAVX2(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>?,
                                      into out: UnsafeMutablePointer<Float>, count: Int) {
        convolve_interleave_f32_avx2(a, b, out, count)
    }

    public static func winogradKernelsAVX2(_ g: UnsafePointer<Float>, count: Int, outputs: Int,
                                           into u: UnsafeMutablePointer<Float>, step: Int) -> Int {
        convolve_winograd_kernels_f32_avx2(g, count, Int32(outputs), u, step)
    }

    public static func winogradInputs8AVX2(_ d: UnsafePointer<Float>, rowStride: Int, tile: Int,
                                           into v: UnsafeMutablePointer<Float>, step: Int) -> Bool {
        convolve_winograd_inputs8_f32_avx2(d, rowStride, Int32(tile), v, step)
        return true
    }

    public static func winogradInputs8AVX2(_ plane: UnsafePointer<Float>, offsets: UnsafePointer<Int>, rowStride: Int,
                                           tile: Int, into v: UnsafeMutablePointer<Float>, step: Int) -> Bool {
        convolve_winograd_inputs8_gathered_f32_avx2(plane, offsets, rowStride, Int32(tile), v, step)
        return true
    }

    public static func winogradOutputs8AVX2(_ m: UnsafePointer<Float>, step: Int, tile: Int,
                                            into y: UnsafeMutablePointer<Float>, corners: UnsafePointer<Int>,
                                            rowStride: Int, bias: Float?) -> Bool {
        convolve_winograd_outputs8_f32_avx2(m, step, Int32(tile), y, corners, rowStride, bias ?? 0,
                                            bias == nil ? 0 : 1)
        return true
    }
}

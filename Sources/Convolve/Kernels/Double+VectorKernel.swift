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

    public static func channelVectorsAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_channel_vectors_f64_avx2_fma(arguments.assumingMemoryBound(to: ConvolveChannelVectors.self))
    }

    public static func channelVectorsAVX512(_ arguments: UnsafeRawPointer) {
        convolve_channel_vectors_f64_avx512(arguments.assumingMemoryBound(to: ConvolveChannelVectors.self))
    }

    public static func channelVectorsPack(_ weights: UnsafePointer<Self>, channels: Int, taps: Int,
                                          into packed: UnsafeMutablePointer<Self>) {
        convolve_channel_vectors_pack_f64(weights, channels, taps, packed)
    }

    public static func channelVectorsPackAVX512(_ weights: UnsafePointer<Self>, channels: Int, taps: Int,
                                                into packed: UnsafeMutablePointer<Self>) {
        convolve_channel_vectors_pack_f64_avx512(weights, channels, taps, packed)
    }

    public static func depthwiseLanesAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_depthwise_lanes_f64_avx2_fma(arguments.assumingMemoryBound(to: ConvolveDepthwiseLanes.self))
    }

    public static func depthwiseLanesAVX512(_ arguments: UnsafeRawPointer) {
        convolve_depthwise_lanes_f64_avx512(arguments.assumingMemoryBound(to: ConvolveDepthwiseLanes.self))
    }

    public static func strideTwoRowsAVX2FMA(_ arguments: UnsafeRawPointer) {
        convolve_stride_two_rows_f64_avx2_fma(arguments.assumingMemoryBound(to: ConvolveStrideTwoRows.self))
    }

    public static func columnsAddAVX2(_ row: UnsafePointer<Double>, width: Int, squares: UnsafeMutablePointer<Double>,
                                      sums: UnsafeMutablePointer<Double>?, magnitudes: UnsafeMutablePointer<Double>?) {
        convolve_columns_add_f64_avx2(row, width, squares, sums, magnitudes)
    }

    public static func columnsStepAVX2(_ incoming: UnsafePointer<Double>, _ outgoing: UnsafePointer<Double>, width: Int,
                                       squares: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>?) {
        convolve_columns_step_f64_avx2(incoming, outgoing, width, squares, sums)
    }

    public static func multiplyConjugateAVX2(_ x: UnsafePointer<Double>, _ k: UnsafePointer<Double>,
                                             into out: UnsafeMutablePointer<Double>, bins: Int, accumulate: Bool) {
        convolve_multiply_conjugate_f64_avx2(x, k, out, bins, accumulate ? 1 : 0)
    }

    public static func copyEvenAVX2(_ source: UnsafePointer<Double>, into destination: UnsafeMutablePointer<Double>,
                                    count: Int) -> Double {
        convolve_copy_even_f64_avx2(source, destination, count)
    }

    public static func interleaveAVX2(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>?,
                                      into out: UnsafeMutablePointer<Double>, count: Int) {
        convolve_interleave_f64_avx2(a, b, out, count)
    }

    public static func winogradKernelsAVX2(_ g: UnsafePointer<Double>, count: Int, outputs: Int,
                                           into u: UnsafeMutablePointer<Double>, step: Int) -> Int {
        convolve_winograd_kernels_f64_avx2(g, count, Int32(outputs), u, step)
    }

    // No AVX2 form of the Winograd tile transforms for `Double`: its callers keep the
    // `SIMD8` loops.
    public static func winogradInputs8AVX2(_ d: UnsafePointer<Double>, rowStride: Int, tile: Int,
                                           into v: UnsafeMutablePointer<Double>, step: Int) -> Bool { false }

    public static func winogradInputs8AVX2(_ plane: UnsafePointer<Double>, offsets: UnsafePointer<Int>, rowStride: Int,
                                           tile: Int, into v: UnsafeMutablePointer<Double>, step: Int) -> Bool {
        false
    }

    public static func winogradOutputs8AVX2(_ m: UnsafePointer<Double>, step: Int, tile: Int,
                                            into y: UnsafeMutablePointer<Double>, corners: UnsafePointer<Int>,
                                            rowStride: Int, bias: Double?) -> Bool { false }
}

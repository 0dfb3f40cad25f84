import CVectorKernels

/// The direct path's channel-block kernel compiled for AVX2 + FMA and for AVX-512
/// (`CVectorKernels/ChannelBlocks.c`), for processors that run them (the same checks as
/// ``VectorDirectRows``). For output channels `j < channels`, runs `r < runs` and outputs
/// `o < count` of each run:
///
///     out[j·outStride + r·outRunStep + o] = Σ_{k < taps} w_j[k] · input[r·inputRunStep + offsets[k] + o]
///                                           (+ bias[j])
///
/// with `w_j = weights + j·weightStride`, each output the chain `acc = fma(w, x, acc)` over
/// `k` ascending from 0, in both forms, and a `bias` (when given) added to the chain's sum
/// as it is stored: the bits of adding it to the stored output afterwards. Nothing past a
/// run's last output's taps is read (the last vector's loads are masked).
enum VectorChannelBlocks {
    @inline(__always)
    static func run<T: ConvolveScalar>(
        input: UnsafePointer<T>, offsets: UnsafePointer<Int>, taps: Int, weights: UnsafePointer<T>,
        weightStride: Int, channels: Int, count: Int, out: UnsafeMutablePointer<T>, outStride: Int,
        runs: Int, inputRunStep: Int, outRunStep: Int, bias: UnsafePointer<T>? = nil, tapChunk: Int = 0, avx512: Bool
    ) {
        var arguments = ConvolveChannelBlock(
            input: UnsafeRawPointer(input), offsets: offsets, taps: taps, weights: UnsafeRawPointer(weights),
            weightStride: weightStride, channels: channels, count: count, out: UnsafeMutableRawPointer(out),
            outStride: outStride, runs: runs, inputRunStep: inputRunStep, outRunStep: outRunStep,
            bias: bias.map { UnsafeRawPointer($0) }, tapChunk: tapChunk)
        withUnsafePointer(to: &arguments) {
            if avx512 { T.channelBlockAVX512(UnsafeRawPointer($0)) } else { T.channelBlockAVX2FMA(UnsafeRawPointer($0)) }
        }
    }
}

import CVectorKernels

/// The direct path's channel-vector kernel compiled for AVX2 + FMA
/// (`CVectorKernels/ChannelVectors.c`; AVX-512 processors run it too). For output
/// channels `j < channels` and positions `p < count`:
///
///     out[j·outStride + first + p] = Σ_{k < taps} w[j, k] · input[positions[first + p] + offsets[k]]
///                                    (+ bias[j])
///
/// with `weights` packed in blocks of ``width(_:)`` channels (``pack(_:channels:taps:into:)``),
/// each output the chain `acc = fma(w, x, acc)` over `k` ascending from 0 and a `bias`
/// (when given) added to the chain's sum as it is stored. With `tapChunk` the taps go in
/// passes, the sums between them in `scratch` (``scratchCount(count:channels:scalarSize:)``
/// scalars).
enum VectorChannelVectors {
    /// Output positions per register tile.
    static let tilePositions = 6

    /// Output channels per packed block: two vectors of 32 bytes.
    static func width(_ scalarSize: Int) -> Int { 2 * 32 / scalarSize }

    /// Scalars of packed weights for `channels` output channels of `taps` taps each.
    static func packedCount(channels: Int, taps: Int, scalarSize: Int) -> Int {
        let w = width(scalarSize)
        return (channels + w - 1) / w * w * taps
    }

    /// Scalars of scratch one call over `count` positions needs for passes over its taps.
    static func scratchCount(count: Int, channels: Int, scalarSize: Int) -> Int {
        let w = width(scalarSize)
        return (count + tilePositions - 1) / tilePositions * ((channels + w - 1) / w) * tilePositions * w
    }

    /// Packs `channels` rows of `taps` weights (row-major, `weights[j·taps + k]`) into
    /// blocks of ``width(_:)`` channels, tap-major inside a block, zero past `channels`
    /// (in `Float` by 8 × 8 transposes in AVX2: element by element in Swift, the pass over
    /// c512@7²'s weights had taken a third of its call).
    static func pack<T: ConvolveScalar>(_ weights: UnsafePointer<T>, channels: Int, taps: Int,
                                        into packed: UnsafeMutablePointer<T>) {
        T.channelVectorsPack(weights, channels: channels, taps: taps, into: packed)
    }

    /// One call over positions `first ..< first + count`: with `packing` (scratch of
    /// ``packingCount(taps:tapChunk:scalarSize:)`` scalars) `weights` are the layer's rows
    /// (`weightStride` apart), packed a block and pass at a time as the call goes; without,
    /// `weights` are packed (``pack(_:channels:taps:into:)``).
    @inline(__always)
    static func run<T: ConvolveScalar>(
        input: UnsafePointer<T>, offsets: UnsafePointer<Int>, taps: Int, weights: UnsafePointer<T>,
        weightStride: Int = 0, channels: Int, positions: UnsafePointer<Int>, first: Int, count: Int,
        out: UnsafeMutablePointer<T>, outStride: Int, bias: UnsafePointer<T>?, tapChunk: Int,
        scratch: UnsafeMutablePointer<T>?, packing: UnsafeMutablePointer<T>? = nil
    ) {
        var arguments = ConvolveChannelVectors(
            input: UnsafeRawPointer(input), offsets: offsets, taps: taps, weights: UnsafeRawPointer(weights),
            weightStride: weightStride, channels: channels, positions: positions, first: first, count: count,
            out: UnsafeMutableRawPointer(out), outStride: outStride, bias: bias.map { UnsafeRawPointer($0) },
            tapChunk: tapChunk, scratch: scratch.map { UnsafeMutableRawPointer($0) },
            packing: packing.map { UnsafeMutableRawPointer($0) })
        withUnsafePointer(to: &arguments) { T.channelVectorsAVX2FMA(UnsafeRawPointer($0)) }
    }

    /// Scalars of the buffer a call packs one block's pass of taps into.
    static func packingCount(taps: Int, tapChunk: Int, scalarSize: Int) -> Int {
        width(scalarSize) * (tapChunk > 0 && tapChunk < taps ? tapChunk : taps)
    }
}

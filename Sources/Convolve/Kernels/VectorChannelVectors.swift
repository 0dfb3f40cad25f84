import CVectorKernels

/// The direct path's channel-vector kernel compiled for AVX2 + FMA and for AVX-512
/// (`CVectorKernels/ChannelVectors.c`), the form given by `instructions` (AVX-512's in
/// vectors and blocks twice as wide). For output channels `j < channels` and positions
/// `p < count`:
///
///     out[j·outStride + first + p] = Σ_{k < taps} w[j, k] · input[positions[first + p] + offsets[k]]
///                                    (+ bias[j])
///
/// with `weights` packed in blocks of ``width(_:instructions:)`` channels
/// (``pack(_:channels:taps:into:instructions:)``),
/// each output the chain `acc = fma(w, x, acc)` over `k` ascending from 0 and a `bias`
/// (when given) added to the chain's sum as it is stored. With `tapChunk` the taps go in
/// passes, the sums between them in `scratch` (``scratchCount(count:channels:scalarSize:instructions:)``
/// scalars). Both forms give the same bits.
enum VectorChannelVectors {
    /// Output positions per register tile.
    static let tilePositions = 6

    /// Output channels per packed block: two vectors, of 64 bytes in AVX-512, else of 32.
    static func width(_ scalarSize: Int, instructions: VectorInstructions = .detected) -> Int {
        2 * (instructions == .avx512 ? 64 : 32) / scalarSize
    }

    /// Scalars of packed weights for `channels` output channels of `taps` taps each.
    static func packedCount(channels: Int, taps: Int, scalarSize: Int,
                            instructions: VectorInstructions = .detected) -> Int {
        let w = width(scalarSize, instructions: instructions)
        return (channels + w - 1) / w * w * taps
    }

    /// Scalars of scratch one call over `count` positions needs for passes over its taps.
    static func scratchCount(count: Int, channels: Int, scalarSize: Int,
                             instructions: VectorInstructions = .detected) -> Int {
        let w = width(scalarSize, instructions: instructions)
        return (count + tilePositions - 1) / tilePositions * ((channels + w - 1) / w) * tilePositions * w
    }

    /// Packs `channels` rows of `taps` weights (row-major, `weights[j·taps + k]`) into
    /// blocks of ``width(_:instructions:)`` channels, tap-major inside a block, zero past
    /// `channels` (in `Float` by 8 × 8 transposes in AVX2, 16 × 16 in AVX-512: element by
    /// element in Swift, the pass over c512@7²'s weights had taken a third of its call).
    static func pack<T: ConvolveScalar>(_ weights: UnsafePointer<T>, channels: Int, taps: Int,
                                        into packed: UnsafeMutablePointer<T>,
                                        instructions: VectorInstructions = .detected) {
        if instructions == .avx512 {
            T.channelVectorsPackAVX512(weights, channels: channels, taps: taps, into: packed)
        } else {
            T.channelVectorsPack(weights, channels: channels, taps: taps, into: packed)
        }
    }

    /// One call over positions `first ..< first + count`: with `packing` (scratch of
    /// ``packingCount(taps:tapChunk:scalarSize:instructions:)`` scalars) `weights` are the layer's rows
    /// (`weightStride` apart), packed a block and pass at a time as the call goes; without,
    /// `weights` are packed (``pack(_:channels:taps:into:instructions:)`` for the same `instructions`).
    /// With `prefetchWeights`, each block's tiles also fetch the next block's weights into
    /// the caches (for weights the call reads once, from memory). With `classes`, the
    /// positions are `classes.positions` and the call is item `item` of them: its tiles and
    /// their taps are the classes' (``ChannelVectorTapClasses``), each output at its `order`.
    @inline(__always)
    static func run<T: ConvolveScalar>(
        input: UnsafePointer<T>, offsets: UnsafePointer<Int>, taps: Int, weights: UnsafePointer<T>,
        weightStride: Int = 0, channels: Int, positions: UnsafePointer<Int>, first: Int, count: Int,
        out: UnsafeMutablePointer<T>, outStride: Int, bias: UnsafePointer<T>?, tapChunk: Int,
        scratch: UnsafeMutablePointer<T>?, packing: UnsafeMutablePointer<T>? = nil, prefetchWeights: Bool = false,
        classes: ChannelVectorTapClasses? = nil, item: Int = 0, instructions: VectorInstructions = .detected
    ) {
        let tiles = classes?.tiles(item: item)
        var arguments = ConvolveChannelVectors(
            input: UnsafeRawPointer(input), offsets: offsets, taps: taps, weights: UnsafeRawPointer(weights),
            weightStride: weightStride, channels: channels, positions: positions, first: first, count: count,
            out: UnsafeMutableRawPointer(out), outStride: outStride, bias: bias.map { UnsafeRawPointer($0) },
            tapChunk: tapChunk, scratch: scratch.map { UnsafeMutableRawPointer($0) },
            packing: packing.map { UnsafeMutableRawPointer($0) }, prefetchWeights: prefetchWeights ? 1 : 0,
            tileEnds: tiles?.ends, tileCount: tiles?.count ?? 0, tileClass: tiles?.classes,
            classTaps: classes?.classTaps, classStarts: classes?.classStarts, classCount: classes?.classCount ?? 0,
            outIndex: classes?.order)
        withUnsafePointer(to: &arguments) {
            if instructions == .avx512 { T.channelVectorsAVX512(UnsafeRawPointer($0)) }
            else { T.channelVectorsAVX2FMA(UnsafeRawPointer($0)) }
        }
    }

    /// Scalars of the buffer a call packs one block's pass of taps into.
    static func packingCount(taps: Int, tapChunk: Int, scalarSize: Int,
                             instructions: VectorInstructions = .detected) -> Int {
        width(scalarSize, instructions: instructions) * (tapChunk > 0 && tapChunk < taps ? tapChunk : taps)
    }
}

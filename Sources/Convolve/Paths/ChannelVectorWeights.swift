/// A layer's weights packed once for the direct path's channel vectors
/// (``VectorChannelVectors/pack(_:channels:taps:into:instructions:)``, every group), kept by a
/// ``ConvolutionLayer`` so that its calls skip the packing. The packing depends on the
/// weights alone (output channels per group, taps, groups), not on the input's size, so
/// one value serves every input the layer sees. Immutable once built.
final class ChannelVectorWeights<T: ConvolveScalar>: @unchecked Sendable {
    private let groups: Int, channels: Int, taps: Int
    /// The kernel form the weights are packed for (the block width differs).
    private let instructions: VectorInstructions
    private let perGroup: Int
    private let storage: FFTWBuffer<T>
    /// Whether every weight is finite: then a product with a zero of the padding adds
    /// nothing, and the channel vectors may leave such taps out (``ChannelVectorTapClasses``).
    let allFinite: Bool

    /// Packs `kernel` (`geometry.kernelShape`, correlation orientation) for the kernel form of
    /// `instructions`.
    init(_ geometry: ConvolutionGeometry, kernel: UnsafePointer<T>, instructions: VectorInstructions = .detected) {
        groups = geometry.groups
        channels = geometry.groupOutputChannels
        taps = geometry.groupInputChannels * geometry.kernelVolume
        self.instructions = instructions
        perGroup = VectorChannelVectors.packedCount(channels: channels, taps: taps, scalarSize: MemoryLayout<T>.size,
                                                    instructions: instructions)
        storage = FFTWBuffer<T>(count: max(1, groups * perGroup))
        allFinite = Finite.all(UnsafeBufferPointer(start: kernel, count: groups * channels * taps))
        DirectChannelVectors.pack(geometry, kernel: kernel, into: storage.pointer, workers: 1, instructions: instructions)
    }

    /// `kernel` (`geometry.kernelShape`, correlation orientation) packed when the direct
    /// path's native sums would run `geometry` in channel vectors given packed weights (the
    /// form ``DirectPath/form(_:scalarSize:threads:workspaceBudget:instructions:model:weightsPrepared:)``
    /// picks for `options`' threads and workspace); else nil.
    static func ifUsed(_ geometry: ConvolutionGeometry, kernel: UnsafePointer<T>,
                       options: ConvolutionOptions) -> ChannelVectorWeights<T>? {
        guard DirectPath.form(geometry, scalarSize: MemoryLayout<T>.size, threads: options.threads,
                              workspaceBudget: options.workspaceBudget, weightsPrepared: true) == .channelVectors
        else { return nil }
        return ChannelVectorWeights(geometry, kernel: kernel)
    }

    /// Whether these are `geometry`'s weights packed for the kernel form of `instructions`:
    /// the same groups, output channels per group and taps, and the same form.
    func isFor(_ geometry: ConvolutionGeometry, instructions: VectorInstructions = .detected) -> Bool {
        self.instructions == instructions && groups == geometry.groups && channels == geometry.groupOutputChannels
            && taps == geometry.groupInputChannels * geometry.kernelVolume
    }

    /// The packed weights of `group`.
    func group(_ group: Int) -> UnsafePointer<T> { UnsafePointer(storage.pointer + group * perGroup) }

    /// Bytes held.
    var bytes: Int { storage.count * MemoryLayout<T>.stride }
}

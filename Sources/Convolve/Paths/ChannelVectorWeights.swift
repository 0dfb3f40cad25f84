/// A layer's weights packed once for the direct path's channel vectors
/// (``VectorChannelVectors/pack(_:channels:taps:into:)``, every group), kept by a
/// ``ConvolutionLayer`` so that its calls skip the packing. The packing depends on the
/// weights alone (output channels per group, taps, groups), not on the input's size, so
/// one value serves every input the layer sees. Immutable once built.
final class ChannelVectorWeights<T: ConvolveScalar>: @unchecked Sendable {
    private let groups: Int, channels: Int, taps: Int
    private let perGroup: Int
    private let storage: FFTWBuffer<T>

    /// Packs `kernel` (`geometry.kernelShape`, correlation orientation).
    init(_ geometry: ConvolutionGeometry, kernel: UnsafePointer<T>) {
        groups = geometry.groups
        channels = geometry.groupOutputChannels
        taps = geometry.groupInputChannels * geometry.kernelVolume
        perGroup = VectorChannelVectors.packedCount(channels: channels, taps: taps, scalarSize: MemoryLayout<T>.size)
        storage = FFTWBuffer<T>(count: max(1, groups * perGroup))
        DirectChannelVectors.pack(geometry, kernel: kernel, into: storage.pointer, workers: 1)
    }

    /// Whether these are `geometry`'s weights packed: the same groups, output channels per
    /// group and taps.
    func isFor(_ geometry: ConvolutionGeometry) -> Bool {
        groups == geometry.groups && channels == geometry.groupOutputChannels
            && taps == geometry.groupInputChannels * geometry.kernelVolume
    }

    /// The packed weights of `group`.
    func group(_ group: Int) -> UnsafePointer<T> { UnsafePointer(storage.pointer + group * perGroup) }

    /// Bytes held.
    var bytes: Int { storage.count * MemoryLayout<T>.stride }
}

import Synchronization

/// The direct path's channel-vector weights of one fixed kernel (``ChannelVectorWeights``):
/// what prepared values (``ConvolutionLayer``, ``SignalFilter``) keep so that their calls
/// summing in channel vectors skip the packing. The packing depends on the kernel alone, not
/// on the input's size, so one value serves every input. Safe to use from several threads
/// at once.
final class PreparedVectorWeights<T: ConvolveScalar>: Sendable {
    private let cache = Mutex<ChannelVectorWeights<T>?>(nil)

    /// The weights, packed on the first call where the direct path (native sums) would sum
    /// `geometry` in channel vectors with them packed (``ChannelVectorWeights/ifUsed(_:kernel:options:)``);
    /// nil before that. Once packed, returned for every geometry without asking the cost
    /// model again (the direct path uses them where they fit). `kernel` is
    /// `geometry.kernelShape` in correlation orientation.
    func weights(for geometry: ConvolutionGeometry, kernel: UnsafePointer<T>,
                 options: ConvolutionOptions) -> ChannelVectorWeights<T>? {
        if let cached = cache.withLock({ $0 }) { return cached }
        guard let made = ChannelVectorWeights<T>.ifUsed(geometry, kernel: kernel, options: options) else { return nil }
        // Packed outside the lock; if another thread won the race, keep its weights.
        return cache.withLock { cache in
            if let cached = cache { return cached }
            cache = made
            return made
        }
    }

    /// Bytes held now.
    var bytes: Int { cache.withLock { $0?.bytes ?? 0 } }

    /// Drops the packed weights.
    func removeAll() { cache.withLock { $0 = nil } }
}

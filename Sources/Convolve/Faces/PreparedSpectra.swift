import Synchronization

/// The FFT spectra of one fixed kernel, per transform layout: what prepared values
/// (``SignalFilter``, ``ConvolutionLayer``) keep so that repeated calls transform only
/// their inputs. At most ``maximumLayouts`` layouts (distinct input sizes) are kept; the
/// oldest is dropped first. Safe to use from several threads at once.
final class PreparedSpectra<T: ConvolveScalar>: Sendable {
    static var maximumLayouts: Int { 8 }

    private let cache = Mutex<(spectra: [FFTLayout: FFTKernelSpectra<T>], order: [FFTLayout])>(([:], []))

    /// The spectra of `kernel` (`geometry.kernelShape`, in correlation orientation) at the
    /// layout the FFT path chooses for `geometry` under `options`, made on first use.
    func spectra(for geometry: ConvolutionGeometry, kernel: UnsafePointer<T>,
                 options: ConvolutionOptions) -> FFTKernelSpectra<T> {
        let layout = FFTLayout.chosen(geometry, options: options, scalarSize: MemoryLayout<T>.size)
        if let cached = cache.withLock({ $0.spectra[layout] }) { return cached }
        // Transform outside the lock; if another thread won the race, keep its spectra.
        let made = FFTKernelSpectra<T>(geometry, layout: layout, kernel: kernel, options: options)
        return cache.withLock { cache in
            if let cached = cache.spectra[layout] { return cached }
            if cache.order.count >= Self.maximumLayouts { cache.spectra[cache.order.removeFirst()] = nil }
            cache.spectra[layout] = made
            cache.order.append(layout)
            return made
        }
    }

    /// Bytes of spectra held now.
    var bytes: Int { cache.withLock { $0.spectra.values.reduce(0) { $0 + $1.bytes } } }

    /// Drops every layout's spectra.
    func removeAll() { cache.withLock { $0 = ([:], []) } }
}

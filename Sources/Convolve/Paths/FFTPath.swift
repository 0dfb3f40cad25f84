/// The convolution theorem. With `P` the padded input and `K̃` the dilated kernel, each
/// split into stride phases (``FFTLayout``), and each phase zero-extended to the transform
/// extents `L`, the circular correlation
///
///     c[y] = Σ_φ Σ_q P_φ[(y + q) mod L] · K_φ[q] = IDFT( Σ_φ DFT(P_φ) · conj(DFT(K_φ)) )[y] / ∏L
///
/// equals the linear, strided one at every output `y` (no index wraps; see ``FFTLayout``).
/// For several channels the products are also summed over the group's input channels in
/// the frequency domain (a complex multiply–accumulate per bin), so each input channel and
/// each kernel is transformed once and each output channel needs one inverse transform.
/// Transforms are real-to-complex (`L_x/2 + 1` bins on the last axis), plans come from
/// ``FFTPlanCache``.
enum FFTPath: ConvolutionPath {
    /// Transform extents (the spatial axes only) for `geometry`.
    static func transformExtent(_ geometry: ConvolutionGeometry) -> [Int] {
        FFTLayout(geometry).extent
    }

    static func check(_ geometry: ConvolutionGeometry, options: ConvolutionOptions) throws(ConvolutionError) {
        let extent = transformExtent(geometry)
        _ = try Shape.elementCount(extent, argument: "FFT size")
        guard extent.allSatisfy({ $0 <= Int(Int32.max) }) else {
            throw .sizeOverflow(argument: "FFT size", shape: extent)
        }
    }

    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) {
        run(geometry, input: input, kernel: kernel, spectra: nil, output: output, options: options)
    }

    /// Transforms of at least this many points use FFTW's own threads when the path
    /// itself runs on one thread; smaller ones lose more to thread hand-offs than they gain.
    static let threadedTransformPoints = 1 << 15

    /// Worker threads the path runs for `geometry` (over output channels), and the
    /// threads each FFTW plan uses: never both above 1.
    static func threading(_ geometry: ConvolutionGeometry, options: ConvolutionOptions) -> (workers: Int, fftw: Int) {
        let workers = max(1, min(options.threads, geometry.groupOutputChannels))
        if workers > 1 { return (workers, 1) }
        let points = FFTLayout(geometry).frame.volume
        return (1, points >= threadedTransformPoints ? options.threads : 1)
    }

    /// As ``run(_:input:kernel:output:options:)``, taking the kernel spectra from `spectra`
    /// when given (built for this geometry's layout) instead of transforming `kernel`.
    ///
    /// With `options.threads > 1` and several output channels per group, input channels,
    /// kernels and output channels are shared out between that many workers, each with
    /// its own scratch; plans are executed concurrently (FFTW's execute is thread-safe).
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        spectra: FFTKernelSpectra<T>?, output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) {
        let layout = FFTLayout(geometry)
        precondition(spectra == nil || spectra!.layout == layout, "prepared spectra belong to this layout")
        let (workers, fftwThreads) = threading(geometry, options: options)
        let forward = FFTPlanCache.shared.plan(T.self, extents: layout.extent, direction: .realToComplex,
                                                threads: fftwThreads)
        let inverse = FFTPlanCache.shared.plan(T.self, extents: layout.extent, direction: .complexToReal,
                                                threads: fftwThreads)
        let g = Geometry3(geometry)
        let frame = layout.frame, bins = layout.bins, phases = layout.phaseCount
        let spectrumStride = layout.spectrumStride(T.self)
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let channels = cg * phases  // virtual input channels: (c, φ)
        let kVolume = g.kernel.volume, outVolume = g.output.volume
        let scale = 1 / T(frame.volume)

        // Without prepared spectra, a group's kernel spectra are kept across the batch when
        // they fit in the workspace budget, otherwise recomputed per batch item.
        let keepKernels = spectra == nil && geometry.batch > 1
            && og * channels * spectrumStride * MemoryLayout<T>.stride <= options.workspaceBudget
        let sharedCount = spectrumStride * (channels + (keepKernels ? og * channels : 0))
        // Per worker: a real frame, the padded plane (strided layouts), the product, and one
        // kernel spectrum when spectra are made on the fly.
        let realCount = FFTWBuffer<T>.aligned(frame.volume)
        let paddedCount = phases > 1 ? FFTWBuffer<T>.aligned(g.padded.volume) : 0
        let workerCount = realCount + paddedCount + spectrumStride * (spectra == nil && !keepKernels ? 2 : 1)
        WorkspacePool.withBuffer(T.self, count: sharedCount + workers * workerCount) { scratch in
            let inputSpectra = scratch
            let keptKernels = inputSpectra + channels * spectrumStride
            func real(_ w: Int) -> UnsafeMutablePointer<T> { scratch + sharedCount + w * workerCount }
            func padded(_ w: Int) -> UnsafeMutablePointer<T> { real(w) + realCount }
            func product(_ w: Int) -> UnsafeMutablePointer<T> { padded(w) + paddedCount }
            func kernelScratch(_ w: Int) -> UnsafeMutablePointer<T> { product(w) + spectrumStride }

            /// Spectrum of output channel `oc` of `group`, virtual channel `v`, for worker `w`.
            func kernelSpectrum(group: Int, oc: Int, v: Int, worker w: Int) -> UnsafeMutablePointer<T> {
                let o = group * og + oc
                if let spectra { return spectra.spectrum(output: o, channel: v) }
                if keepKernels { return keptKernels + (oc * channels + v) * spectrumStride }
                transformKernel(kernel + (o * cg + v / phases) * kVolume, g, layout, phase: v % phases,
                                real: real(w), spectrum: kernelScratch(w), plan: forward)
                return kernelScratch(w)
            }

            for group in 0..<geometry.groups {
                if keepKernels {
                    Parallel.run(workers: workers) { w in
                        for i in Parallel.share(og * channels, worker: w, of: workers) {
                            let (oc, v) = (i / channels, i % channels)
                            transformKernel(kernel + ((group * og + oc) * cg + v / phases) * kVolume, g, layout,
                                            phase: v % phases, real: real(w),
                                            spectrum: keptKernels + i * spectrumStride, plan: forward)
                        }
                    }
                }
                for b in 0..<geometry.batch {
                    Parallel.run(workers: workers) { w in
                        for c in Parallel.share(cg, worker: w, of: workers) {
                            let plane = input + (b * geometry.inputChannels + group * cg + c) * g.input.volume
                            if phases == 1 {
                                PaddedInput.write(plane, into: real(w), frame: frame, geometry: g)
                                forward.forward(real(w), inputSpectra + c * spectrumStride)
                            } else {
                                PaddedInput.write(plane, into: padded(w), frame: g.padded, geometry: g)
                                for p in 0..<phases {
                                    layout.writeInputPhase(padded(w), g, phase: layout.phase(p), into: real(w))
                                    forward.forward(real(w), inputSpectra + (c * phases + p) * spectrumStride)
                                }
                            }
                        }
                    }
                    Parallel.run(workers: workers) { w in
                        let product = product(w)
                        for oc in Parallel.share(og, worker: w, of: workers) {
                            product.update(repeating: 0, count: 2 * bins)
                            for v in 0..<channels {
                                Spectrum.multiplyConjugateAccumulate(
                                    inputSpectra + v * spectrumStride,
                                    kernelSpectrum(group: group, oc: oc, v: v, worker: w), into: product, bins: bins)
                            }
                            inverse.inverse(product, real(w))
                            crop(real(w), frame: frame, g, scale: scale,
                                 into: output + (b * geometry.outputChannels + group * og + oc) * outVolume)
                        }
                    }
                }
            }
        }
    }

    /// Transforms phase `phase` (flat index) of one kernel into `spectrum`.
    private static func transformKernel<T: ConvolveScalar>(
        _ taps: UnsafePointer<T>, _ g: Geometry3, _ layout: FFTLayout, phase: Int,
        real: UnsafeMutablePointer<T>, spectrum: UnsafeMutablePointer<T>, plan: FFTPlan<T>
    ) {
        layout.writeKernelPhase(taps, g, phase: layout.phase(phase), into: real)
        plan.forward(real, spectrum)
    }

    /// `out[oz, oy, ox] = scale · c[oz, oy, ox]`: the stride was taken by the phases.
    private static func crop<T: ConvolveScalar>(
        _ c: UnsafePointer<T>, frame: Extent3, _ g: Geometry3, scale: T, into out: UnsafeMutablePointer<T>
    ) {
        var destination = out
        for oz in 0..<g.output.z {
            for oy in 0..<g.output.y {
                let row = c + (oz * frame.y + oy) * frame.x
                for ox in 0..<g.output.x { destination[ox] = scale * row[ox] }
                destination += g.output.x
            }
        }
    }
}

extension ConvolutionGeometry {
    /// The transform extents the FFT path uses: per axis the smallest even
    /// `2^a·3^b·5^c·7^d ≥ o + ⌈(dilation·(k − 1) + 1)/stride⌉ − 1`, which is the padded
    /// input extent when the stride is 1 (see ``FFTLayout``).
    public var fftTransformExtent: [Int] { FFTPath.transformExtent(self) }

    /// How the FFT path uses `threads` threads here: `workers` threads of its own (over
    /// output channels), each running FFTW plans of `fftwThreads` threads; never both above 1.
    public func fftThreading(threads: Int) -> (workers: Int, fftwThreads: Int) {
        let t = FFTPath.threading(self, options: ConvolutionOptions(threads: max(1, threads)))
        return (t.workers, t.fftw)
    }
}

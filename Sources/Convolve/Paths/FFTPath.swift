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

    /// As ``run(_:input:kernel:output:options:)``, taking the kernel spectra from `spectra`
    /// when given (built for this geometry's layout) instead of transforming `kernel`.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        spectra: FFTKernelSpectra<T>?, output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) {
        let layout = FFTLayout(geometry)
        precondition(spectra == nil || spectra!.layout == layout, "prepared spectra belong to this layout")
        let forward = FFTPlanCache.shared.plan(T.self, extents: layout.extent, direction: .realToComplex,
                                                threads: options.threads)
        let inverse = FFTPlanCache.shared.plan(T.self, extents: layout.extent, direction: .complexToReal,
                                                threads: options.threads)
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
        let kernelSlots = spectra != nil ? 0 : keepKernels ? og * channels : 1
        let realCount = FFTWBuffer<T>.aligned(frame.volume)
        let paddedCount = phases > 1 ? FFTWBuffer<T>.aligned(g.padded.volume) : 0
        let scratchCount = realCount + paddedCount + spectrumStride * (1 + channels + kernelSlots)
        WorkspacePool.withBuffer(T.self, count: scratchCount) { scratch in
            let real = scratch
            let padded = real + realCount
            let product = padded + paddedCount
            let inputSpectra = product + spectrumStride
            let kernelScratch = inputSpectra + channels * spectrumStride

            /// Spectrum of output channel `o` (in `group`), virtual channel `v`.
            func kernelSpectrum(group: Int, oc: Int, v: Int) -> UnsafeMutablePointer<T> {
                let o = group * og + oc
                if let spectra { return spectra.spectrum(output: o, channel: v) }
                if keepKernels { return kernelScratch + (oc * channels + v) * spectrumStride }
                transformKernel(kernel + (o * cg + v / phases) * kVolume, g, layout, phase: v % phases,
                                real: real, spectrum: kernelScratch, plan: forward)
                return kernelScratch
            }

            for group in 0..<geometry.groups {
                if keepKernels {
                    for oc in 0..<og {
                        for v in 0..<channels {
                            transformKernel(kernel + ((group * og + oc) * cg + v / phases) * kVolume, g, layout,
                                            phase: v % phases, real: real,
                                            spectrum: kernelScratch + (oc * channels + v) * spectrumStride,
                                            plan: forward)
                        }
                    }
                }
                for b in 0..<geometry.batch {
                    for c in 0..<cg {
                        let plane = input + (b * geometry.inputChannels + group * cg + c) * g.input.volume
                        if phases == 1 {
                            PaddedInput.write(plane, into: real, frame: frame, geometry: g)
                            forward.forward(real, inputSpectra + c * spectrumStride)
                        } else {
                            PaddedInput.write(plane, into: padded, frame: g.padded, geometry: g)
                            for p in 0..<phases {
                                layout.writeInputPhase(padded, g, phase: layout.phase(p), into: real)
                                forward.forward(real, inputSpectra + (c * phases + p) * spectrumStride)
                            }
                        }
                    }
                    for oc in 0..<og {
                        product.update(repeating: 0, count: 2 * bins)
                        for v in 0..<channels {
                            Spectrum.multiplyConjugateAccumulate(inputSpectra + v * spectrumStride,
                                                                 kernelSpectrum(group: group, oc: oc, v: v),
                                                                 into: product, bins: bins)
                        }
                        inverse.inverse(product, real)
                        crop(real, frame: frame, g, scale: scale,
                             into: output + (b * geometry.outputChannels + group * og + oc) * outVolume)
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
}

/// The convolution theorem. Per axis the transform length is `L = FastSize.atLeast(Np)`,
/// `Np` the padded input extent. With `P` the padded input zero-extended to `L` and `K̃`
/// the (dilated) kernel placed at the origin of an `L`-sized zero array, the circular
/// correlation
///
///     c[y] = Σ_t P[(y + t) mod L] · K̃[t] = IDFT( DFT(P) · conj(DFT(K̃)) )[y] / ∏L
///
/// equals the linear one for `y ≤ Np − kd` (no index wraps, since `y + t ≤ Np − 1 < L`),
/// which covers every output; strided outputs are read at `y·s`. For several channels the
/// products are summed over the group's input channels in the frequency domain, so each
/// output channel needs one inverse transform. Transforms are real-to-complex
/// (`L_x/2 + 1` bins on the last axis), plans come from ``FFTPlanCache``.
enum FFTPath: ConvolutionPath {
    /// Transform extents (the spatial axes only) for `geometry`.
    static func transformExtent(_ geometry: ConvolutionGeometry) -> [Int] {
        geometry.paddedExtent.map(FastSize.atLeast)
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
        let extent = transformExtent(geometry)
        let forward = FFTPlanCache.shared.plan(T.self, extents: extent, direction: .realToComplex, threads: options.threads)
        let inverse = FFTPlanCache.shared.plan(T.self, extents: extent, direction: .complexToReal, threads: options.threads)

        let g = Geometry3(geometry)
        let frame = Extent3(extent)
        let bins = frame.z * frame.y * (frame.x / 2 + 1)
        let spectrumStride = FFTWBuffer<T>.aligned(2 * bins)
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let kVolume = g.kernel.volume, outVolume = g.output.volume
        let scale = 1 / T(frame.volume)

        // Kernel spectra for one group, kept across the batch when they fit in the
        // workspace budget, otherwise recomputed per batch item.
        let keepKernels = geometry.batch > 1
            && og * cg * spectrumStride * MemoryLayout<T>.stride <= options.workspaceBudget
        let realCount = FFTWBuffer<T>.aligned(frame.volume)
        let scratchCount = realCount + spectrumStride * (1 + cg + (keepKernels ? og * cg : 1))
        WorkspacePool.withBuffer(T.self, count: scratchCount) { scratch in
            let real = scratch
            let product = scratch + realCount
            let inputSpectra = product + spectrumStride
            let kernelSpectra = inputSpectra + cg * spectrumStride

            for group in 0..<geometry.groups {
                if keepKernels {
                    for i in 0..<(og * cg) {
                        transformKernel(kernel + (group * og * cg + i) * kVolume, g, frame: frame, real: real,
                                        spectrum: kernelSpectra + i * spectrumStride, plan: forward)
                    }
                }
                for b in 0..<geometry.batch {
                    for c in 0..<cg {
                        let plane = input + (b * geometry.inputChannels + group * cg + c) * g.input.volume
                        PaddedInput.write(plane, into: real, frame: frame, geometry: g)
                        forward.forward(real, inputSpectra + c * spectrumStride)
                    }
                    for oc in 0..<og {
                        let o = group * og + oc
                        product.update(repeating: 0, count: 2 * bins)
                        for c in 0..<cg {
                            let kernelSpectrum: UnsafeMutablePointer<T>
                            if keepKernels {
                                kernelSpectrum = kernelSpectra + (oc * cg + c) * spectrumStride
                            } else {
                                transformKernel(kernel + (o * cg + c) * kVolume, g, frame: frame, real: real,
                                                spectrum: kernelSpectra, plan: forward)
                                kernelSpectrum = kernelSpectra
                            }
                            Spectrum.multiplyConjugateAccumulate(inputSpectra + c * spectrumStride,
                                                                 kernelSpectrum, into: product, bins: bins)
                        }
                        inverse.inverse(product, real)
                        crop(real, frame: frame, g, scale: scale,
                             into: output + (b * geometry.outputChannels + o) * outVolume)
                    }
                }
            }
        }
    }

    /// Places the kernel taps at their dilated positions `(rz·dz, ry·dy, rx·dx)` of a zeroed
    /// `frame` and transforms it.
    private static func transformKernel<T: ConvolveScalar>(
        _ taps: UnsafePointer<T>, _ g: Geometry3, frame: Extent3, real: UnsafeMutablePointer<T>,
        spectrum: UnsafeMutablePointer<T>, plan: FFTPlan<T>
    ) {
        real.update(repeating: 0, count: frame.volume)
        var tap = taps
        for rz in 0..<g.kernel.z {
            for ry in 0..<g.kernel.y {
                let row = real + ((rz * g.dilation.z) * frame.y + ry * g.dilation.y) * frame.x
                for rx in 0..<g.kernel.x {
                    row[rx * g.dilation.x] = tap.pointee
                    tap += 1
                }
            }
        }
        plan.forward(real, spectrum)
    }

    /// `out[oz, oy, ox] = scale · c[oz·sz, oy·sy, ox·sx]`.
    private static func crop<T: ConvolveScalar>(
        _ c: UnsafePointer<T>, frame: Extent3, _ g: Geometry3, scale: T, into out: UnsafeMutablePointer<T>
    ) {
        var destination = out
        let sx = g.stride.x
        for oz in 0..<g.output.z {
            for oy in 0..<g.output.y {
                let row = c + ((oz * g.stride.z) * frame.y + oy * g.stride.y) * frame.x
                for ox in 0..<g.output.x { destination[ox] = scale * row[ox &* sx] }
                destination += g.output.x
            }
        }
    }
}

extension ConvolutionGeometry {
    /// The transform extents the FFT path uses: each padded input extent rounded up to
    /// the next `2^a·3^b·5^c·7^d`.
    public var fftTransformExtent: [Int] { FFTPath.transformExtent(self) }
}

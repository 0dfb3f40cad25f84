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
/// Transforms are real-to-complex (`L_x/2 + 1` bins on the last axis), or complex with two
/// tiles per transform in paired layouts (``FFTLayout``); plans come from ``FFTPlanCache``.
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
        if case .outputsPerTile(let outputs) = options.fftTiling {
            guard outputs.count == geometry.spatialRank else {
                throw .optionRankMismatch(option: "fftTiling outputs per tile", count: outputs.count,
                                          expected: geometry.spatialRank)
            }
            // Tiles need every kernel spectrum of a group at once.
            // Paired or not, whichever keeps the larger spectra.
            let layout = FFTLayout(geometry, outputsPerTile: outputs, scalarSize: MemoryLayout<Double>.size)
            let spectrum = max(layout.spectrumStride(Double.self), layout.pairing(true).spectrumStride(Double.self))
            let bytes = geometry.groupOutputChannels * geometry.groupInputChannels * layout.phaseCount
                * spectrum * MemoryLayout<Double>.stride
            if layout.tileCount > 1 { try options.requireWorkspace(bytes, for: "the FFT tiles' kernel spectra of one group") }
        }
    }

    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) {
        _ = run(geometry, input: input, kernel: kernel, spectra: nil, output: output, options: options)
    }

    /// The kernel spectra for `geometry` under `options` (`kernel` in correlation
    /// orientation), and both plans made, so later runs with these spectra plan nothing.
    static func prepare<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, kernel: UnsafePointer<T>, options: ConvolutionOptions
    ) -> FFTKernelSpectra<T> {
        let layout = FFTLayout.chosen(geometry, options: options, scalarSize: MemoryLayout<T>.size)
        let spectra = FFTKernelSpectra<T>(geometry, layout: layout, kernel: kernel, options: options)
        _ = plans(T.self, layout, threads: threading(geometry, layout: layout, threads: options.threads).fftw,
                  planning: options.fftPlanning ?? .estimate)
        return spectra
    }

    /// The forward and inverse plans of `layout`: r2c and c2r, or complex both ways when
    /// its tiles are paired.
    static func plans<T: ConvolveScalar>(
        _: T.Type, _ layout: FFTLayout, threads: Int, planning: FFTPlanning
    ) -> (forward: FFTPlan<T>, inverse: FFTPlan<T>) {
        (FFTPlanCache.shared.plan(T.self, extents: layout.extent,
                                  direction: layout.paired ? .complexForward : .realToComplex,
                                  threads: threads, planning: planning),
         FFTPlanCache.shared.plan(T.self, extents: layout.extent,
                                  direction: layout.paired ? .complexBackward : .complexToReal,
                                  threads: threads, planning: planning))
    }

    /// Transforms of at least this many points use FFTW's own threads when the path
    /// itself runs on one thread; smaller ones lose more to thread hand-offs than they gain.
    static let threadedTransformPoints = 1 << 15

    /// Worker threads the path runs for `geometry` laid out as `layout` (over tiles when
    /// tiled, otherwise over output channels), and the threads each FFTW plan uses: never
    /// both above 1.
    static func threading(_ geometry: ConvolutionGeometry, layout: FFTLayout, threads: Int) -> (workers: Int, fftw: Int) {
        if layout.tileCount > 1 { return (max(1, min(threads, layout.tileCount)), 1) }
        // Small transforms of few channels: a thread hand-off costs more than it saves.
        let work = layout.frame.volume * geometry.batch * (geometry.inputChannels + geometry.outputChannels)
        let workers = work < threadedTransformPoints ? 1 : max(1, min(threads, geometry.groupOutputChannels))
        if workers > 1 { return (workers, 1) }
        return (1, layout.frame.volume >= threadedTransformPoints ? threads : 1)
    }

    /// As ``run(_:input:kernel:output:options:)``, taking the kernel spectra from `spectra`
    /// when given instead of transforming `kernel`: the spectra fix the layout (prepared
    /// values keep the layout they were built for, whatever the cost model says since).
    ///
    /// Returns whether every output is finite, read as the outputs are written (no pass of
    /// its own). A NaN or ±∞ in any padded input sample a transform reads makes some output
    /// non-finite: bin 0 of that window's spectrum is the sum of its samples, so non-finite;
    /// its product with the finite kernel spectrum is non-finite in both parts (all four real
    /// products are taken, and `±∞·0` is NaN); sums over channels and a finite scale keep it
    /// so; and bin 0 enters every output of the inverse transform with coefficient 1, where
    /// no finite term can cancel it. So finite outputs prove the input finite wherever a
    /// transform read it, and ``Engine`` reads the input only when they are not
    /// (`NonFiniteTests`).
    @discardableResult
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        spectra: FFTKernelSpectra<T>?, output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) -> Bool {
        let layout = spectra?.layout ?? FFTLayout.chosen(geometry, options: options, scalarSize: MemoryLayout<T>.size)
        let workers = threading(geometry, layout: layout, threads: options.threads).workers
        // One finiteness probe per worker (``Finite/copy(_:step:into:count:)``), on the stack.
        return withUnsafeTemporaryAllocation(of: T.self, capacity: workers) { probes in
            let first = probes.baseAddress!
            first.initialize(repeating: 0, count: workers)
            if layout.tileCount == 1 {
                runWhole(geometry, layout, input: input, kernel: kernel, spectra: spectra, output: output,
                         options: options, probes: first)
            } else {
                runTiled(geometry, layout, input: input, kernel: kernel, spectra: spectra, output: output,
                         options: options, probes: first)
            }
            return probes.reduce(0, +) == 0
        }
    }

    /// One transform per channel of the whole padded input. With `options.threads > 1`
    /// and several output channels per group, input channels, kernels and output channels
    /// are shared out between that many workers, each with its own scratch; plans are
    /// executed concurrently (FFTW's execute is thread-safe). Worker `w` adds its outputs'
    /// finiteness probe to `probes[w]`.
    private static func runWhole<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, _ layout: FFTLayout, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        spectra: FFTKernelSpectra<T>?, output: UnsafeMutablePointer<T>, options: ConvolutionOptions,
        probes: UnsafeMutablePointer<T>
    ) {
        let (workers, fftwThreads) = threading(geometry, layout: layout, threads: options.threads)
        let forward = FFTPlanCache.shared.plan(T.self, extents: layout.extent, direction: .realToComplex,
                                                threads: fftwThreads,
                                                planning: options.fftPlanning ?? .estimate)
        let inverse = FFTPlanCache.shared.plan(T.self, extents: layout.extent, direction: .complexToReal,
                                                threads: fftwThreads,
                                                planning: options.fftPlanning ?? .estimate)
        let g = Geometry3(geometry)
        let frame = layout.frame, bins = layout.bins, phases = layout.phaseCount
        let spectrumStride = layout.spectrumStride(T.self)
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let channels = cg * phases  // virtual input channels: (c, φ)
        let kVolume = g.kernel.volume, outVolume = g.output.volume
        let zero = Extent3(z: 0, y: 0, x: 0)

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
                    transformGroupKernels(kernel, geometry, g, layout, group: group, into: keptKernels,
                                          plan: forward, workers: workers, real: real)
                }
                for b in 0..<geometry.batch {
                    Parallel.run(workers: workers, items: cg) { w, items in
                        for c in items {
                            let plane = input + (b * geometry.inputChannels + group * cg + c) * g.input.volume
                            if phases == 1 {
                                PaddedInput.write(plane, into: real(w), frame: frame, geometry: g)
                                forward.forward(real(w), inputSpectra + c * spectrumStride)
                            } else {
                                PaddedInput.write(plane, into: padded(w), frame: g.padded, geometry: g)
                                for p in 0..<phases {
                                    layout.writeInputPhase(padded(w), g, phase: layout.phase(p), origin: zero,
                                                           into: real(w))
                                    forward.forward(real(w), inputSpectra + (c * phases + p) * spectrumStride)
                                }
                            }
                        }
                    }
                    Parallel.run(workers: workers, items: og) { w, items in
                        let product = product(w)
                        for oc in items {
                            Spectrum.sumOfProducts(channels: channels, bins: bins, into: product) { v in
                                (UnsafePointer(inputSpectra + v * spectrumStride),
                                 UnsafePointer(kernelSpectrum(group: group, oc: oc, v: v, worker: w)))
                            }
                            inverse.inverse(product, real(w))
                            probes[w] += crop(real(w), frame: frame, origin: zero, count: g.output,
                                              into: output + (b * geometry.outputChannels + group * og + oc) * outVolume,
                                              output: g.output)
                        }
                    }
                }
            }
        }
    }

    /// Overlap-save tiles (``FFTLayout``): per group, every kernel spectrum at the tile
    /// length is made once (or taken from `spectra`); then each tile of each batch item
    /// transforms its window of every input channel, sums the products per output channel,
    /// transforms back and keeps its outputs. Paired layouts do this for tiles `2j` and
    /// `2j + 1` at once, the second window as the imaginary part (``FFTLayout``). Tiles (or
    /// pairs) are shared out between up to `options.threads` workers (single-threaded
    /// plans, a scratch per worker); each output is computed by exactly one tile, and a
    /// tile's partner does not depend on the workers, so results do not depend on the
    /// thread count. Worker `w` adds its outputs' finiteness probe to `probes[w]`.
    private static func runTiled<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, _ layout: FFTLayout, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        spectra: FFTKernelSpectra<T>?, output: UnsafeMutablePointer<T>, options: ConvolutionOptions,
        probes: UnsafeMutablePointer<T>
    ) {
        let workers = threading(geometry, layout: layout, threads: options.threads).workers
        let (forward, inverse) = plans(T.self, layout, threads: 1, planning: options.fftPlanning ?? .estimate)
        let g = Geometry3(geometry)
        let frame = layout.frame, bins = layout.bins, phases = layout.phaseCount, paired = layout.paired
        let spectrumStride = layout.spectrumStride(T.self)
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let channels = cg * phases
        let outVolume = g.output.volume

        // Shared: the group's kernel spectra (unless prepared) and, for strided layouts, the
        // padded planes of the group's input channels. Per worker: a frame (complex when
        // paired, with the two real windows, or two rows of them, beside it), the input
        // spectra of one tile, the product.
        let kernelCount = spectra == nil ? og * channels * spectrumStride : 0
        let paddedVolume = FFTWBuffer<T>.aligned(g.padded.volume)
        let paddedCount = phases > 1 ? cg * paddedVolume : 0
        let sharedCount = kernelCount + paddedCount
        // The two real windows of a pair: whole frames with stride phases, else one row each.
        let realCount = FFTWBuffer<T>.aligned(phases > 1 ? frame.volume : frame.x)
        let frameCount = layout.frameCount(T.self) + (paired ? 2 * realCount : 0)
        let workerCount = frameCount + (channels + 1) * spectrumStride
        let units = paired ? (layout.tileCount + 1) / 2 : layout.tileCount
        WorkspacePool.withBuffer(T.self, count: sharedCount + workers * workerCount) { scratch in
            let keptKernels = scratch, paddedPlanes = scratch + kernelCount
            func workFrame(_ w: Int) -> UnsafeMutablePointer<T> { scratch + sharedCount + w * workerCount }
            func inputSpectra(_ w: Int) -> UnsafeMutablePointer<T> { workFrame(w) + frameCount }
            func product(_ w: Int) -> UnsafeMutablePointer<T> { inputSpectra(w) + channels * spectrumStride }

            for group in 0..<geometry.groups {
                if spectra == nil {
                    transformGroupKernels(kernel, geometry, g, layout, group: group, into: keptKernels,
                                          plan: forward, workers: workers, real: workFrame)
                }
                func kernelSpectrum(oc: Int, v: Int) -> UnsafeMutablePointer<T> {
                    spectra?.spectrum(output: group * og + oc, channel: v) ?? keptKernels + (oc * channels + v) * spectrumStride
                }
                for b in 0..<geometry.batch {
                    func plane(_ c: Int) -> UnsafePointer<T> {
                        input + (b * geometry.inputChannels + group * cg + c) * g.input.volume
                    }
                    if phases > 1 {
                        Parallel.run(workers: workers, items: cg) { w, items in
                            for c in items {
                                PaddedInput.write(plane(c), into: paddedPlanes + c * paddedVolume, frame: g.padded,
                                                  geometry: g)
                            }
                        }
                    }
                    /// Writes tile `t`'s window of virtual channel `(c, p)` into `real`.
                    func writeWindow(_ t: Int, c: Int, p: Int, into real: UnsafeMutablePointer<T>) {
                        let origin = layout.tileBounds(t, output: g.output).origin
                        if phases == 1 {
                            PaddedInput.write(plane(c), into: real, frame: frame, geometry: g, origin: origin)
                        } else {
                            layout.writeInputPhase(paddedPlanes + c * paddedVolume, g, phase: layout.phase(p),
                                                   origin: origin, into: real)
                        }
                    }
                    // One channel into one output through row-by-column plans: the product
                    // is taken block by block inside the transforms (``FFTPlan/filter``).
                    let filtered = filters(geometry, layout)
                    assert(!filtered || (forward.filtersInPlace && inverse.filtersInPlace))
                    precondition(!filtered || (channels + 1) * spectrumStride
                           >= RowColumnDFT<T>.filterScratchCount(height: frame.y, width: frame.x))
                    Parallel.run(workers: workers, items: units) { w, items in
                        let work = workFrame(w), inputSpectra = inputSpectra(w)
                        // With one output per group the input spectra are not needed after the
                        // product, so it accumulates into the first of them: one array fewer
                        // in the cache (the blocks of `filter` use the second array).
                        let product = og == 1 && !filtered ? inputSpectra : product(w)
                        let first = work + layout.frameCount(T.self), second = first + realCount
                        /// The windows of `tile` and `partner` of virtual channel `(c, p)` as the
                        /// real and imaginary parts of the complex frame `work`. Without stride
                        /// phases, row by row: each window's row straight from the input where
                        /// it lies inside it, else padded into a row of scratch (`first`,
                        /// `second`), and the two interleaved into the frame's row; so the
                        /// frame is the only frame-sized write.
                        func writePair(_ tile: Int, _ partner: Int?, c: Int, p: Int) {
                            guard phases == 1 else {
                                writeWindow(tile, c: c, p: p, into: first)
                                if let partner { writeWindow(partner, c: c, p: p, into: second) }
                                Spectrum.interleave(first, partner == nil ? nil : second, into: work,
                                                    count: frame.volume)
                                return
                            }
                            let a = layout.tileBounds(tile, output: g.output).origin
                            let b = partner.map { layout.tileBounds($0, output: g.output).origin }
                            let source = plane(c)
                            for mz in 0..<frame.z {
                                for my in 0..<frame.y {
                                    let rowA = PaddedInput.windowRow(source, geometry: g, origin: a, z: mz, y: my,
                                                                     width: frame.x, scratch: first)
                                    let rowB = b.map {
                                        PaddedInput.windowRow(source, geometry: g, origin: $0, z: mz, y: my,
                                                              width: frame.x, scratch: second)
                                    }
                                    Spectrum.interleave(rowA, rowB, into: work + 2 * (mz * frame.y + my) * frame.x,
                                                        count: frame.x)
                                }
                            }
                        }
                        for unit in items {
                            let tile = paired ? 2 * unit : unit
                            let partner: Int? = paired && tile + 1 < layout.tileCount ? tile + 1 : nil
                            let bounds = layout.tileBounds(tile, output: g.output)
                            let partnerBounds = partner.map { layout.tileBounds($0, output: g.output) }
                            let out = output + (b * geometry.outputChannels + group * og) * outVolume
                            if filtered {
                                writePair(tile, partner, c: 0, p: 0)
                                let kernel = UnsafePointer(kernelSpectrum(oc: 0, v: 0))
                                forward.filter(work, rows: frame.y, kept: max(bounds.count.y, partnerBounds?.count.y ?? 0),
                                               inverse: inverse, scratch: inputSpectra) { block, first, bins in
                                    Spectrum.multiplyConjugate(UnsafePointer(block), kernel + 2 * first, into: block,
                                                               bins: bins)
                                }
                                probes[w] += crop(work, frame: frame, origin: bounds.origin, count: bounds.count,
                                                  into: out, output: g.output, step: 2)
                                if let partnerBounds {
                                    probes[w] += crop(work, frame: frame, origin: partnerBounds.origin,
                                                      count: partnerBounds.count, into: out, output: g.output,
                                                      step: 2, offset: 1)
                                }
                                continue
                            }
                            for c in 0..<cg {
                                for p in 0..<phases {
                                    let spectrum = inputSpectra + (c * phases + p) * spectrumStride
                                    if paired {
                                        writePair(tile, partner, c: c, p: p)
                                        forward.transform(work, spectrum)
                                    } else {
                                        writeWindow(tile, c: c, p: p, into: work)
                                        forward.forward(work, spectrum)
                                    }
                                }
                            }
                            for oc in 0..<og {
                                Spectrum.sumOfProducts(channels: channels, bins: bins, into: product) { v in
                                    (UnsafePointer(inputSpectra + v * spectrumStride), UnsafePointer(kernelSpectrum(oc: oc, v: v)))
                                }
                                let out = output + (b * geometry.outputChannels + group * og + oc) * outVolume
                                if paired {
                                    // Only the rows the tiles keep (for row-by-column 2-D plans).
                                    inverse.transform(product, work, rows: max(bounds.count.y, partnerBounds?.count.y ?? 0))
                                } else {
                                    inverse.inverse(product, work)
                                }
                                probes[w] += crop(work, frame: frame, origin: bounds.origin, count: bounds.count,
                                                  into: out, output: g.output, step: paired ? 2 : 1)
                                if let partnerBounds {
                                    probes[w] += crop(work, frame: frame, origin: partnerBounds.origin,
                                                      count: partnerBounds.count, into: out, output: g.output,
                                                      step: 2, offset: 1)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether `layout`'s tiles go through ``FFTPlan/filter``: paired 2-D frames transformed
    /// by rows and columns (``FFTPlan/rowColumnPoints``), one virtual input channel and one
    /// output channel per group.
    static func filters(_ geometry: ConvolutionGeometry, _ layout: FFTLayout) -> Bool {
        layout.paired && layout.extent.count == 2 && layout.frame.volume > FFTPlan<Float>.rowColumnPoints
            && geometry.groupInputChannels * layout.phaseCount == 1 && geometry.groupOutputChannels == 1
    }

    /// Transforms every kernel of `group`, each phase, into `spectra` (one spectrum per
    /// `(output channel, virtual channel)` of the group, in that order), shared out between
    /// `workers`, each using its frame `real(w)`. With fewer kernels than workers and
    /// paired tiles (a row-by-column transform, the single kernel of a large image filter),
    /// each kernel's transform is shared out instead, one kernel after the other in `real(0)`.
    private static func transformGroupKernels<T: ConvolveScalar>(
        _ kernel: UnsafePointer<T>, _ geometry: ConvolutionGeometry, _ g: Geometry3, _ layout: FFTLayout,
        group: Int, into spectra: UnsafeMutablePointer<T>, plan: FFTPlan<T>, workers: Int,
        real: (Int) -> UnsafeMutablePointer<T>
    ) {
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels, phases = layout.phaseCount
        let channels = cg * phases, stride = layout.spectrumStride(T.self)
        if og * channels < workers && layout.paired {
            for i in 0..<og * channels {
                let (oc, v) = (i / channels, i % channels)
                transformKernel(kernel + ((group * og + oc) * cg + v / phases) * g.kernel.volume, g, layout,
                                phase: v % phases, real: real(0), spectrum: spectra + i * stride, plan: plan,
                                workers: workers)
            }
            return
        }
        Parallel.run(workers: workers, items: og * channels) { w, items in
            for i in items {
                let (oc, v) = (i / channels, i % channels)
                transformKernel(kernel + ((group * og + oc) * cg + v / phases) * g.kernel.volume, g, layout,
                                phase: v % phases, real: real(w), spectrum: spectra + i * stride, plan: plan)
            }
        }
    }

    /// Transforms phase `phase` (flat index) of one kernel into `spectrum`, scaled by
    /// `1/∏L` (on the taps) so that the inverse transform of a product needs no scaling.
    /// `real` holds ``FFTLayout/frameCount(_:)`` scalars; `plan` is the layout's forward
    /// plan (paired layouts take the full complex spectrum of the real kernel, whose blocks
    /// `workers` share, ``FFTPlan/transform(_:_:rows:workers:)``).
    static func transformKernel<T: ConvolveScalar>(
        _ taps: UnsafePointer<T>, _ g: Geometry3, _ layout: FFTLayout, phase: Int,
        real: UnsafeMutablePointer<T>, spectrum: UnsafeMutablePointer<T>, plan: FFTPlan<T>, workers: Int = 1
    ) {
        // The scale goes on the taps (∏k of them) rather than the spectrum (∏L bins).
        let scale = 1 / T(layout.frame.volume)
        if layout.paired {
            layout.writeKernelPhase(taps, g, phase: layout.phase(phase), scale: scale, step: 2, into: real)
            // The taps fill the frame's first rows: `⌊(k − 1)·d / s⌋ + 1` on the y axis.
            plan.transform(real, spectrum, rows: (g.kernel.y - 1) * g.dilation.y / layout.phases.y + 1,
                           workers: workers)
        } else {
            layout.writeKernelPhase(taps, g, phase: layout.phase(phase), scale: scale, into: real)
            plan.forward(real, spectrum)
        }
    }

    /// `out[origin + m] = c[m·step + offset]` for `m < count` per axis (`out` of extents
    /// `output`, `m` flat in `frame`): a tile's outputs, the first of its frame (the `1/∏L`
    /// of the inverse transform is in the kernel spectra; the stride was taken by the
    /// phases). `step` 2 reads the real (`offset` 0) or imaginary (1) parts of a complex frame.
    /// Returns the outputs' finiteness probe (``Finite/copy(_:step:into:count:)``): 0 when
    /// all are finite.
    private static func crop<T: ConvolveScalar>(
        _ c: UnsafePointer<T>, frame: Extent3, origin: Extent3, count: Extent3,
        into out: UnsafeMutablePointer<T>, output: Extent3, step: Int = 1, offset: Int = 0
    ) -> T {
        var probe: T = 0
        for mz in 0..<count.z {
            for my in 0..<count.y {
                let row = c + ((mz * frame.y + my) * frame.x) * step + offset
                let destination = out + ((origin.z + mz) * output.y + origin.y + my) * output.x + origin.x
                probe += Finite.copy(row, step: step, into: destination, count: count.x)
            }
        }
        return probe
    }
}

extension ConvolutionGeometry {
    /// The transform extents of the untiled FFT layout: per axis the smallest even
    /// `2^a·3^b·5^c·7^d ≥ o + ⌈(dilation·(k − 1) + 1)/stride⌉ − 1`, which is the padded
    /// input extent when the stride is 1 (see ``FFTLayout``).
    public var fftTransformExtent: [Int] { FFTPath.transformExtent(self) }

    /// The FFT path's plan for scalars of type `T` under `options`: the transform extents,
    /// the tiles per axis (all 1 when untiled), its threads: `workers` of its own (over
    /// tiles, or over output channels), each running FFTW plans of `fftwThreads` threads
    /// (never both above 1), and whether tiles go two per complex transform
    /// (``ConvolutionOptions/fftPairedTiles``).
    public func fftPlan<T: ConvolveScalar>(
        _: T.Type, options: ConvolutionOptions = .init()
    ) -> (extent: [Int], tiles: [Int], workers: Int, fftwThreads: Int, pairedTiles: Bool) {
        let layout = FFTLayout.chosen(self, options: options, scalarSize: MemoryLayout<T>.size)
        let t = FFTPath.threading(self, layout: layout, threads: max(1, options.threads))
        let tiles = [layout.tiles.z, layout.tiles.y, layout.tiles.x].suffix(spatialRank)
        return (layout.extent, Array(tiles), t.workers, t.fftw, layout.paired)
    }
}

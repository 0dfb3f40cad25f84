/// The sliding-window sum, computed output row by output row.
///
/// For each output row (fixed `b, o, oz, oy`) and block of up to ``blockLength`` outputs
/// along x, it adds `w · P[row + x·sx]` for every input channel of the group and every
/// kernel tap `w`: with stride 1 that is a contiguous multiply-add the compiler
/// vectorises, and the block stays in L1 cache across all taps. Each channel plane is
/// padded once (``PaddedInput``), so the loops never test for borders.
///
/// With stride 1 and dilation 1 along x, native accumulation runs ``DirectRowKernel``
/// instead (AVX2 + FMA where the processor has them): register-blocked, two output rows
/// at a time; large 2-D planes are then padded
/// in bands of rows that stay in cache (``bandRows(_:channels:scalarSize:workers:)``)
/// rather than whole, long rows that are not banded (a 1-D signal) are read in place
/// (``inPlaceColumns(_:channels:scalarSize:workers:instructions:)``), and large 3-D inputs are
/// padded in slabs of z-slices (``slabSlices(_:channels:scalarSize:workers:)``).
///
/// Layers with many output channels per group run ``DirectChannelBlocks`` (eight output
/// channels per pass over flat runs of outputs) or ``DirectChannelVectors`` (16 output
/// channels in the vector lanes, six output positions a tile wherever their taps lie)
/// instead, vector forms only, any stride or dilation, whichever the cost model prices
/// lowest (``CostModel/directForm(_:scalarSize:threads:workspaceBudget:instructions:)``).
///
/// In `extended` accumulation (``Method/reference``) the sums run in `Double` with
/// Neumaier's compensated summation: each `Float` product is exact in `Double`, so the
/// result is correctly rounded up to a few units of `Double`'s epsilon.
enum DirectPath: ConvolutionPath {
    /// Outputs per block along x.
    static let blockLength = 1024

    enum Accumulation { case native, extended }

    /// How native sums are computed: output row by output row (the row kernel and the
    /// loops), eight output channels at a time (``DirectChannelBlocks``), 16 output channels
    /// in the vector lanes (``DirectChannelVectors``), or a depthwise layer's channels in the
    /// vector lanes (``DirectDepthwiseLanes``).
    enum Form {
        case rows, channelBlocks, channelVectors, depthwiseLanes

        /// How ``PathChoice`` names the form.
        var name: String {
            switch self {
            case .rows: return "output rows"
            case .channelBlocks: return "channel blocks"
            case .channelVectors: return "channel vectors"
            case .depthwiseLanes: return "depthwise lanes"
            }
        }
    }

    static func check(_ geometry: ConvolutionGeometry, options: ConvolutionOptions) throws(ConvolutionError) {}

    /// The form ``run(_:input:kernel:output:bias:accumulation:threads:instructions:form:workspaceBudget:)``
    /// takes for native sums when none is forced: the depthwise lanes where they apply, else
    /// whichever of the rows, the channel blocks and the channel vectors `model` estimates
    /// fastest (the vector forms only where they run). `weightsPrepared`: the channel
    /// vectors' weights come packed (``ChannelVectorWeights``), so they cost no packing.
    static func form(_ geometry: ConvolutionGeometry, scalarSize: Int, threads: Int, workspaceBudget: Int,
                     instructions: VectorInstructions = .detected, model: CostModel = .current,
                     weightsPrepared: Bool = false) -> Form {
        let g = Geometry3(geometry)
        if DirectDepthwiseLanes.applies(geometry, g, instructions: instructions) { return .depthwiseLanes }
        return model.directForm(geometry, scalarSize: scalarSize, threads: threads, workspaceBudget: workspaceBudget,
                                instructions: instructions, weightsPrepared: weightsPrepared)
    }

    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) {
        run(geometry, input: input, kernel: kernel, output: output, bias: nil, options: options)
    }

    /// ``run(_:input:kernel:output:options:)`` with a layer's `bias` (`O` values) added and,
    /// when given, its weights packed for the channel vectors (used where they run).
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?, options: ConvolutionOptions,
        vectorWeights: ChannelVectorWeights<T>? = nil
    ) {
        run(geometry, input: input, kernel: kernel, output: output, bias: bias, accumulation: .native,
            threads: options.threads, workspaceBudget: options.workspaceBudget, vectorWeights: vectorWeights)
    }

    /// Worker threads for `geometry`: at most `threads`, and per worker at least 64 output
    /// rows and ``multiplyAddsPerWorker`` multiply-adds (of one batch item and group), so
    /// small problems stay on one thread.
    static func workers(_ geometry: ConvolutionGeometry, threads: Int) -> Int {
        let rows = geometry.outputExtent.dropLast().reduce(1, *)
        let macs = geometry.groupOutputChannels * geometry.outputVolume * geometry.groupInputChannels
            * geometry.kernelVolume
        // The register-blocked kernel also splits rows along x, so one long row can be shared.
        let units = DirectRowKernel.applies(Geometry3(geometry))
            ? geometry.groupOutputChannels * geometry.outputVolume / DirectRowKernel.minimumSpan
            : geometry.groupOutputChannels * rows / 64
        return max(1, min(threads, units, macs / multiplyAddsPerWorker))
    }

    /// About 30 µs of arithmetic: below that a thread hand-off costs more than it saves.
    static let multiplyAddsPerWorker = 250_000

    /// Output rows (per batch item and group: output channels × rows) are shared out
    /// between up to `threads` workers; the padded input planes are shared, read-only.
    /// `instructions` picks the blocked kernel's compiled form (tests run both); `form`,
    /// when given, overrides the choice of form (native accumulation; the channel blocks
    /// and the lanes need a vector form and a layer they apply to, else the rows run): by
    /// default ``form(_:scalarSize:threads:workspaceBudget:instructions:model:)``. With `bias` (`O` values, a
    /// layer's), output channel `o` is `bias[o]` plus its sums: added as the channel blocks
    /// and the lanes store them, or after the rows (``OutputBias``), the same bits.
    /// `vectorWeights` (a prepared value's kernel packed once, correlation orientation) spare
    /// the channel vectors their packing, and the form is chosen knowing that.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, bias: UnsafePointer<T>? = nil, accumulation: Accumulation, threads: Int = 1,
        instructions: VectorInstructions = .detected, form: Form? = nil,
        workspaceBudget: Int = ConvolutionOptions.defaultWorkspaceBudget, vectorWeights: ChannelVectorWeights<T>? = nil
    ) {
        let g = Geometry3(geometry)
        let vectorWeights = vectorWeights.flatMap { $0.isFor(geometry, instructions: instructions) ? $0 : nil }
        let chosen = accumulation == .extended ? .rows
            : form ?? Self.form(geometry, scalarSize: MemoryLayout<T>.size, threads: threads,
                                workspaceBudget: workspaceBudget, instructions: instructions,
                                weightsPrepared: vectorWeights != nil)
        if chosen == .depthwiseLanes, DirectDepthwiseLanes.applies(geometry, g, instructions: instructions) {
            DirectDepthwiseLanes.run(geometry, g, input: input, kernel: kernel, output: output, bias: bias,
                                     threads: threads, instructions: instructions)
            return
        }
        if chosen == .channelVectors,
           DirectChannelVectors.applies(geometry, scalarSize: MemoryLayout<T>.size, instructions: instructions,
                                        workspaceBudget: workspaceBudget) {
            DirectChannelVectors.run(geometry, input: input, kernel: kernel, output: output, bias: bias,
                                     workers: DirectChannelVectors.workers(geometry, threads: threads,
                                                                           scalarSize: MemoryLayout<T>.size,
                                                                           instructions: instructions),
                                     prepared: vectorWeights, instructions: instructions)
            return
        }
        if chosen == .channelBlocks,
           DirectChannelBlocks.applies(g, channels: geometry.groupInputChannels, scalarSize: MemoryLayout<T>.size,
                                       instructions: instructions, workspaceBudget: workspaceBudget) {
            DirectChannelBlocks.run(geometry, input: input, kernel: kernel, output: output, bias: bias,
                                    workers: DirectChannelBlocks.workers(geometry, threads: threads,
                                                                         instructions: instructions),
                                    instructions: instructions)
            return
        }
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let inVolume = g.input.volume, padVolume = g.padded.volume
        let kVolume = g.kernel.volume, outVolume = g.output.volume
        let rows = g.output.z * g.output.y
        if accumulation == .native,
           runsPlanes(geometry, g, scalarSize: MemoryLayout<T>.size, threads: threads, instructions: instructions) {
            runPlanes(geometry, g, input: input, kernel: kernel, output: output, bias: bias, og: og,
                      workers: planeWorkers(geometry, threads: threads), instructions: instructions)
            return
        }
        let workers = workers(geometry, threads: threads)

        let bandRows = accumulation == .native && DirectRowKernel.applies(g)
            ? Self.bandRows(g, channels: cg, scalarSize: MemoryLayout<T>.size, workers: workers) : nil
        // Per worker, a band's channels back to back, `bandPaddedRows · P_x` apart (the
        // stride the kernel reads them at); after them, as after whole planes, slack for the
        // blocked kernel's partial last block.
        let bandScratch = bandRows.map {
            cg * bandPaddedRows(g, outputRows: $0) * g.padded.x + FFTWBuffer<T>.aligned(DirectRowKernel.block)
        } ?? 0
        let inPlaceColumns = accumulation == .native
            ? Self.inPlaceColumns(g, channels: cg, scalarSize: MemoryLayout<T>.size, workers: workers,
                                  instructions: instructions) : nil
        // Per worker, the wider end of the rows read in place, padded.
        let endScratch = inPlaceColumns.map {
            cg * bandPaddedRows(g, outputRows: g.output.y) * (max($0.lowerBound, g.output.x - $0.upperBound) + g.kernel.x - 1)
                + FFTWBuffer<T>.aligned(DirectRowKernel.block)
        } ?? 0
        // Bands and rows read in place are 2-D planes, slabs 3-D inputs: at most one applies.
        let slabOutputs = accumulation == .native
            ? Self.slabSlices(g, channels: cg, scalarSize: MemoryLayout<T>.size, workers: workers) : nil
        let slabScratch = slabOutputs.map {
            cg * slabPaddedSlices(g, outputSlices: $0) * g.padded.slice + FFTWBuffer<T>.aligned(DirectRowKernel.block)
        } ?? 0
        let paddedCount = inPlaceColumns != nil ? workers * endScratch
            : slabOutputs != nil ? workers * slabScratch
            : bandRows == nil ? cg * padVolume + DirectRowKernel.block : workers * bandScratch
        WorkspacePool.withBuffer(T.self, count: paddedCount) { padded in
            WorkspacePool.withBuffer(Double.self, count: workers * 2 * blockLength) { sums in
                for b in 0..<geometry.batch {
                    for group in 0..<geometry.groups {
                        let planes = input + (b * geometry.inputChannels + group * cg) * inVolume
                        let out = output + (b * geometry.outputChannels + group * og) * outVolume
                        if let bandRows {
                            runBanded(g, planes: planes, scratch: padded, scratchPerWorker: bandScratch, bandRows: bandRows,
                                      kernel: kernel, channels: cg, group: group, og: og, output: out, workers: workers,
                                      instructions: instructions)
                            continue
                        }
                        if let inPlaceColumns {
                            runInPlace(g, columns: inPlaceColumns, planes: planes, scratch: padded,
                                       scratchPerWorker: endScratch, kernel: kernel, channels: cg, group: group, og: og,
                                       output: out, workers: workers, instructions: instructions)
                            continue
                        }
                        if let slabOutputs {
                            runSlabs(g, slices: slabOutputs, planes: planes, scratch: padded,
                                     scratchPerWorker: slabScratch, kernel: kernel, channels: cg, group: group, og: og,
                                     output: out, workers: workers, instructions: instructions)
                            continue
                        }
                        padPlanes(planes, into: padded, channels: cg, g, workers: workers)
                        if accumulation == .native && DirectRowKernel.applies(g) {
                            runBlocked(g, padded: padded, kernel: kernel, channels: cg, group: group, og: og,
                                       output: out, workers: workers, instructions: instructions)
                            continue
                        }
                        Parallel.run(workers: workers, items: og * rows) { w, items in
                            for item in items {
                                let (oc, r) = (item / rows, item % rows)
                                let (oz, oy) = (r / g.output.y, r % g.output.y)
                                let o = group * og + oc
                                let weights = kernel + o * cg * kVolume
                                let row = output + (b * geometry.outputChannels + o) * outVolume + r * g.output.x
                                var x0 = 0
                                while x0 < g.output.x {
                                    let count = min(blockLength, g.output.x - x0)
                                    switch accumulation {
                                    case .native:
                                        accumulateNative(g, padded: padded, weights: weights, channels: cg,
                                                         oz: oz, oy: oy, x0: x0, count: count, into: row + x0)
                                    case .extended:
                                        accumulateExtended(g, padded: padded, weights: weights, channels: cg,
                                                           oz: oz, oy: oy, x0: x0, count: count,
                                                           scratch: sums + w * 2 * blockLength, into: row + x0)
                                    }
                                    x0 += count
                                }
                            }
                        }
                    }
                }
            }
        }
        if let bias { OutputBias.add(bias, to: output, geometry) }
    }

    /// Whether native sums run plane by plane (``runPlanes``): one input channel per group,
    /// more than one plane, dilation 1 along x, and planes padded whole (stride 1 along x:
    /// not cut into bands, slabs or read in place; a stride along x: padded planes of at
    /// most ``bandBytes``).
    static func runsPlanes(_ geometry: ConvolutionGeometry, _ g: Geometry3, scalarSize: Int, threads: Int,
                           instructions: VectorInstructions = .detected) -> Bool {
        guard geometry.groupInputChannels == 1, geometry.batch * geometry.groups > 1, g.dilation.x == 1 else {
            return false
        }
        guard DirectRowKernel.applies(g) else { return g.padded.volume * scalarSize <= bandBytes }
        let workers = workers(geometry, threads: threads)
        return bandRows(g, channels: 1, scalarSize: scalarSize, workers: workers) == nil
            && inPlaceColumns(g, channels: 1, scalarSize: scalarSize, workers: workers, instructions: instructions) == nil
            && slabSlices(g, channels: 1, scalarSize: scalarSize, workers: workers) == nil
    }

    /// The column phases ``runPlanes`` computes `g` in: per phase the geometry its row kernel
    /// reads (``Geometry3/columnPhase(taps:columns:)``), `g` itself at stride 1 along x.
    static func columnPhases(_ g: Geometry3) -> [Geometry3] {
        let sx = g.stride.x
        guard sx > 1 else { return [g] }
        let taps = (0..<min(sx, g.kernel.x)).map { (g.kernel.x - $0 + sx - 1) / sx }
        return taps.map { g.columnPhase(taps: $0, columns: g.output.x + taps[0] - 1) }
    }

    /// Workers for ``runPlanes``: at most `threads`, one plane (batch item and group) and
    /// ``multiplyAddsPerWorker`` multiply-adds each at least.
    static func planeWorkers(_ geometry: ConvolutionGeometry, threads: Int) -> Int {
        let planes = geometry.batch * geometry.groups
        let macs = planes * geometry.groupOutputChannels * geometry.outputVolume * geometry.kernelVolume
        return max(1, min(threads, planes, macs / multiplyAddsPerWorker))
    }

    /// Layers with one input channel per group (depthwise, with any channel multiplier)
    /// whose planes are padded whole: every (batch item, group) plane is an item of one
    /// parallel loop, padded into its worker's scratch (`P_x·P_y·P_z` plus slack for the
    /// kernel's last block) and run through ``DirectRowKernel`` for each of its `og` output
    /// channels, all rows of a z-slice in one call. One loop over the planes instead of a
    /// loop (and a hand-off to the workers) per group: a MobileNet layer of 960 channels of
    /// 7² outputs had spent most of its time between the planes.
    ///
    /// A stride along x (dilation 1) is taken by column phases: phase `φ < min(s_x, k_x)`
    /// holds padded columns `φ + i·s_x`, and
    ///
    ///     y[x] = Σ_φ Σ_j w[φ + j·s_x] · Q_φ[x + j],   Q_φ[i] = P[φ + i·s_x],
    ///
    /// so each phase is a stride-1 correlation with the taps `rx ≡ φ (mod s_x)`
    /// (`⌈(k_x − φ)/s_x⌉` of them), which the row kernel computes in vectors; the phases
    /// after the first add to the outputs (`accumulate`), so every tap is read once and no
    /// zero tap reads a sample outside the kernel's footprint (a NaN there stays out).
    /// Stride 2 along x on 2-D planes goes instead through ``VectorStrideTwoRows`` where a
    /// vector form runs: the padded plane read as it lies, the even samples taken in
    /// registers (``usesStrideTwoRows(_:instructions:)``).
    ///
    /// With `bias`, output channel `o`'s plane gets `bias[o]` added as it is finished (in
    /// cache; the bits of ``OutputBias``'s pass after the call).
    private static func runPlanes<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, _ g: Geometry3, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?, og: Int, workers: Int,
        instructions: VectorInstructions
    ) {
        if usesStrideTwoRows(g, instructions: instructions) {
            runStrideTwoPlanes(geometry, g, input: input, kernel: kernel, output: output, bias: bias, og: og,
                               workers: workers)
            return
        }
        let groups = geometry.groups, sx = g.stride.x
        let kVolume = g.kernel.volume, inVolume = g.input.volume, outVolume = g.output.volume
        let phases = columnPhases(g), phaseCount = phases.count
        let taps = phases.map(\.kernel.x), columns = phases[0].padded.x
        // Phase φ's taps start at Σ_{ψ<φ} k_z·k_y·taps_ψ within an output channel's kVolume.
        let tapRows = g.kernel.z * g.kernel.y
        var phaseTaps: [Int] = [0]
        for φ in 1..<max(1, phaseCount) { phaseTaps.append(phaseTaps[φ - 1] + tapRows * taps[φ - 1]) }
        let phaseFrame = Extent3(z: g.padded.z, y: g.padded.y, x: columns)
        let planeCount = FFTWBuffer<T>.aligned(g.padded.volume + DirectRowKernel.block)
        let phasesCount = sx == 1 ? 0 : FFTWBuffer<T>.aligned(phaseCount * phaseFrame.volume + DirectRowKernel.block)
        let perWorker = planeCount + phasesCount
        let weightCount = sx == 1 ? 0 : geometry.outputChannels * kVolume
        WorkspacePool.withBuffer(T.self, count: workers * perWorker + weightCount) { scratch in
            // Each output channel's taps regrouped by phase: [φ][z][y][j] = w[z][y][φ + j·s_x].
            let phaseWeights = scratch + workers * perWorker
            if sx > 1 {
                for o in 0..<geometry.outputChannels {
                    let from = kernel + o * kVolume
                    var to = phaseWeights + o * kVolume
                    for φ in 0..<phaseCount {
                        for r in 0..<tapRows {
                            for j in 0..<taps[φ] {
                                to.pointee = from[r * g.kernel.x + φ + j * sx]
                                to += 1
                            }
                        }
                    }
                }
            }
            Parallel.run(workers: workers, items: geometry.batch * groups) { w, items in
                let padded = scratch + w * perWorker, phased = padded + planeCount
                for item in items {
                    let (b, group) = (item / groups, item % groups)
                    let plane = input + (b * geometry.inputChannels + group) * inVolume
                    if sx > 1 {
                        PaddedInput.writeColumnPhases(plane, geometry: g, phases: phaseCount, columns: columns,
                                                      scratch: padded, into: phased)
                    } else {
                        PaddedInput.write(plane, into: padded, frame: g.padded, geometry: g)
                    }
                    for oc in 0..<og {
                        let o = group * og + oc
                        let plane = output + (b * geometry.outputChannels + o) * outVolume
                        for oz in 0..<g.output.z {
                            for φ in 0..<phases.count {
                                let source: UnsafeMutablePointer<T> = sx == 1 ? padded : phased + φ * phaseFrame.volume
                                let weights: UnsafePointer<T> = sx == 1
                                    ? kernel + o * kVolume : UnsafePointer(phaseWeights + o * kVolume + phaseTaps[φ])
                                DirectRowKernel.rows(
                                    phases[φ], padded: source, weights: weights,
                                    channels: 1, oz: oz, oy: 0, count: g.output.y, x: 0..<g.output.x,
                                    out: plane + oz * g.output.slice, outRowStride: g.output.x, accumulate: φ > 0,
                                    instructions: instructions)
                            }
                        }
                        if let bias { OutputBias.add(bias[o], toPlane: plane, count: outVolume) }
                    }
                }
            }
        }
    }

    /// Whether ``runPlanes`` takes `g` through ``VectorStrideTwoRows``: stride 2 and
    /// dilation 1 along x, a 2-D plane (one z-slice, no taps along z), and a vector form.
    static func usesStrideTwoRows(_ g: Geometry3, instructions: VectorInstructions) -> Bool {
        g.stride.x == 2 && g.dilation.x == 1 && g.padded.z == 1 && g.kernel.z == 1
            && instructions.runsVectorForm
    }

    /// ``runPlanes``'s stride-2 route: each (batch item, group) plane padded into its
    /// worker's scratch (with the kernel's slack after it), then each of its `og` output
    /// channels in one ``VectorStrideTwoRows`` call, the bias added as it stores.
    private static func runStrideTwoPlanes<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, _ g: Geometry3, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?, og: Int, workers: Int
    ) {
        let groups = geometry.groups, kVolume = g.kernel.volume
        let planeCount = FFTWBuffer<T>.aligned(g.padded.volume + VectorStrideTwoRows.slack(scalarSize: MemoryLayout<T>.size))
        WorkspacePool.withBuffer(T.self, count: workers * planeCount) { scratch in
            Parallel.run(workers: workers, items: geometry.batch * groups) { w, items in
                let padded = scratch + w * planeCount
                for item in items {
                    let (b, group) = (item / groups, item % groups)
                    PaddedInput.write(input + (b * geometry.inputChannels + group) * g.input.volume, into: padded,
                                      frame: g.padded, geometry: g)
                    for oc in 0..<og {
                        let o = group * og + oc
                        VectorStrideTwoRows.run(g, padded: padded, weights: kernel + o * kVolume, bias: bias.map { $0 + o },
                                                out: output + (b * geometry.outputChannels + o) * g.output.volume)
                    }
                }
            }
        }
    }

    /// Output rows per band when the blocked kernel should pad its input in bands that stay
    /// in cache rather than as whole planes: 2-D planes (one z-slice) whose padded planes
    /// exceed ``bandBytes``, with at least four bands per worker. A band of `B` output rows
    /// pads `(B − 1)·s_y + (k_y − 1)·d_y + 1` rows of each channel into the worker's own
    /// scratch and is then computed for every output channel of the group, so the padded
    /// rows are written and read while still in L2 instead of making a round trip to
    /// memory (the whole-plane pad of a 1024² image is 4 MiB written and read back).
    static func bandRows(_ g: Geometry3, channels: Int, scalarSize: Int, workers: Int) -> Int? {
        guard g.padded.z == 1, g.output.z == 1 else { return nil }
        let rowBytes = channels * g.padded.x * scalarSize
        guard channels * g.padded.volume * scalarSize > bandBytes, rowBytes > 0 else { return nil }
        let reach = (g.kernel.y - 1) * g.dilation.y + 1
        // The most output rows whose padded rows fit bandBytes, a multiple of the rows the
        // kernel takes together when there are that many (DirectRowKernel.rowGroup: six or
        // four in AVX-512), else even (pairs).
        let group = DirectRowKernel.rowGroup(g)
        var rows = min((bandBytes / rowBytes - reach) / max(1, g.stride.y) + 1, g.output.y)
        rows = rows >= group ? rows / group * group : rows / 2 * 2
        guard rows >= 2, (g.output.y + rows - 1) / rows >= 4 * workers else { return nil }
        return rows
    }

    /// Bytes of padded rows per band: about half of a 512 KiB L2.
    static let bandBytes = 192 * 1024

    /// Padded rows a band of `outputRows` output rows reads.
    static func bandPaddedRows(_ g: Geometry3, outputRows: Int) -> Int {
        (outputRows - 1) * g.stride.y + (g.kernel.y - 1) * g.dilation.y + 1
    }

    /// One batch item and group through ``DirectRowKernel`` in bands of `bandRows` output
    /// rows shared out between `workers`, for every output channel, the rows of a band in
    /// groups that share input rows.
    ///
    /// Where the compiled kernel reads no slack past its rows (the vector forms), the
    /// band's rows whose taps all fall inside the input (``Geometry3/interior``) read the
    /// input planes in place over their interior columns; only the few columns at either
    /// end, and the rows near the top and bottom, are padded (``PaddedInput``, from padded
    /// row `y·s_y` and column `x` on) into the worker's part of `scratch`, while in cache.
    /// The portable kernel pads every band whole.
    private static func runBanded<T: ConvolveScalar>(
        _ g: Geometry3, planes: UnsafePointer<T>, scratch: UnsafeMutablePointer<T>, scratchPerWorker: Int,
        bandRows: Int, kernel: UnsafePointer<T>, channels: Int, group: Int, og: Int,
        output: UnsafeMutablePointer<T>, workers: Int, instructions: VectorInstructions
    ) {
        let bands = (g.output.y + bandRows - 1) / bandRows
        let kVolume = g.kernel.volume, outVolume = g.output.volume, ox = g.output.x
        let interior = instructions.runsVectorForm ? g.interior : nil
        func throughPaddedWindow(_ ys: Range<Int>, _ xs: Range<Int>, buffer: UnsafeMutablePointer<T>) {
            Self.throughPaddedWindow(g, ys, xs, planes: planes, buffer: buffer, kernel: kernel, channels: channels,
                                     group: group, og: og, output: output, instructions: instructions)
        }
        // The input read in place: a window of the input's own extents (its row and
        // channel strides), entered at each band's first interior sample.
        let inPlace = g.window(paddedRows: g.input.y, columns: g.input.x)
        Parallel.run(workers: workers, items: bands) { w, items in
            let buffer = scratch + w * scratchPerWorker
            for band in items {
                let y0 = band * bandRows, y1 = min(g.output.y, y0 + bandRows)
                guard let interior else {
                    throughPaddedWindow(y0..<y1, 0..<ox, buffer: buffer)
                    continue
                }
                let a = min(max(y0, interior.rows.lowerBound), y1), b = max(a, min(y1, interior.rows.upperBound))
                throughPaddedWindow(y0..<a, 0..<ox, buffer: buffer)
                throughPaddedWindow(b..<y1, 0..<ox, buffer: buffer)
                guard a < b else { continue }
                let xs = interior.columns
                throughPaddedWindow(a..<b, 0..<xs.lowerBound, buffer: buffer)
                throughPaddedWindow(a..<b, xs.upperBound..<ox, buffer: buffer)
                // Output (a, x₀) with tap (0, 0) reads input (a·s_y − before_y, x₀ − before_x),
                // inside the plane because both rows and columns are interior.
                let origin = planes + (a * g.stride.y - g.before.y) * g.input.x + (xs.lowerBound - g.before.x)
                for oc in 0..<og {
                    DirectRowKernel.rows(inPlace, padded: origin, weights: kernel + (group * og + oc) * channels * kVolume,
                                         channels: channels, oz: 0, oy: 0, count: b - a, x: 0..<xs.count,
                                         out: output + oc * outVolume + a * ox + xs.lowerBound, outRowStride: ox,
                                         instructions: instructions)
                }
            }
        }
    }

    /// Output rows `ys` and columns `xs` of every output channel of the group (``runBanded``'s
    /// arguments), from the padded window they read (per channel, the padded rows of `ys` by
    /// `xs.count + k_x − 1` columns), written into `buffer` first.
    private static func throughPaddedWindow<T: ConvolveScalar>(
        _ g: Geometry3, _ ys: Range<Int>, _ xs: Range<Int>, planes: UnsafePointer<T>, buffer: UnsafeMutablePointer<T>,
        kernel: UnsafePointer<T>, channels: Int, group: Int, og: Int, output: UnsafeMutablePointer<T>,
        instructions: VectorInstructions
    ) {
        guard !ys.isEmpty, !xs.isEmpty else { return }
        let window = g.window(paddedRows: bandPaddedRows(g, outputRows: ys.count), columns: xs.count + g.kernel.x - 1)
        for c in 0..<channels {
            PaddedInput.write(planes + c * g.input.volume, into: buffer + c * window.padded.volume,
                              frame: window.padded, geometry: g,
                              origin: Extent3(z: 0, y: ys.lowerBound * g.stride.y, x: xs.lowerBound))
        }
        for oc in 0..<og {
            DirectRowKernel.rows(window, padded: buffer, weights: kernel + (group * og + oc) * channels * g.kernel.volume,
                                 channels: channels, oz: 0, oy: 0, count: ys.count, x: 0..<xs.count,
                                 out: output + oc * g.output.volume + ys.lowerBound * g.output.x + xs.lowerBound,
                                 outRowStride: g.output.x, instructions: instructions)
        }
    }

    /// The interior columns of planes that ``runInPlace`` computes: 2-D planes too large to
    /// pad whole in cache (more than ``bandBytes`` for the group) that are not cut into bands
    /// (``bandRows(_:channels:scalarSize:workers:)`` is nil: few output rows, as a 1-D
    /// signal's one), every output row interior (``Geometry3/interior``), in a vector form
    /// (which reads no slack past the rows). Nil otherwise.
    static func inPlaceColumns(_ g: Geometry3, channels: Int, scalarSize: Int, workers: Int,
                               instructions: VectorInstructions) -> Range<Int>? {
        guard instructions != .portable, instructions.isAvailable, DirectRowKernel.applies(g),
              g.padded.z == 1, g.output.z == 1, channels * g.padded.volume * scalarSize > bandBytes,
              bandRows(g, channels: channels, scalarSize: scalarSize, workers: workers) == nil,
              let interior = g.interior, interior.rows == 0..<g.output.y else { return nil }
        return interior.columns
    }

    /// One batch item and group whose rows are all interior (``inPlaceColumns``): the
    /// interior columns read the input planes in place, in spans of ``inPlaceSpan`` outputs
    /// (every output channel per span, while its input is in cache) shared out between
    /// `workers`; the columns at either end, whose taps reach the padding, go through a
    /// padded window each in the worker's part of `scratch`. A 1-D signal is thus read
    /// once, instead of being copied whole into a padded row first.
    private static func runInPlace<T: ConvolveScalar>(
        _ g: Geometry3, columns xs: Range<Int>, planes: UnsafePointer<T>, scratch: UnsafeMutablePointer<T>,
        scratchPerWorker: Int, kernel: UnsafePointer<T>, channels: Int, group: Int, og: Int,
        output: UnsafeMutablePointer<T>, workers: Int, instructions: VectorInstructions
    ) {
        let spans = (xs.count + inPlaceSpan - 1) / inPlaceSpan, rows = 0..<g.output.y
        let inPlace = g.window(paddedRows: g.input.y, columns: g.input.x)
        // Items: the two ends, then the spans.
        Parallel.run(workers: workers, items: spans + 2) { w, items in
            for item in items {
                guard item >= 2 else {
                    throughPaddedWindow(g, rows, item == 0 ? 0..<xs.lowerBound : xs.upperBound..<g.output.x,
                                        planes: planes, buffer: scratch + w * scratchPerWorker, kernel: kernel,
                                        channels: channels, group: group, og: og, output: output,
                                        instructions: instructions)
                    continue
                }
                let x0 = xs.lowerBound + (item - 2) * inPlaceSpan, x1 = min(xs.upperBound, x0 + inPlaceSpan)
                // Output (0, x₀) with tap (0, 0) reads input (−before_y, x₀ − before_x): inside.
                let origin = planes - g.before.y * g.input.x + (x0 - g.before.x)
                for oc in 0..<og {
                    DirectRowKernel.rows(inPlace, padded: origin, weights: kernel + (group * og + oc) * channels * g.kernel.volume,
                                         channels: channels, oz: 0, oy: 0, count: g.output.y, x: 0..<(x1 - x0),
                                         out: output + oc * g.output.volume + x0, outRowStride: g.output.x,
                                         instructions: instructions)
                }
            }
        }
    }

    /// Outputs per span of ``runInPlace``: 64 KiB of `Float` per row.
    static let inPlaceSpan = 16384

    /// Output z-slices per slab when the row kernel should pad a 3-D input in slabs of
    /// z-slices that stay in cache rather than whole (the whole-volume pad of a 128³ float
    /// input is 8.6 MiB written to memory and read back): volumes whose padded channels
    /// exceed ``slabBytes``, at least two slabs per worker, and a slab of at least one
    /// output slice within ``slabBytes``. A slab of `S` output slices pads
    /// `(S − 1)·s_z + (k_z − 1)·d_z + 1` z-slices of each channel. Nil otherwise.
    static func slabSlices(_ g: Geometry3, channels: Int, scalarSize: Int, workers: Int) -> Int? {
        guard g.padded.z > 1, DirectRowKernel.applies(g) else { return nil }
        let sliceBytes = channels * g.padded.slice * scalarSize
        guard channels * g.padded.volume * scalarSize > slabBytes, sliceBytes > 0 else { return nil }
        let reach = (g.kernel.z - 1) * g.dilation.z + 1
        guard slabBytes / sliceBytes >= reach else { return nil }
        let slices = min((slabBytes / sliceBytes - reach) / max(1, g.stride.z) + 1, g.output.z)
        guard (g.output.z + slices - 1) / slices >= 2 * workers else { return nil }
        return slices
    }

    /// Bytes of padded z-slices per slab: under half of this machine's 2.5 MiB L2.
    static let slabBytes = 1024 * 1024

    /// Padded z-slices a slab of `outputSlices` output slices reads.
    static func slabPaddedSlices(_ g: Geometry3, outputSlices: Int) -> Int {
        (outputSlices - 1) * g.stride.z + (g.kernel.z - 1) * g.dilation.z + 1
    }

    /// One batch item and group of a 3-D input in slabs of `slices` output z-slices
    /// (``slabSlices(_:channels:scalarSize:workers:)``) shared out between `workers`: each
    /// slab's padded z-slices of every channel are written into the worker's part of
    /// `scratch` (``PaddedInput``) and computed for every output channel, row group by row
    /// group (``DirectRowKernel/rowGroup(_:instructions:)``), while in cache.
    private static func runSlabs<T: ConvolveScalar>(
        _ g: Geometry3, slices: Int, planes: UnsafePointer<T>, scratch: UnsafeMutablePointer<T>, scratchPerWorker: Int,
        kernel: UnsafePointer<T>, channels: Int, group: Int, og: Int, output: UnsafeMutablePointer<T>,
        workers: Int, instructions: VectorInstructions
    ) {
        let slabs = (g.output.z + slices - 1) / slices
        let step = DirectRowKernel.rowGroup(g, instructions: instructions)
        Parallel.run(workers: workers, items: slabs) { w, items in
            let buffer = scratch + w * scratchPerWorker
            for slab in items {
                let z0 = slab * slices, count = min(slices, g.output.z - z0)
                let frame = Extent3(z: slabPaddedSlices(g, outputSlices: count), y: g.padded.y, x: g.padded.x)
                let window = g.slab(slices: frame.z)
                for c in 0..<channels {
                    PaddedInput.write(planes + c * g.input.volume, into: buffer + c * frame.volume, frame: frame,
                                      geometry: g, origin: Extent3(z: z0 * g.stride.z, y: 0, x: 0))
                }
                for oc in 0..<og {
                    let weights = kernel + (group * og + oc) * channels * g.kernel.volume
                    for j in 0..<count {
                        let plane = output + oc * g.output.volume + (z0 + j) * g.output.slice
                        for oy in stride(from: 0, to: g.output.y, by: step) {
                            DirectRowKernel.rows(window, padded: buffer, weights: weights, channels: channels, oz: j,
                                                 oy: oy, count: min(step, g.output.y - oy), x: 0..<g.output.x,
                                                 out: plane + oy * g.output.x, outRowStride: g.output.x,
                                                 instructions: instructions)
                        }
                    }
                }
            }
        }
    }

    /// Pads the group's `channels` planes (consecutive at `planes`) into `padded`, the
    /// padded rows of each plane cut into bands shared out between `workers`.
    private static func padPlanes<T: ConvolveScalar>(
        _ planes: UnsafePointer<T>, into padded: UnsafeMutablePointer<T>, channels: Int, _ g: Geometry3, workers: Int
    ) {
        let p = g.padded
        // Bands of z-slices in 3-D, of rows otherwise.
        let byZ = p.z > 1, length = byZ ? p.z : p.y
        let bands = min(length, workers * 2)
        Parallel.run(workers: workers, items: channels * bands) { w, items in
            for item in items {
                let (c, band) = (item / bands, item % bands)
                let start = band * length / bands, end = (band + 1) * length / bands
                let frame = byZ ? Extent3(z: end - start, y: p.y, x: p.x) : Extent3(z: 1, y: end - start, x: p.x)
                let origin = byZ ? Extent3(z: start, y: 0, x: 0) : Extent3(z: 0, y: start, x: 0)
                PaddedInput.write(planes + c * g.input.volume,
                                  into: padded + c * p.volume + start * (byZ ? p.slice : p.x),
                                  frame: frame, geometry: g, origin: origin)
            }
        }
    }

    /// One batch item and group through ``DirectRowKernel``: output rows in groups that
    /// share input rows (``DirectRowKernel/rowGroup(_:instructions:)``), and rows cut along
    /// x into spans when there are fewer groups than workers can share; (output channel, z,
    /// group, span) items are shared out.
    private static func runBlocked<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, kernel: UnsafePointer<T>, channels: Int, group: Int, og: Int,
        output: UnsafeMutablePointer<T>, workers: Int, instructions: VectorInstructions
    ) {
        let step = DirectRowKernel.rowGroup(g, instructions: instructions)
        let rowGroups = (g.output.y + step - 1) / step
        let rowItems = og * g.output.z * rowGroups
        // Spans of whole register blocks, at least minimumSpan outputs, when rows are few.
        let blocks = (g.output.x + DirectRowKernel.block - 1) / DirectRowKernel.block
        let spans = rowItems >= 4 * workers ? 1
            : max(1, min((4 * workers + rowItems - 1) / rowItems,
                         g.output.x / DirectRowKernel.minimumSpan, blocks))
        let kVolume = g.kernel.volume, outVolume = g.output.volume
        Parallel.run(workers: workers, items: rowItems * spans) { _, items in
            for item in items {
                let (rowItem, span) = (item / spans, item % spans)
                let oc = rowItem / (g.output.z * rowGroups), oz = rowItem / rowGroups % g.output.z
                let oy = rowItem % rowGroups * step
                let x0 = span * blocks / spans * DirectRowKernel.block
                let x1 = min(g.output.x, (span + 1) * blocks / spans * DirectRowKernel.block)
                let plane = output + oc * outVolume + oz * g.output.slice
                DirectRowKernel.rows(g, padded: padded, weights: kernel + (group * og + oc) * channels * kVolume,
                                     channels: channels, oz: oz, oy: oy, count: min(step, g.output.y - oy), x: x0..<x1,
                                     out: plane + oy * g.output.x, outRowStride: g.output.x, instructions: instructions)
            }
        }
    }

    /// Calls `body(w, source)` for every input channel `c` of the group and kernel tap
    /// `(rz, ry, rx)`: `w` the tap's weight and `source` the padded sample under output
    /// `(oz, oy, x0)`, so that output `x0 + x` reads `source[x · stride_x]`.
    @inline(__always)
    private static func forEachTap<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, weights: UnsafePointer<T>, channels: Int,
        oz: Int, oy: Int, x0: Int, _ body: (T, UnsafePointer<T>) -> Void
    ) {
        let padVolume = g.padded.volume, kVolume = g.kernel.volume, start = x0 &* g.stride.x
        for c in 0..<channels {
            let plane = padded + c * padVolume
            var tap = weights + c * kVolume
            for rz in 0..<g.kernel.z {
                for ry in 0..<g.kernel.y {
                    for rx in 0..<g.kernel.x {
                        body(tap.pointee, plane + g.paddedOffset(oz: oz, oy: oy, rz: rz, ry: ry, rx: rx) + start)
                        tap += 1
                    }
                }
            }
        }
    }

    /// `out[x] = Σ_{c, rz, ry, rx} w · P_c[…, (x0 + x)·sx + rx·dx]` for `x < count`, in `T`.
    @inline(__always)
    private static func accumulateNative<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, weights: UnsafePointer<T>, channels: Int,
        oz: Int, oy: Int, x0: Int, count: Int, into out: UnsafeMutablePointer<T>
    ) {
        out.update(repeating: 0, count: count)
        let sx = g.stride.x
        forEachTap(g, padded: padded, weights: weights, channels: channels, oz: oz, oy: oy, x0: x0) { w, source in
            if sx == 1 {
                for x in 0..<count { out[x] += w * source[x] }
            } else {
                for x in 0..<count { out[x] += w * source[x &* sx] }
            }
        }
    }

    /// As ``accumulateNative``, but summing exact-as-possible `Double` products with
    /// Neumaier compensation (`scratch` holds the sums and their corrections).
    private static func accumulateExtended<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, weights: UnsafePointer<T>, channels: Int,
        oz: Int, oy: Int, x0: Int, count: Int, scratch: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<T>
    ) {
        let sum = scratch, correction = scratch + count
        sum.update(repeating: 0, count: count)
        correction.update(repeating: 0, count: count)
        let sx = g.stride.x
        forEachTap(g, padded: padded, weights: weights, channels: channels, oz: oz, oy: oy, x0: x0) { w, source in
            let w = Double(w)
            for x in 0..<count {
                let product = w * Double(source[x * sx])
                let s = sum[x], t = s + product
                correction[x] += abs(s) >= abs(product) ? (s - t) + product : (product - t) + s
                sum[x] = t
            }
        }
        for x in 0..<count { out[x] = T(sum[x] + correction[x]) }
    }
}

/// The direct path's form for layers with many output channels per group: eight output
/// channels at a time (six in AVX2) over flat runs of outputs, each kernel tap a shifted
/// read of one input plane (``VectorChannelBlocks``), so each input vector loaded feeds
/// eight (six) multiply-adds and the sums of 8 × 3 vectors (6 × 2) stay in registers
/// across all `C/G · ∏k` taps.
///
/// **Phases.** With strides `s = (s_z, s_y, s_x)` each channel's padded plane `P` is taken
/// apart into `∏s` phase planes, phase `a` holding `Q_a[q] = P[q·s + a]` (extents `⌈P/s⌉`
/// per axis, zero past `P`). Output `i` with tap `r` reads
/// `P[i·s + r·d] = Q_a[i + ⌊r·d / s⌋]` with `a = r·d mod s`: a read at stride 1. With
/// stride 1 there is one phase, the padded plane itself, and with nothing to pad either
/// (a 1×1 layer, 'valid') the input planes are read in place.
///
/// **Flat runs.** In phase planes of row length `Q_x`, the outputs `(oy, ox)` of one output
/// z-slice are the run `o = oy·Q_x + ox`, and tap `k = (c, rz, ry, rx)` reads the phase data
/// at `o + offset_k`,
///
///     offset_k = (c·∏s + a)·|Q| + ⌊rz·d_z/s_z⌋·Q_y·Q_x + ⌊ry·d_y/s_y⌋·Q_x + ⌊rx·d_x/s_x⌋
///
/// (from the slice's first phase row). The run's outputs with `ox ≥ O_x` (`Q_x − O_x` of
/// every `Q_x`) are computed and dropped when the run is copied into the output rows.
/// Where rounding each row up to whole vectors wastes less than that and the copy
/// (``CostModel/channelBlockRuns(_:scalarSize:instructions:)``), each output row is a run of
/// its own instead, `O_x` outputs stored straight into the output row.
///
/// Every output is the chain of fused multiply-adds over `(c, rz, ry, rx)` from 0, the row
/// kernel's order (``DirectRowKernel``), so both forms give the same bits where both run.
/// A layer's bias is added to each sum as it is stored (the same bits as adding it after).
///
/// **Passes over the taps.** Where a work item's taps read more rows than the L1 cache
/// holds, they are taken whole input channels at a time, every block of the item's outputs
/// per pass, each pass after the first resuming the sums stored by the one before (the
/// same chain, the same bits; ``tapChunk(_:_:channels:rows:runs:scalarSize:instructions:)``).
enum DirectChannelBlocks {
    /// The L1 data cache of the Zen 3 core the passes were measured on.
    static let l1Bytes = 32 * 1024

    /// Bytes of the L1 data cache one pass of taps may fill: half of it
    /// (``tapChunk(_:_:channels:rows:runs:scalarSize:instructions:)``).
    static let tapPassBytes = l1Bytes / 2

    /// Blocks of outputs a work item must run for passes over its taps to pay.
    static let tapPassMinimumBlocks = 32

    /// Taps per pass over a work item's outputs, whole input channels at a time; 0 for all
    /// of them in one pass.
    ///
    /// In one pass each block of outputs runs every tap before the next block starts, so
    /// the phase rows all taps read (``rowsPerChannel(_:)`` rows of `Q_x` elements per
    /// channel) and the group's weights (`∏k · G` per channel) must stay in the L1 cache
    /// for the next block, which reads the same rows a vector further on, to find them
    /// there. With many channels they do not, and every block reads them again from L2.
    /// Passes over `n` channels whose rows and weights fit in ``tapPassBytes`` (divided by
    /// the phases `∏s`: strided layers read their phase planes in more places at once, and
    /// ran best with passes a quarter as long) keep them there; each pass after the first
    /// resumes the sums from the outputs stored by the one before, so every output is still
    /// the same chain of multiply-adds (the same bits).
    ///
    /// Measured on the AMD EPYC Zen 3 (AVX2, one thread, 15 alternating rounds, best
    /// calls' thread CPU time, ms): c64@56² 3×3 3.01 → 2.73, c128@28² 4.02 → 3.65,
    /// c256@28² 12.0 → 10.7, c128@56² stride 2 3.72 → 3.28, c256@28² dilation 2 13.5 →
    /// 12.2, c96@56² 5×5 17.2 → 16.3. On 14² and 7² planes (14 and 7 blocks an item)
    /// passes of 4 to 64 channels ran c256@14² and c512@7² no faster and up to 1.4× slower,
    /// hence ``tapPassMinimumBlocks``. AVX-512's form (8 channels × 3 vectors) has not been
    /// measured with passes and runs all taps in one.
    static func tapChunk(_ g: Geometry3, _ layout: Layout, channels: Int, rows: Int, runs: Runs,
                         scalarSize: Int, instructions: VectorInstructions) -> Int {
        guard instructions == .avx2FMA else { return 0 }
        let outputs = (32 / scalarSize) * blockVectors(instructions)
        let blocks = runs == .byRow ? rows * ((g.output.x + outputs - 1) / outputs)
            : (layout.runLength(g, rows: rows) + outputs - 1) / outputs
        guard blocks >= tapPassMinimumBlocks else { return 0 }
        let perChannel = channelBytes(g, layout, scalarSize: scalarSize, instructions: instructions)
        let passChannels = max(1, tapPassBytes / g.stride.volume / perChannel)
        return passChannels >= channels ? 0 : passChannels * g.kernel.volume
    }

    /// Bytes one input channel's taps keep in use across a work item's blocks: its phase
    /// rows (``rowsPerChannel(_:)`` of `Q_x`) and the group's weights for its taps.
    static func channelBytes(_ g: Geometry3, _ layout: Layout, scalarSize: Int, instructions: VectorInstructions) -> Int {
        (rowsPerChannel(g) * layout.plane.x + g.kernel.volume * channelGroup(instructions)) * scalarSize
    }

    /// Phase rows one input channel's taps read for one output row: each kernel z-offset's
    /// own slice, times the rows each y-phase's taps span (`⌊r·d_y/s_y⌋` from least to
    /// most, summed over the phases), times the x-phases any tap reads.
    static func rowsPerChannel(_ g: Geometry3) -> Int {
        func spans(_ k: Int, _ d: Int, _ s: Int) -> (rows: Int, phases: Int) {
            var rows = 0, phases = 0
            for phase in 0..<s {
                var low = Int.max, high = -1
                for r in 0..<k where r * d % s == phase {
                    low = min(low, r * d / s)
                    high = max(high, r * d / s)
                }
                if high >= 0 { (rows, phases) = (rows + high - low + 1, phases + 1) }
            }
            return (rows, phases)
        }
        return g.kernel.z * spans(g.kernel.y, g.dilation.y, g.stride.y).rows
            * spans(g.kernel.x, g.dilation.x, g.stride.x).phases
    }

    /// Output channels per work item: one group of the kernel's (``channelGroup(_:)``), so
    /// that only the last item of a group of output channels computes idle channels.
    static func channelsPerItem(_ instructions: VectorInstructions) -> Int { channelGroup(instructions) }

    /// Flat outputs per work item, about: the rows of a z-slice are taken this many at a time.
    static let outputsPerItem = 2048

    /// How an item's output rows are computed: as one flat run through the phase rows
    /// (`Q_x` outputs per row, copied into the output rows unless `Q_x = O_x`), or each
    /// row as its own run of `O_x` outputs stored in place (its last vector partly idle).
    enum Runs { case flat, byRow }

    /// What the kernel's work per output row is worth in outputs with `runs`: `Q_x` flat;
    /// by row, the row's `n = ⌈O_x/L⌉` vectors of `L` lanes in blocks of `B`
    /// (``blockVectors(_:)``), a last partial block of `v` vectors priced as `v + 1` (it
    /// loads the group's weights per tap for fewer multiply-adds: in AVX-512, c64@56² 3×3,
    /// rows of 3 + 1 vectors, ran 1.37× the flat runs' time, c128@28², rows of 2, 1.35×,
    /// release probe).
    static func computedPerRow(_ g: Geometry3, _ layout: Layout, runs: Runs, scalarSize: Int,
                               instructions: VectorInstructions) -> Int {
        guard runs == .byRow else { return layout.plane.x }
        let lanes = (instructions == .avx512 ? 64 : 32) / scalarSize, block = blockVectors(instructions)
        let vectors = (g.output.x + lanes - 1) / lanes, partial = vectors % block
        return lanes * (vectors / block * block + (partial > 0 ? partial + 1 : 0))
    }

    /// The phase planes of a geometry: how many, their extents, and where each tap reads.
    struct Layout {
        /// Phases per axis: the strides.
        let phases: Extent3
        /// The extents of one phase plane, `⌈P/s⌉` per axis.
        let plane: Extent3

        init(_ g: Geometry3) {
            phases = g.stride
            func up(_ n: Int, _ s: Int) -> Int { (n + s - 1) / s }
            plane = Extent3(z: up(g.padded.z, g.stride.z), y: up(g.padded.y, g.stride.y), x: up(g.padded.x, g.stride.x))
            readsInputInPlace = g.stride.volume == 1 && g.padded == g.input
        }

        /// Elements of one channel's phase planes.
        var channelElements: Int { phases.volume * plane.volume }

        /// Whether the input planes are their own phase data: stride 1 and nothing to pad.
        let readsInputInPlace: Bool

        /// Elements of the phase data of `channels` channels (none when read in place).
        func elements(channels: Int) -> Int { readsInputInPlace ? 0 : channels * channelElements }

        /// The flat run of output rows `rows` of one z-slice: its length, `(rows − 1)·Q_x + O_x`.
        func runLength(_ g: Geometry3, rows: Int) -> Int { (rows - 1) * plane.x + g.output.x }

        /// `offset_k` for every tap `k = (c, rz, ry, rx)` of `channels` channels, in that order.
        func offsets(_ g: Geometry3, channels: Int) -> [Int] {
            var first: [Int] = []
            first.reserveCapacity(g.kernel.volume)
            for rz in 0..<g.kernel.z {
                let tz = rz * g.dilation.z
                for ry in 0..<g.kernel.y {
                    let ty = ry * g.dilation.y
                    for rx in 0..<g.kernel.x {
                        let tx = rx * g.dilation.x
                        let phase = ((tz % phases.z) * phases.y + ty % phases.y) * phases.x + tx % phases.x
                        first.append(phase * plane.volume
                                     + ((tz / phases.z) * plane.y + ty / phases.y) * plane.x + tx / phases.x)
                    }
                }
            }
            return TapOffsets.repeated(first, channels: channels, channelStride: phases.volume * plane.volume)
        }
    }

    /// Whether this form can run `g` with `instructions`: a vector form the processor runs,
    /// and one group's phase data within `workspaceBudget` bytes.
    static func applies(_ g: Geometry3, channels: Int, scalarSize: Int, instructions: VectorInstructions,
                        workspaceBudget: Int) -> Bool {
        instructions.runsVectorForm
            && Layout(g).elements(channels: channels) * scalarSize <= workspaceBudget
    }

    /// Worker threads for `geometry`: at most `threads` and the work items of one batch item
    /// and group, with at least ``DirectPath/multiplyAddsPerWorker`` multiply-adds each.
    static func workers(_ geometry: ConvolutionGeometry, threads: Int,
                        instructions: VectorInstructions = .detected) -> Int {
        let g = Geometry3(geometry), layout = Layout(g), perItem = channelsPerItem(instructions)
        let rowsPerItem = max(1, min(g.output.y, outputsPerItem / layout.plane.x))
        let items = g.output.z * ((geometry.groupOutputChannels + perItem - 1) / perItem)
            * ((g.output.y + rowsPerItem - 1) / rowsPerItem)
        let macs = geometry.groupOutputChannels * geometry.outputVolume * geometry.groupInputChannels
            * geometry.kernelVolume
        return max(1, min(threads, items, macs / DirectPath.multiplyAddsPerWorker))
    }

    /// Multiply-adds the kernel performs for one batch item and group with `runs`, dropped
    /// outputs and the channels of a partial last group included:
    /// `O_z · ⌈O_g/G⌉·G · O_y · (outputs per row) · C_g·∏k`.
    static func computedMultiplyAdds(_ geometry: ConvolutionGeometry, runs: Runs, scalarSize: Int,
                                     instructions: VectorInstructions) -> Double {
        let g = Geometry3(geometry), layout = Layout(g), group = channelGroup(instructions)
        let channels = (geometry.groupOutputChannels + group - 1) / group * group
        let perRow = computedPerRow(g, layout, runs: runs, scalarSize: scalarSize, instructions: instructions)
        return Double(g.output.z * channels) * Double(g.output.y * perRow)
            * Double(geometry.groupInputChannels * g.kernel.volume)
    }

    /// Output channels one register pass of `instructions` computes (the kernel's group).
    static func channelGroup(_ instructions: VectorInstructions) -> Int { instructions == .avx512 ? 8 : 6 }

    /// Vectors of outputs one register pass of `instructions` computes (the kernel's block).
    static func blockVectors(_ instructions: VectorInstructions) -> Int { instructions == .avx512 ? 3 : 2 }

    /// Computes every batch item and group of `geometry` into `output`: per item and group,
    /// the phase planes are written (channels shared out between `workers`), then (output
    /// z-slice, block of ``channelsPerItem(_:)`` output channels, rows) items are shared out,
    /// each computing its run into the worker's scratch and copying the run's rows out
    /// (straight into the output where `Q_x = O_x`, or row by row, ``Runs``). With `bias`
    /// (`O` values), output channel `o` is `bias[o]` plus its sums.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, bias: UnsafePointer<T>? = nil, workers: Int, instructions: VectorInstructions
    ) {
        let g = Geometry3(geometry), layout = Layout(g)
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let taps = cg * g.kernel.volume, outVolume = g.output.volume
        let offsets = layout.offsets(g, channels: cg)
        let rowsPerItem = max(1, min(g.output.y, outputsPerItem / layout.plane.x))
        let chunks = (g.output.y + rowsPerItem - 1) / rowsPerItem
        let perItem = channelsPerItem(instructions)
        let blocks = (og + perItem - 1) / perItem
        let items = g.output.z * blocks * chunks
        let runs = CostModel.current.channelBlockRuns(geometry, scalarSize: MemoryLayout<T>.size,
                                                      instructions: instructions)
        let inPlace = layout.plane.x == g.output.x || runs == .byRow
        let tapChunk = tapChunk(g, layout, channels: cg, rows: rowsPerItem, runs: runs,
                                scalarSize: MemoryLayout<T>.size, instructions: instructions)
        let scratchPerWorker = inPlace ? 0 : perItem * rowsPerItem * layout.plane.x
        let stridedPlane = layout.phases.volume > 1 ? g.padded.volume : 0
        WorkspacePool.withBuffer(T.self, count: layout.elements(channels: cg)) { written in
            WorkspacePool.withBuffer(T.self, count: workers * max(scratchPerWorker, stridedPlane)) { scratch in
                offsets.withUnsafeBufferPointer { offsets in
                    for b in 0..<geometry.batch {
                        for group in 0..<geometry.groups {
                            let planes = input + (b * geometry.inputChannels + group * cg) * g.input.volume
                            let out = output + (b * geometry.outputChannels + group * og) * outVolume
                            let weights = kernel + group * og * taps
                            let groupBias = bias.map { $0 + group * og }
                            let phases = layout.readsInputInPlace ? planes : UnsafePointer(written)
                            if !layout.readsInputInPlace {
                                Parallel.run(workers: workers, items: cg) { w, items in
                                    for c in items {
                                        writePhases(g, layout, plane: planes + c * g.input.volume,
                                                    into: written + c * layout.channelElements,
                                                    padded: scratch + w * max(scratchPerWorker, stridedPlane))
                                    }
                                }
                            }
                            Parallel.run(workers: workers, items: items) { w, queue in
                                let buffer = scratch + w * max(scratchPerWorker, stridedPlane)
                                for item in queue {
                                    let oz = item / (blocks * chunks), block = item / chunks % blocks
                                    let y0 = item % chunks * rowsPerItem, rows = min(rowsPerItem, g.output.y - y0)
                                    let o0 = block * perItem, channels = min(perItem, og - o0)
                                    let first = out + o0 * outVolume + oz * g.output.slice + y0 * g.output.x
                                    let runLength = layout.runLength(g, rows: rows)
                                    let source = phases + (oz * layout.plane.y + y0) * layout.plane.x
                                    let itemBias = groupBias.map { $0 + o0 }
                                    if runs == .byRow {
                                        run(source, offsets: offsets, weights: weights + o0 * taps, taps: taps,
                                            channels: channels, count: g.output.x, out: first, outStride: outVolume,
                                            rows: rows, inputRowStep: layout.plane.x, outRowStep: g.output.x,
                                            bias: itemBias, tapChunk: tapChunk, instructions: instructions)
                                        continue
                                    }
                                    if inPlace {
                                        run(source, offsets: offsets, weights: weights + o0 * taps, taps: taps,
                                            channels: channels, count: runLength, out: first, outStride: outVolume,
                                            bias: itemBias, tapChunk: tapChunk, instructions: instructions)
                                        continue
                                    }
                                    let stride = rows * layout.plane.x
                                    run(source, offsets: offsets, weights: weights + o0 * taps, taps: taps,
                                        channels: channels, count: runLength, out: buffer, outStride: stride,
                                        bias: itemBias, tapChunk: tapChunk, instructions: instructions)
                                    for j in 0..<channels {
                                        for r in 0..<rows {
                                            (first + j * outVolume + r * g.output.x)
                                                .update(from: buffer + j * stride + r * layout.plane.x, count: g.output.x)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func run<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, offsets: UnsafeBufferPointer<Int>, weights: UnsafePointer<T>, taps: Int,
        channels: Int, count: Int, out: UnsafeMutablePointer<T>, outStride: Int, rows: Int = 1, inputRowStep: Int = 0,
        outRowStep: Int = 0, bias: UnsafePointer<T>?, tapChunk: Int, instructions: VectorInstructions
    ) {
        VectorChannelBlocks.run(input: source, offsets: offsets.baseAddress!, taps: taps, weights: weights,
                                weightStride: taps, channels: channels, count: count, out: out,
                                outStride: outStride, runs: rows, inputRunStep: inputRowStep, outRunStep: outRowStep,
                                bias: bias, tapChunk: tapChunk, avx512: instructions == .avx512)
    }

    /// Writes one channel's phase planes from its input `plane`: with one phase, the padded
    /// plane (``PaddedInput/write(_:into:frame:geometry:origin:)``); otherwise the padded
    /// plane into `padded` (`|P|` elements), then each phase from it
    /// (``PaddedInput/writePhase(_:extents:strides:phase:origin:frame:into:)``, zero past `P`).
    private static func writePhases<T: ConvolveScalar>(
        _ g: Geometry3, _ layout: Layout, plane: UnsafePointer<T>, into destination: UnsafeMutablePointer<T>,
        padded: UnsafeMutablePointer<T>
    ) {
        let s = layout.phases, q = layout.plane
        guard s.volume > 1 else {
            PaddedInput.write(plane, into: destination, frame: g.padded, geometry: g)
            return
        }
        PaddedInput.write(plane, into: padded, frame: g.padded, geometry: g)
        let origin = Extent3(z: 0, y: 0, x: 0)
        for phase in 0..<s.volume {
            PaddedInput.writePhase(UnsafePointer(padded), extents: g.padded, strides: s, phase: s.position(phase),
                                   origin: origin, frame: q, into: destination + phase * q.volume)
        }
    }
}

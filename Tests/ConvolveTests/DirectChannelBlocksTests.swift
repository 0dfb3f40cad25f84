import BenchCore
import Testing
@testable import Convolve

/// The direct path's channel blocks (``DirectChannelBlocks``): against the independent
/// model, against the row kernel bit for bit, across thread counts, and the form the cost
/// model picks.
@Suite struct DirectChannelBlocksTests {
    /// Both vector forms (where the processor runs them) against the independent model
    /// within the direct bound: output channels per group from 1 to 17 (partial groups of
    /// AVX-512's eight and AVX2's six), strides 1 to 3 (one, four and nine phases), dilations, uneven
    /// padding, groups, batches, runs of 1 to 200 outputs (masked last vectors), 1×1
    /// kernels read in place, 1-D to 3-D, `Float` and `Double`; the output starts as NaN so
    /// an output left unwritten fails.
    @Test(arguments: [VectorInstructions.avx2FMA, .avx512])
    func channelBlocksMatchTheReferenceLayer(_ instructions: VectorInstructions) throws {
        if !instructions.isAvailable { return }  // nothing to run here
        var cases: [ReferenceLayer] = []
        for outputs in [1, 3, 8, 9, 17] {
            for width in [1, 5, 16, 33, 50] {
                cases.append(ReferenceLayer(batch: 1, channels: 3, outputs: outputs, groups: 1, extent: [6, width],
                                            kernel: [3, 3], stride: [1, 1], dilation: [1, 1],
                                            before: [1, 1], after: [1, 1]))
            }
        }
        for (stride, dilation) in [([2, 2], [1, 1]), ([3, 2], [1, 2]), ([1, 3], [2, 1]), ([2, 1], [1, 1])] {
            cases.append(ReferenceLayer(batch: 2, channels: 4, outputs: 10, groups: 2, extent: [23, 41], kernel: [5, 4],
                                        stride: stride, dilation: dilation, before: [2, 3], after: [1, 0]))
        }
        cases.append(ReferenceLayer(batch: 1, channels: 5, outputs: 12, groups: 1, extent: [7, 9], kernel: [1, 1],
                                    stride: [1, 1], dilation: [1, 1], before: [0, 0], after: [0, 0]))
        cases.append(ReferenceLayer(batch: 1, channels: 2, outputs: 9, groups: 1, extent: [10, 30], kernel: [3, 5],
                                    stride: [1, 1], dilation: [1, 1], before: [0, 0], after: [0, 0]))
        cases.append(ReferenceLayer(batch: 1, channels: 3, outputs: 8, groups: 1, extent: [200], kernel: [7],
                                    stride: [1], dilation: [1], before: [3], after: [3]))
        cases.append(ReferenceLayer(batch: 1, channels: 3, outputs: 8, groups: 1, extent: [199], kernel: [4],
                                    stride: [2], dilation: [3], before: [0], after: [2]))
        cases.append(ReferenceLayer(batch: 2, channels: 2, outputs: 11, groups: 1, extent: [5, 6, 19], kernel: [2, 3, 3],
                                    stride: [2, 1, 2], dilation: [1, 2, 1], before: [1, 1, 1], after: [0, 1, 1]))
        cases.append(ReferenceLayer(batch: 1, channels: 3, outputs: 64, groups: 1, extent: [40, 40], kernel: [7, 7],
                                    stride: [2, 2], dilation: [1, 1], before: [3, 3], after: [3, 3]))
        // Long strided rows, which run row by row (asserted in `check`): 115 outputs per row.
        cases.append(ReferenceLayer(batch: 1, channels: 3, outputs: 9, groups: 1, extent: [6, 230], kernel: [3, 7],
                                    stride: [1, 2], dilation: [1, 1], before: [1, 3], after: [1, 3]))
        for ref in cases {
            try check(ref, Float.self, instructions)
            try check(ref, Double.self, instructions)
        }
    }

    private func check<T: ConvolveScalar>(_ ref: ReferenceLayer, _: T.Type, _ instructions: VectorInstructions) throws {
        let (error, bound) = try DirectForms.errorAgainstTheModel(ref, T.self, instructions, form: .channelBlocks) { g in
            if ref.extent == [6, 230] {
                #expect(CostModel.current.channelBlockRuns(g, scalarSize: MemoryLayout<T>.size,
                                                           instructions: instructions) == .byRow)
            }
        }
        #expect(error <= bound, "\(ref) \(T.dtypeName) \(instructions): \(error) > \(bound)")
    }

    /// Each output is the row kernel's chain of fused multiply-adds, so where both run
    /// (stride 1 along x) the channel blocks give the row kernel's bits, in both vector
    /// forms, which also agree with each other; and one worker or two give the same bits:
    /// 3×3 layers of 8 and 20 output channels (a partial group), widths 1 to 200 (some in
    /// flat runs, some row by row), every boundary of the signal face's padding (reflect,
    /// edge, wrap fill the phase planes through the same padding routine), `Float` and
    /// `Double`.
    @Test func channelBlocksGiveTheRowKernelsBits() throws {
        let forms = [VectorInstructions.avx2FMA, .avx512].filter(\.isAvailable)
        guard let widest = forms.last else { return }  // no vector form here
        func compare<T: ConvolveScalar>(_: T.Type, _ geometry: ConvolutionGeometry, _ label: String) {
            var random = SeededRandom(seed: stableSeed("blocks " + label))
            let x: [T] = random.values(Shape.product(geometry.inputShape)).map { T($0) }
            let w: [T] = random.values(Shape.product(geometry.kernelShape)).map { T($0) }
            let rows = DirectForms.run(geometry, x, w, widest, form: .rows)
            for instructions in forms {
                let blocks = DirectForms.run(geometry, x, w, instructions, form: .channelBlocks)
                #expect(DirectForms.differing(blocks, rows) == 0, "\(label) \(T.dtypeName) \(instructions)")
            }
            let two = DirectForms.run(geometry, x, w, widest, form: .channelBlocks, threads: 2)
            #expect(DirectForms.differing(two, rows) == 0, "\(label) \(T.dtypeName) two workers")
        }
        var runs: Set<DirectChannelBlocks.Runs> = []
        for outputs in [8, 20] {
            for width in [1, 2, 15, 16, 17, 47, 48, 49, 70, 200] {
                let g = try ConvolutionGeometry.layer(inputShape: [1, 3, 9, width], weightShape: [outputs, 3, 3, 3],
                                                      padding: .symmetric([1]))
                runs.insert(CostModel.current.channelBlockRuns(g, scalarSize: 4, instructions: widest))
                compare(Float.self, g, "\(outputs) \(width)")
                compare(Double.self, g, "\(outputs) \(width)")
            }
        }
        #expect(runs == [.flat, .byRow])  // both ways of running rows were compared
        for boundary in [Boundary.reflect, .edge, .wrap] {
            let g = try ConvolutionGeometry(inputChannels: 2, outputChannels: 9, inputExtent: [12, 31], kernelExtent: [5, 3],
                                            padBefore: [2, 1], padAfter: [2, 1], boundary: boundary)
            compare(Float.self, g, "\(boundary)")
            compare(Double.self, g, "\(boundary)")
        }
    }

    /// A layer's bias, which the channel blocks add to each sum as they store it, gives the
    /// bits of adding it afterwards to the sums they store without it (`fl(s + b)` either
    /// way), and the rows' bias (added after them) the same bits: both vector forms, one
    /// worker and two, 20 output channels in 2 groups (partial groups of AVX-512's eight and AVX2's six),
    /// runs stored in place, copied out of flat runs (stride 2) and row by row (long
    /// strided rows), a 1×1 layer read in place, batches of 2, `Float` and `Double`.
    @Test func biasAddedAsTheBlocksStoreGivesTheBitsOfAddingItAfter() throws {
        let forms = [VectorInstructions.avx2FMA, .avx512].filter(\.isAvailable)
        guard let widest = forms.last else { return }  // no vector form here
        let cases = [
            ReferenceLayer(batch: 2, channels: 4, outputs: 20, groups: 2, extent: [9, 16], kernel: [3, 3],
                           stride: [1, 1], dilation: [1, 1], before: [1, 1], after: [1, 1]),
            ReferenceLayer(batch: 2, channels: 4, outputs: 20, groups: 2, extent: [23, 41], kernel: [5, 4],
                           stride: [2, 2], dilation: [1, 1], before: [2, 3], after: [1, 0]),
            ReferenceLayer(batch: 1, channels: 3, outputs: 9, groups: 1, extent: [6, 230], kernel: [3, 7],
                           stride: [1, 2], dilation: [1, 1], before: [1, 3], after: [1, 3]),
            ReferenceLayer(batch: 2, channels: 5, outputs: 12, groups: 1, extent: [7, 9], kernel: [1, 1],
                           stride: [1, 1], dilation: [1, 1], before: [0, 0], after: [0, 0]),
        ]
        func compare<T: ConvolveScalar>(_: T.Type, _ ref: ReferenceLayer) throws {
            let g = try ConvolutionGeometry.layer(inputShape: ref.inputShape, weightShape: ref.weightShape,
                                                  stride: ref.stride, padding: .explicit(before: ref.before, after: ref.after),
                                                  dilation: ref.dilation, groups: ref.groups)
            var random = SeededRandom(seed: stableSeed("bias \(ref) \(T.dtypeName)"))
            let x: [T] = random.values(Shape.product(g.inputShape)).map { T($0) }
            let w: [T] = random.values(Shape.product(g.kernelShape)).map { T($0) }
            let bias: [T] = random.values(g.outputChannels).map { T($0) }
            let volume = g.outputVolume
            for instructions in forms {
                let sums = DirectForms.run(g, x, w, instructions, form: .channelBlocks)
                let after = sums.indices.map { i in sums[i] + bias[i / volume % g.outputChannels] }
                for threads in [1, 2] {
                    let fused = DirectForms.run(g, x, w, instructions, form: .channelBlocks, threads: threads, bias: bias)
                    #expect(DirectForms.differing(fused, after) == 0, "\(ref) \(T.dtypeName) \(instructions) \(threads)")
                }
            }
            let rows = DirectForms.run(g, x, w, widest, form: .rows, bias: bias)
            let fused = DirectForms.run(g, x, w, widest, form: .channelBlocks, bias: bias)
            if ref.stride[1] == 1 { #expect(DirectForms.differing(rows, fused) == 0, "\(ref) \(T.dtypeName) rows") }
        }
        for ref in cases {
            try compare(Float.self, ref)
            try compare(Double.self, ref)
        }
    }

    /// Taps taken in passes give the bits of one pass: the kernel called directly with
    /// passes of 1 tap up to all but one, and longer than the taps (one pass), against the
    /// same call in one pass; 1 to 13 output channels (idle channels of a partial group),
    /// 1 to 70 outputs a run (masked last vectors), one run and three, with a bias (added
    /// in the last pass only) and without, both vector forms, `Float` and `Double`. The
    /// outputs start as NaN, so a pass that resumed from anything but the pass before's
    /// stores shows.
    @Test func tapPassesGiveTheBitsOfOnePass() {
        let forms = [VectorInstructions.avx2FMA, .avx512].filter(\.isAvailable)
        func compare<T: ConvolveScalar>(_: T.Type, channels: Int, count: Int, runs: Int, bias useBias: Bool,
                                        instructions: VectorInstructions) {
            let taps = 23, reach = 40, inputRunStep = count + reach + 3, outRunStep = count + 5
            let outStride = runs * outRunStep + 2
            var random = SeededRandom(seed: stableSeed("passes \(channels) \(count) \(runs) \(T.dtypeName)"))
            let input: [T] = random.values(runs * inputRunStep + reach + count).map { T($0) }
            let weights: [T] = random.values(channels * taps).map { T($0) }
            let bias: [T] = random.values(channels).map { T($0) }
            let offsets = (0..<taps).map { k in (k * 17 + 5) % reach }
            func call(_ chunk: Int) -> [T] {
                var out = [T](repeating: .nan, count: channels * outStride)
                input.withUnsafeBufferPointer { x in
                    weights.withUnsafeBufferPointer { w in
                        bias.withUnsafeBufferPointer { b in
                            offsets.withUnsafeBufferPointer { k in
                                out.withUnsafeMutableBufferPointer { y in
                                    VectorChannelBlocks.run(
                                        input: x.baseAddress!, offsets: k.baseAddress!, taps: taps,
                                        weights: w.baseAddress!, weightStride: taps, channels: channels, count: count,
                                        out: y.baseAddress!, outStride: outStride, runs: runs,
                                        inputRunStep: inputRunStep, outRunStep: outRunStep,
                                        bias: useBias ? b.baseAddress! : nil, tapChunk: chunk,
                                        avx512: instructions == .avx512)
                                }
                            }
                        }
                    }
                }
                return out
            }
            let whole = call(0)
            #expect(whole.contains { !$0.isNaN })
            for chunk in [1, 4, 7, 22, 23, 50] {
                #expect(DirectForms.differing(call(chunk), whole) == 0,
                        "\(channels) channels, \(count) a run, \(runs) runs, bias \(useBias), passes of \(chunk), \(T.dtypeName) \(instructions)")
            }
        }
        for instructions in forms {
            for channels in [1, 6, 7, 13] {
                for count in [1, 9, 16, 33, 70] {
                    for runs in [1, 3] {
                        for bias in [false, true] {
                            compare(Float.self, channels: channels, count: count, runs: runs, bias: bias,
                                    instructions: instructions)
                            compare(Double.self, channels: channels, count: count, runs: runs, bias: bias,
                                    instructions: instructions)
                        }
                    }
                }
            }
        }
    }

    /// The direct path takes the taps in passes in AVX2 where a work item's rows overflow
    /// the L1 cache and it runs enough blocks (asserted here), and then still gives the row
    /// kernel's bits (stride 1, with a bias too) and stays within the direct bound of the
    /// independent model (stride 2, dilation 2), on one worker and two; where the item is
    /// short (a 14² plane) or the channels fit, one pass.
    @Test func layersWhoseRowsOverflowTheCacheRunInPassesWithTheSameBits() throws {
        guard VectorInstructions.avx2FMA.isAvailable else { return }  // the passes are AVX2's
        func passes(_ g: ConvolutionGeometry) -> Int {
            let g3 = Geometry3(g), layout = DirectChannelBlocks.Layout(g3)
            let rows = max(1, min(g3.output.y, DirectChannelBlocks.outputsPerItem / layout.plane.x))
            let runs = CostModel.current.channelBlockRuns(g, scalarSize: 4, instructions: .avx2FMA)
            return DirectChannelBlocks.tapChunk(g3, layout, channels: g.groupInputChannels, rows: rows, runs: runs,
                                                scalarSize: 4, instructions: .avx2FMA)
        }
        // The phase rows one channel's taps read for an output row: each y-phase's span of
        // rows times the x-phases read (3×3: 3; stride 2: 2 + 1 rows in 2 x-phases; dilation
        // 2: rows 0 to 4; 1×1 stride 2: one phase; 7×7 stride 2: 4 + 3 rows in 2 x-phases).
        for (kernel, stride, dilation, rows) in [(3, 1, 1, 3), (3, 2, 1, 6), (3, 1, 2, 5), (1, 2, 1, 1), (7, 2, 1, 14)] {
            let g = try ConvolutionGeometry.layer(inputShape: [1, 2, 20, 20], weightShape: [4, 2, kernel, kernel],
                                                  stride: [stride], dilation: [dilation])
            #expect(DirectChannelBlocks.rowsPerChannel(Geometry3(g)) == rows, "\(kernel) \(stride) \(dilation)")
        }
        let wide = try ConvolutionGeometry.layer(inputShape: [1, 40, 40, 60], weightShape: [8, 40, 3, 3],
                                                 padding: .symmetric([1]))
        let chunk = passes(wide)
        #expect(chunk > 0 && chunk % 9 == 0 && chunk < 40 * 9, "\(chunk)")
        var random = SeededRandom(seed: stableSeed("passes wide"))
        let x: [Float] = random.values(Shape.product(wide.inputShape)).map { Float($0) }
        let w: [Float] = random.values(Shape.product(wide.kernelShape)).map { Float($0) }
        let bias: [Float] = random.values(8).map { Float($0) }
        let rows = DirectForms.run(wide, x, w, .avx2FMA, form: .rows)
        let rowsBias = DirectForms.run(wide, x, w, .avx2FMA, form: .rows, bias: bias)
        for threads in [1, 2] {
            let blocks = DirectForms.run(wide, x, w, .avx2FMA, form: .channelBlocks, threads: threads)
            #expect(DirectForms.differing(blocks, rows) == 0, "\(threads) workers")
            let fused = DirectForms.run(wide, x, w, .avx2FMA, form: .channelBlocks, threads: threads, bias: bias)
            #expect(DirectForms.differing(fused, rowsBias) == 0, "\(threads) workers, bias")
        }
        for (stride, dilation) in [([2, 2], [1, 1]), ([1, 1], [2, 2])] {
            let ref = ReferenceLayer(batch: 1, channels: 40, outputs: 7, groups: 1, extent: [41, 61], kernel: [3, 3],
                                     stride: stride, dilation: dilation, before: [1, 1], after: [1, 1])
            let (errors, bound) = try DirectForms.errorsAgainstTheModel(
                ref, Float.self, runs: [(.avx2FMA, 1), (.avx2FMA, 2)], form: .channelBlocks, seed: "passes") { g in
                    #expect(passes(g) > 0, "\(ref)")
                }
            for error in errors { #expect(error <= bound, "\(ref): \(error) > \(bound)") }
        }
        let short = try ConvolutionGeometry.layer(inputShape: [1, 256, 14, 14], weightShape: [16, 256, 3, 3],
                                                  padding: .symmetric([1]))
        let few = try ConvolutionGeometry.layer(inputShape: [1, 8, 56, 56], weightShape: [16, 8, 3, 3],
                                                padding: .symmetric([1]))
        #expect(passes(short) == 0 && passes(few) == 0)
    }

    /// The cost model's form: a vector form (the channel blocks or the channel vectors) for
    /// the 3×3 and stem layers of a CNN (many output channels) where one runs, the row kernel
    /// for one output channel (a plain image filter), the rows whenever only the portable
    /// form runs.
    @Test func theCostModelPicksTheFormByItsEstimates() throws {
        let model = CostModel.measured, budget = ConvolutionOptions.defaultWorkspaceBudget
        let layer = try ConvolutionGeometry.layer(inputShape: [1, 64, 56, 56], weightShape: [64, 64, 3, 3],
                                                  padding: .symmetric([1]))
        let stem = try ConvolutionGeometry.layer(inputShape: [1, 3, 224, 224], weightShape: [64, 3, 7, 7],
                                                 stride: [2], padding: .symmetric([3]))
        let image = try ConvolutionGeometry.signal(inputShape: [512, 512], kernelShape: [5, 5], mode: .same,
                                                   semantics: .correlation)
        for instructions in [VectorInstructions.avx2FMA, .avx512] where instructions.isAvailable {
            for g in [layer, stem] {
                #expect([.channelBlocks, .channelVectors].contains(
                    model.directForm(g, scalarSize: 4, threads: 1, workspaceBudget: budget, instructions: instructions)),
                    "\(g) \(instructions)")
            }
            #expect(model.directForm(image, scalarSize: 4, threads: 1, workspaceBudget: budget,
                                     instructions: instructions) == .rows)
        }
        #expect(model.directForm(layer, scalarSize: 4, threads: 1, workspaceBudget: budget,
                                 instructions: .portable) == .rows)
        // A budget below one group's phase planes (64 × 58² floats, the vectors' padded
        // planes too) rules both vector forms out.
        #expect(model.directForm(layer, scalarSize: 4, threads: 1, workspaceBudget: 64 * 58 * 58 * 4 - 1) == .rows)
    }
}

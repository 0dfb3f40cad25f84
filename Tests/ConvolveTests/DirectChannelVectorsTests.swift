import BenchCore
import Testing
@testable import Convolve

/// The direct path's channel vectors (``DirectChannelVectors``): against the independent
/// model, against the row kernel and the channel blocks bit for bit, across thread counts
/// and passes, the weights' packing, and the form the cost model picks.
@Suite struct DirectChannelVectorsTests {
    /// Against the independent model within the direct bound, `Float` and `Double`, the AVX2
    /// and AVX-512 forms (each where it runs): output channels per group from 1 to 130
    /// (partial blocks of 16 and 8, 32 and 16, items of several blocks and a partial one),
    /// planes of 1 to 150 positions (partial tiles of six, items
    /// of 96 and a partial one), strides 1 to 3, dilations, uneven padding, groups,
    /// batches, 1-D to 3-D, input channels past a pass (taps in passes), weights packed
    /// before the items and by each item; the output starts as NaN so an output left
    /// unwritten fails.
    @Test func channelVectorsMatchTheReferenceLayer() throws {
        guard VectorInstructions.avx2FMA.isAvailable else { return }  // no AVX2 here
        var cases: [ReferenceLayer] = []
        for outputs in [1, 7, 16, 17, 130] {
            for width in [1, 5, 13, 50] {
                cases.append(ReferenceLayer(batch: 1, channels: 3, outputs: outputs, groups: 1, extent: [3, width],
                                            kernel: [3, 3], stride: [1, 1], dilation: [1, 1],
                                            before: [1, 1], after: [1, 1]))
            }
        }
        for (stride, dilation) in [([2, 2], [1, 1]), ([3, 2], [1, 2]), ([1, 3], [2, 1]), ([2, 1], [1, 1])] {
            cases.append(ReferenceLayer(batch: 2, channels: 4, outputs: 10, groups: 2, extent: [23, 41], kernel: [5, 4],
                                        stride: stride, dilation: dilation, before: [2, 3], after: [1, 0]))
        }
        cases.append(ReferenceLayer(batch: 1, channels: 40, outputs: 20, groups: 1, extent: [9, 11], kernel: [3, 3],
                                    stride: [2, 2], dilation: [1, 1], before: [1, 1], after: [1, 1]))
        cases.append(ReferenceLayer(batch: 1, channels: 2, outputs: 9, groups: 1, extent: [10, 30], kernel: [3, 5],
                                    stride: [1, 1], dilation: [1, 1], before: [0, 0], after: [0, 0]))
        cases.append(ReferenceLayer(batch: 1, channels: 3, outputs: 8, groups: 1, extent: [199], kernel: [4],
                                    stride: [2], dilation: [3], before: [0], after: [2]))
        cases.append(ReferenceLayer(batch: 2, channels: 2, outputs: 11, groups: 1, extent: [5, 6, 19], kernel: [2, 3, 3],
                                    stride: [2, 1, 2], dilation: [1, 2, 1], before: [1, 1, 1], after: [0, 1, 1]))
        cases.append(ReferenceLayer(batch: 1, channels: 3, outputs: 24, groups: 1, extent: [40, 40], kernel: [7, 7],
                                    stride: [2, 2], dilation: [1, 1], before: [3, 3], after: [3, 3]))
        var packings: Set<Bool> = []
        for ref in cases {
            try check(ref, Float.self, &packings)
            try check(ref, Double.self, &packings)
        }
        #expect(packings == [true, false])  // both ways of packing the weights ran
    }

    private func check<T: ConvolveScalar>(_ ref: ReferenceLayer, _: T.Type, _ packings: inout Set<Bool>) throws {
        let forms = [VectorInstructions.avx2FMA, .avx512].filter(\.isAvailable)
        let runs = forms.flatMap { [($0, 1), ($0, 2)] }
        let (errors, bound) = try DirectForms.errorsAgainstTheModel(ref, T.self, runs: runs,
                                                                    form: .channelVectors, seed: "vectors") { g in
            for instructions in forms {
                packings.insert(DirectChannelVectors.packsPerItem(g, scalarSize: MemoryLayout<T>.size,
                                                                  instructions: instructions))
                #expect(DirectChannelVectors.applies(g, scalarSize: MemoryLayout<T>.size, instructions: instructions,
                                                     workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget))
            }
        }
        for ((instructions, threads), error) in zip(runs, errors) {
            #expect(error <= bound, "\(ref) \(T.dtypeName) \(instructions) \(threads) threads: \(error) > \(bound)")
        }
    }

    /// Each output is the chain of fused multiply-adds over `(c, rz, ry, rx)` from 0: the
    /// channel vectors give the row kernel's bits where it runs (stride 1 along x) and the
    /// channel blocks' bits at every stride, with one worker or two, with taps in one pass
    /// or several (40 input channels of 3×3: three passes), with a bias added as they store
    /// (the bits of adding it after), every boundary of the signal face's padding, `Float`
    /// and `Double`, in AVX2 and (where it runs) AVX-512.
    @Test func channelVectorsGiveTheOtherFormsBits() throws {
        guard VectorInstructions.avx2FMA.isAvailable else { return }  // no AVX2 here
        func compare<T: ConvolveScalar>(_: T.Type, _ geometry: ConvolutionGeometry, _ label: String) {
            var random = SeededRandom(seed: stableSeed("vectors " + label))
            let x: [T] = random.values(Shape.product(geometry.inputShape)).map { T($0) }
            let w: [T] = random.values(Shape.product(geometry.kernelShape)).map { T($0) }
            let bias: [T] = random.values(geometry.outputChannels).map { T($0) }
            let blocks = DirectForms.run(geometry, x, w, .avx2FMA, form: .channelBlocks)
            for instructions in [VectorInstructions.avx2FMA, .avx512] where instructions.isAvailable {
                for threads in [1, 2] {
                    let vectors = DirectForms.run(geometry, x, w, instructions, form: .channelVectors, threads: threads)
                    #expect(DirectForms.differing(vectors, blocks) == 0,
                            "\(label) \(T.dtypeName) \(instructions) \(threads) blocks")
                }
                let fused = DirectForms.run(geometry, x, w, instructions, form: .channelVectors, threads: 2, bias: bias)
                let volume = geometry.outputVolume
                let after = blocks.indices.map { i in blocks[i] + bias[i / volume % geometry.outputChannels] }
                #expect(DirectForms.differing(fused, after) == 0, "\(label) \(T.dtypeName) \(instructions) bias")
            }
            if geometry.stride.last == 1 {
                let rows = DirectForms.run(geometry, x, w, .avx2FMA, form: .rows)
                #expect(DirectForms.differing(blocks, rows) == 0, "\(label) \(T.dtypeName) rows")
            }
        }
        for (channels, outputs, stride) in [(3, 20, 1), (40, 20, 1), (40, 33, 2), (5, 130, 3), (2, 70, 1)] {
            for width in [1, 6, 17, 40] {
                let g = try ConvolutionGeometry.layer(inputShape: [2, channels, 7, width],
                                                      weightShape: [outputs, channels, 3, 3], stride: [stride],
                                                      padding: .symmetric([1]))
                #expect((DirectChannelVectors.tapChunk(Geometry3(g), channels: channels) > 0) == (channels == 40))
                compare(Float.self, g, "\(channels) \(outputs) \(stride) \(width)")
                compare(Double.self, g, "\(channels) \(outputs) \(stride) \(width)")
            }
        }
        let grouped = try ConvolutionGeometry.layer(inputShape: [1, 12, 15, 15], weightShape: [18, 4, 3, 3],
                                                    stride: [2], padding: .symmetric([1]), dilation: [2], groups: 3)
        compare(Float.self, grouped, "grouped")
        for boundary in [Boundary.reflect, .edge, .wrap] {
            let g = try ConvolutionGeometry(inputChannels: 2, outputChannels: 9, inputExtent: [12, 31], kernelExtent: [5, 3],
                                            padBefore: [2, 1], padAfter: [2, 1], boundary: boundary)
            compare(Float.self, g, "\(boundary)")
            compare(Double.self, g, "\(boundary)")
        }
    }

    /// On a zero-padded plane of few positions the tiles leave out the taps that read only
    /// the padding (``ChannelVectorTapClasses``): the same bits as every tap (the channel
    /// blocks'), prepared or not, for borders of one and two, strides, dilations, uneven
    /// padding, groups, batches, a 3-D layer, a plane of only border positions, a bias,
    /// passes over the taps, both thread counts; with an infinite weight too (the outputs
    /// that read every tap show it and the group is summed again with every tap, or, with
    /// no such outputs, nothing is left out), and a plane without padding has no classes.
    @Test func tapsThatReadOnlyThePaddingAreLeftOutWithTheSameBits() throws {
        guard VectorInstructions.avx2FMA.isAvailable else { return }  // no AVX2 here
        let layers: [(String, ConvolutionGeometry)] = [
            ("c40@7²", try .layer(inputShape: [1, 40, 7, 7], weightShape: [36, 40, 3, 3], padding: .symmetric([1]))),
            ("s2@14²", try .layer(inputShape: [2, 24, 14, 14], weightShape: [40, 24, 3, 3], stride: [2],
                                  padding: .symmetric([1]))),
            ("5×5@6²", try .layer(inputShape: [1, 8, 6, 6], weightShape: [20, 8, 5, 5], padding: .symmetric([2]))),
            ("d2@9²", try .layer(inputShape: [1, 6, 9, 9], weightShape: [18, 3, 3, 3], padding: .symmetric([2]),
                                 dilation: [2], groups: 2)),
            ("uneven", try ConvolutionGeometry(inputChannels: 5, outputChannels: 33, inputExtent: [8, 5], kernelExtent: [4, 3],
                                               stride: [1, 2], padBefore: [3, 0], padAfter: [0, 2])),
            ("3-D", try .layer(inputShape: [1, 4, 5, 4, 6], weightShape: [12, 4, 3, 3, 3], padding: .symmetric([1]))),
            ("2²", try .layer(inputShape: [1, 8, 2, 2], weightShape: [16, 8, 3, 3], padding: .symmetric([1]))),
        ]
        for (label, g) in layers {
            var random = SeededRandom(seed: stableSeed("padding taps " + label))
            let x: [Float] = random.values(Shape.product(g.inputShape)).map { Float($0) }
            var w: [Float] = random.values(Shape.product(g.kernelShape)).map { Float($0) }
            let bias: [Float] = random.values(g.outputChannels).map { Float($0) }
            for instructions in [VectorInstructions.avx2FMA, .avx512] where instructions.isAvailable {
                let every = DirectForms.run(g, x, w, instructions, form: .channelBlocks, bias: bias)
                for threads in [1, 2] {
                    for prepared in [false, true] {
                        let left = DirectForms.run(g, x, w, instructions, form: .channelVectors, threads: threads,
                                                   bias: bias, prepared: prepared)
                        #expect(DirectForms.differing(left, every) == 0, "\(label) \(instructions) \(threads) \(prepared)")
                    }
                }
                #expect(TapClassesMemo.answers.lookup(g).flatMap { $0 } != nil, "\(label): no classes made")
            }
            w[w.count / 2 + 1] = .infinity
            let every = DirectForms.run(g, x, w, .avx2FMA, form: .channelBlocks, bias: bias)
            #expect(every.contains { !$0.isFinite }, "\(label): the infinite weight shows nowhere")
            for prepared in [false, true] {
                let left = DirectForms.run(g, x, w, .avx2FMA, form: .channelVectors, bias: bias, prepared: prepared)
                #expect(DirectForms.differing(left, every) == 0, "\(label) infinite weight \(prepared)")
            }
        }
        // 7² outputs of 3×3 with one of padding: the interior (25 positions, five tiles), the
        // top and bottom rows with their corners (7, two tiles each), the side columns (5, one).
        let g7 = Geometry3(layers[0].1)
        let seven = try #require(ChannelVectorTapClasses(g7, channels: 40, positions: DirectChannelVectors.positions(g7),
                                                         perItem: DirectChannelVectors.positionsPerItem))
        #expect(seven.classCount == 5 && seven.maximumTiles == 11)
        #expect(seven.classStarts[5] == 40 * (9 + 4 * 6))
        let unpadded = try ConvolutionGeometry.layer(inputShape: [1, 8, 9, 9], weightShape: [16, 8, 3, 3])
        #expect(ChannelVectorTapClasses(Geometry3(unpadded), channels: 8,
                                        positions: DirectChannelVectors.positions(Geometry3(unpadded)),
                                        perItem: DirectChannelVectors.positionsPerItem) == nil)
    }

    /// The packing puts weight `(j, k)` at `((j / W)·taps + k)·W + j mod W` and zero past the
    /// channels (`W` = 16 `Float` and 8 `Double` in AVX2, 32 and 16 in AVX-512): the
    /// transposes (whole groups of eight or sixteen taps and the rest one by one) against the
    /// formula, 1 to 40 channels, 1 to 33 taps.
    @Test(arguments: [VectorInstructions.avx2FMA, .avx512])
    func packingPlacesEveryWeightByTheFormula(_ instructions: VectorInstructions) {
        func check<T: ConvolveScalar>(_: T.Type, channels: Int, taps: Int) {
            let width = VectorChannelVectors.width(MemoryLayout<T>.size, instructions: instructions)
            let weights = (0..<channels * taps).map { T($0 + 1) }
            let count = VectorChannelVectors.packedCount(channels: channels, taps: taps, scalarSize: MemoryLayout<T>.size,
                                                         instructions: instructions)
            var packed = [T](repeating: .nan, count: count)
            weights.withUnsafeBufferPointer { w in
                packed.withUnsafeMutableBufferPointer {
                    VectorChannelVectors.pack(w.baseAddress!, channels: channels, taps: taps, into: $0.baseAddress!,
                                              instructions: instructions)
                }
            }
            var expected = [T](repeating: 0, count: count)
            for j in 0..<channels {
                for k in 0..<taps { expected[(j / width * taps + k) * width + j % width] = weights[j * taps + k] }
            }
            #expect(DirectForms.differing(packed, expected) == 0, "\(T.dtypeName) \(channels) × \(taps)")
        }
        guard instructions.isAvailable else { return }  // the float packing is in vectors
        for channels in [1, 8, 9, 16, 17, 33, 40] {
            for taps in [1, 7, 8, 9, 16, 17, 27, 33] {
                check(Float.self, channels: channels, taps: taps)
                check(Double.self, channels: channels, taps: taps)
            }
        }
    }

    /// The cost model's form: the channel vectors for ResNet's strided 3×3 layers (no phase
    /// planes where the channel blocks read four per channel) and for c512@7² (its 2.4 M
    /// weights packed by the one item of positions as it goes), a vector form for the stem,
    /// the channel blocks for VGG's first layer (27 taps a tile), never the vectors for a
    /// 1×1 layer (left to GEMM) or a depthwise layer, nor where its workspace exceeds the
    /// budget; the rows where only the portable form runs.
    @Test func theCostModelPicksChannelVectorsForStridedLayers() throws {
        let model = CostModel.measuredAMDZen3, budget = ConvolutionOptions.defaultWorkspaceBudget
        func form(_ input: [Int], _ weight: [Int], stride: Int = 1, padding: Int,
                  instructions: VectorInstructions = .avx2FMA) throws -> DirectPath.Form {
            let g = try ConvolutionGeometry.layer(inputShape: input, weightShape: weight, stride: [stride],
                                                  padding: .symmetric([padding]), groups: input[1] / weight[1])
            return model.directForm(g, scalarSize: 4, threads: 1, workspaceBudget: budget, instructions: instructions)
        }
        guard VectorInstructions.avx2FMA.isAvailable else { return }
        #expect(try form([1, 128, 56, 56], [128, 128, 3, 3], stride: 2, padding: 1) == .channelVectors)
        #expect(try form([1, 256, 28, 28], [256, 256, 3, 3], stride: 2, padding: 1) == .channelVectors)
        // The stem's 147 taps a tile: a tie with the channel blocks (2.71 against 2.77 ms).
        #expect([.channelVectors, .channelBlocks].contains(try form([1, 3, 224, 224], [64, 3, 7, 7], stride: 2, padding: 3)))
        // 27 taps a tile: the tiles' own cost puts the vectors behind (3.20 against 2.16 ms).
        #expect(try form([1, 3, 224, 224], [64, 3, 3, 3], padding: 1) == .channelBlocks)
        #expect(try form([1, 512, 7, 7], [512, 512, 3, 3], padding: 1) == .channelVectors)
        #expect(try form([1, 512, 14, 14], [512, 512, 3, 3], stride: 2, padding: 1) == .channelVectors)
        #expect(try form([1, 256, 56, 56], [128, 256, 1, 1], stride: 2, padding: 0) != .channelVectors)
        #expect(try form([1, 96, 112, 112], [96, 1, 3, 3], stride: 2, padding: 1) != .channelVectors)
        #expect(try form([1, 128, 56, 56], [128, 128, 3, 3], stride: 2, padding: 1, instructions: .portable) == .rows)
        // Its workspace (padded planes, packed weights, positions and offsets) must fit the budget.
        let strided = try ConvolutionGeometry.layer(inputShape: [1, 128, 56, 56], weightShape: [128, 128, 3, 3],
                                                    stride: [2], padding: .symmetric([1]))
        let bytes = DirectChannelVectors.workspaceBytes(strided, scalarSize: 4)
        #expect(bytes == (128 * 58 * 58 + 128 * 1152) * 4 + (28 * 28 + 1152) * 8)
        #expect(model.directForm(strided, scalarSize: 4, threads: 1, workspaceBudget: bytes,
                                 instructions: .avx2FMA) == .channelVectors)
        #expect(model.directForm(strided, scalarSize: 4, threads: 1, workspaceBudget: bytes - 1,
                                 instructions: .avx2FMA) != .channelVectors)
    }

    /// With the AMD Zen 4's constants and the AVX-512 form, the channel vectors take the
    /// strided layers and c512@7² too (release probe, 2026-12-07, one thread, best of 9, ms,
    /// vectors against blocks: c128@56² stride 2 2.13 / 2.54, c256→512@14² stride 2 1.17 /
    /// 1.39, c512@7² 2.43 / 2.65), and the channel blocks keep the layers of three input
    /// channels (c3→32 stride 2 0.27 / 0.37, VGG's first, the 7×7 stem) and take the pointwise
    /// layers from GEMM (``CostModel/channelFormOutputElement``).
    @Test func theZen4ConstantsPickChannelVectorsInAVX512() throws {
        guard VectorInstructions.avx512.isAvailable else { return }
        let model = CostModel.measured(for: .amdZen4), budget = ConvolutionOptions.defaultWorkspaceBudget
        func form(_ input: [Int], _ weight: [Int], stride: Int = 1, padding: Int) throws -> DirectPath.Form {
            let g = try ConvolutionGeometry.layer(inputShape: input, weightShape: weight, stride: [stride],
                                                  padding: .symmetric([padding]))
            return model.directForm(g, scalarSize: 4, threads: 1, workspaceBudget: budget, instructions: .avx512)
        }
        #expect(try form([1, 128, 56, 56], [128, 128, 3, 3], stride: 2, padding: 1) == .channelVectors)
        #expect(try form([1, 256, 14, 14], [512, 256, 3, 3], stride: 2, padding: 1) == .channelVectors)
        #expect(try form([1, 512, 7, 7], [512, 512, 3, 3], padding: 1) == .channelVectors)
        #expect(try form([1, 3, 224, 224], [32, 3, 3, 3], stride: 2, padding: 1) == .channelBlocks)
        #expect(try form([1, 3, 224, 224], [64, 3, 3, 3], padding: 1) == .channelBlocks)
        // The 7×7 stem: 2.11–2.21 in the blocks against 2.35–2.42 in the vectors, where the
        // AVX2 form's 30 ns a tile had ranked the vectors ahead.
        #expect(try form([1, 3, 224, 224], [64, 3, 7, 7], stride: 2, padding: 3) == .channelBlocks)
        // Pointwise layers go to the blocks, not GEMM (0.24 against 0.28–0.29 ms on
        // c64→64@56², 0.39–0.41 against 0.56 on c16→96@112²).
        for (input, weight) in [([1, 64, 56, 56], [64, 64, 1, 1]), ([1, 16, 112, 112], [96, 16, 1, 1])] {
            let g = try ConvolutionGeometry.layer(inputShape: input, weightShape: weight, padding: .valid)
            #expect(PathChooser.choose(g, scalarSize: 4, options: ConvolutionOptions(threads: 1), model: model).path
                    == .direct, "\(weight)")
            #expect(model.directForm(g, scalarSize: 4, threads: 1, workspaceBudget: budget, instructions: .avx512)
                    == .channelBlocks)
        }
        // Blocks of 32 channels, items of 4 blocks: the AVX2 form's 128 channels an item.
        let g = try ConvolutionGeometry.layer(inputShape: [1, 512, 7, 7], weightShape: [512, 512, 3, 3],
                                              padding: .symmetric([1]))
        #expect(VectorChannelVectors.width(4, instructions: .avx512) == 32)
        #expect(DirectChannelVectors.items(g, scalarSize: 4, instructions: .avx512).blocks == 4)
        #expect(DirectChannelVectors.items(g, scalarSize: 4, instructions: .avx2FMA).blocks == 4)
    }
}

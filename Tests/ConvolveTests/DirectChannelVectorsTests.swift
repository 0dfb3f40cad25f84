import BenchCore
import Testing
@testable import Convolve

/// The direct path's channel vectors (``DirectChannelVectors``): against the independent
/// model, against the row kernel and the channel blocks bit for bit, across thread counts
/// and passes, the weights' packing, and the form the cost model picks.
@Suite struct DirectChannelVectorsTests {
    /// Against the independent model within the direct bound, `Float` and `Double`: output
    /// channels per group from 1 to 130 (partial blocks of 16 and 8, items of several
    /// blocks and a partial one), planes of 1 to 150 positions (partial tiles of six, items
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
        let (errors, bound) = try DirectForms.errorsAgainstTheModel(ref, T.self, runs: [(.avx2FMA, 1), (.avx2FMA, 2)],
                                                                    form: .channelVectors, seed: "vectors") { g in
            packings.insert(DirectChannelVectors.packsPerItem(g, scalarSize: MemoryLayout<T>.size))
            #expect(DirectChannelVectors.applies(g, scalarSize: MemoryLayout<T>.size, instructions: .avx2FMA,
                                                 workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget))
        }
        for (threads, error) in zip([1, 2], errors) {
            #expect(error <= bound, "\(ref) \(T.dtypeName) \(threads) threads: \(error) > \(bound)")
        }
    }

    /// Each output is the chain of fused multiply-adds over `(c, rz, ry, rx)` from 0: the
    /// channel vectors give the row kernel's bits where it runs (stride 1 along x) and the
    /// channel blocks' bits at every stride, with one worker or two, with taps in one pass
    /// or several (40 input channels of 3×3: three passes), with a bias added as they store
    /// (the bits of adding it after), every boundary of the signal face's padding, `Float`
    /// and `Double`.
    @Test func channelVectorsGiveTheOtherFormsBits() throws {
        guard VectorInstructions.avx2FMA.isAvailable else { return }  // no AVX2 here
        func compare<T: ConvolveScalar>(_: T.Type, _ geometry: ConvolutionGeometry, _ label: String) {
            var random = SeededRandom(seed: stableSeed("vectors " + label))
            let x: [T] = random.values(Shape.product(geometry.inputShape)).map { T($0) }
            let w: [T] = random.values(Shape.product(geometry.kernelShape)).map { T($0) }
            let bias: [T] = random.values(geometry.outputChannels).map { T($0) }
            let blocks = DirectForms.run(geometry, x, w, .avx2FMA, form: .channelBlocks)
            for threads in [1, 2] {
                let vectors = DirectForms.run(geometry, x, w, .avx2FMA, form: .channelVectors, threads: threads)
                #expect(DirectForms.differing(vectors, blocks) == 0, "\(label) \(T.dtypeName) \(threads) blocks")
            }
            if geometry.stride.last == 1 {
                let rows = DirectForms.run(geometry, x, w, .avx2FMA, form: .rows)
                #expect(DirectForms.differing(blocks, rows) == 0, "\(label) \(T.dtypeName) rows")
            }
            let volume = geometry.outputVolume
            let after = blocks.indices.map { i in blocks[i] + bias[i / volume % geometry.outputChannels] }
            let fused = DirectForms.run(geometry, x, w, .avx2FMA, form: .channelVectors, threads: 2, bias: bias)
            #expect(DirectForms.differing(fused, after) == 0, "\(label) \(T.dtypeName) bias")
        }
        for (channels, outputs, stride) in [(3, 20, 1), (40, 20, 1), (40, 33, 2), (5, 130, 3)] {
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

    /// The packing puts weight `(j, k)` at `((j / W)·taps + k)·W + j mod W` and zero past the
    /// channels (`W` = 16 `Float`, 8 `Double`): the AVX2 transposes (whole groups of eight
    /// taps and the rest one by one) against the formula, 1 to 40 channels, 1 to 27 taps.
    @Test func packingPlacesEveryWeightByTheFormula() {
        func check<T: ConvolveScalar>(_: T.Type, channels: Int, taps: Int) {
            let width = VectorChannelVectors.width(MemoryLayout<T>.size)
            let weights = (0..<channels * taps).map { T($0 + 1) }
            let count = VectorChannelVectors.packedCount(channels: channels, taps: taps, scalarSize: MemoryLayout<T>.size)
            var packed = [T](repeating: .nan, count: count)
            weights.withUnsafeBufferPointer { w in
                packed.withUnsafeMutableBufferPointer {
                    VectorChannelVectors.pack(w.baseAddress!, channels: channels, taps: taps, into: $0.baseAddress!)
                }
            }
            var expected = [T](repeating: 0, count: count)
            for j in 0..<channels {
                for k in 0..<taps { expected[(j / width * taps + k) * width + j % width] = weights[j * taps + k] }
            }
            #expect(DirectForms.differing(packed, expected) == 0, "\(T.dtypeName) \(channels) × \(taps)")
        }
        guard VectorInstructions.avx2FMA.isAvailable else { return }  // the float packing is AVX2
        for channels in [1, 8, 9, 16, 17, 40] {
            for taps in [1, 7, 8, 9, 16, 27] {
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
}

import BenchCore
import Testing
@testable import Convolve

/// The register-blocked direct kernel (full blocks of 16, tails, one or two rows per
/// pass, channels, 1- to 3-D, strides and dilations along the outer axes) against the
/// independent model within the direct path's bound.
@Suite struct DirectRowKernelTests {
    @Test(arguments: [16, 17, 33, 47])
    func blockedRowsMatchTheReferenceLayer(_ width: Int) throws {
        var cases: [ReferenceLayer] = []
        for (extent, kernel) in [([width + 2], [3]), ([7, width + 4], [3, 5]), ([5, 6, width], [2, 3, 1])] {
            let rank = extent.count
            for (stride, dilation) in [(1, 1), (2, 1), (1, 2)] {
                // Stride and dilation on every axis but x, which the kernel requires to be 1.
                let outer = { (v: Int) in Array(repeating: v, count: rank - 1) + [1] }
                cases.append(ReferenceLayer(batch: 2, channels: 3, outputs: 2, groups: 1, extent: extent, kernel: kernel,
                                            stride: outer(stride), dilation: outer(dilation),
                                            before: Array(repeating: 1, count: rank), after: Array(repeating: 0, count: rank)))
            }
        }
        for ref in cases {
            let label = "\(ref)"
            let x = Tensor<Float>.from(ref.inputShape, LayerFaceTests.data(ref.inputShape.reduce(1, *), "x" + label))
            let w = Tensor<Float>.from(ref.weightShape, LayerFaceTests.data(ref.weightShape.reduce(1, *), "w" + label))
            let expected = ref.forward(x.doubles, w.doubles, bias: nil)
            let geometry = try ConvolutionGeometry.layer(inputShape: x.shape, weightShape: w.shape, stride: ref.stride,
                                                         padding: .explicit(before: ref.before, after: ref.after),
                                                         dilation: ref.dilation)
            #expect(DirectRowKernel.applies(Geometry3(geometry)))
            let bound = ErrorBound.maximumError(.direct, geometry, input: x.elements, kernel: w.elements)
            for threads in [1, 2] {
                // The row form forced (the cost model takes channel blocks for some of these).
                let y = DirectForms.run(geometry, x.elements, w.elements, .detected, form: .rows, threads: threads)
                let error = maxAbsDifference(y.map { Double($0) }, expected)
                #expect(geometry.outputShape == ref.outputShape && error <= bound,
                        "\(label) threads \(threads): \(error) > \(bound)")
            }
        }
    }

    /// Every compiled form of the blocked kernel, the AVX2 + FMA and AVX-512 ones (on
    /// processors that run them) and the portable Swift loop, against the independent model
    /// within the direct bound: every kernel width the vector kernel unrolls (1, 3, 5, 7, 9,
    /// 11) and others (2, 16), rows of 1 to 200 outputs (masked tails, single vectors, full
    /// blocks of one and two rows in both widths), 17 and 9 output rows of kernels with 5 and
    /// 6 tap rows (AVX-512 takes them six at a time, then four, two and one), square 3×3,
    /// 5×5 and 7×7 kernels in 2-D and 3-D (AVX2 runs them with constant tap rows), one and
    /// several channels, 1-D to 3-D, `Float` and `Double`.
    @Test(arguments: VectorInstructions.allCases)
    func everyCompiledKernelMatchesTheReferenceLayer(_ instructions: VectorInstructions) throws {
        if !instructions.isAvailable { return }  // nothing to run here
        var cases: [ReferenceLayer] = []
        for kx in [1, 2, 3, 5, 7, 9, 11, 16] {
            for width in [1, 7, 8, 9, 31, 33, 64, 70, 143, 200] where width + 2 >= kx {
                cases.append(ReferenceLayer(batch: 1, channels: 1, outputs: 1, groups: 1, extent: [width + kx - 1],
                                            kernel: [kx], stride: [1], dilation: [1], before: [0], after: [0]))
                cases.append(ReferenceLayer(batch: 1, channels: 2, outputs: 3, groups: 1, extent: [5, width],
                                            kernel: [3, kx], stride: [1, 1], dilation: [1, 1],
                                            before: [1, kx / 2], after: [1, (kx - 1) / 2]))
            }
        }
        for kx in [7, 9, 11, 16] {
            for width in [1, 17, 64, 70, 143] {
                cases.append(ReferenceLayer(batch: 1, channels: 2, outputs: 2, groups: 1, extent: [17, width],
                                            kernel: [5, kx], stride: [1, 1], dilation: [1, 1],
                                            before: [2, kx / 2], after: [2, (kx - 1) / 2]))
            }
        }
        for k in [3, 5, 7] {  // the square kernels the AVX2 form copies with constant tap rows
            for width in [1, 17, 64, 70, 143] {
                cases.append(ReferenceLayer(batch: 1, channels: 2, outputs: 2, groups: 1, extent: [k + 12, width],
                                            kernel: [k, k], stride: [1, 1], dilation: [1, 1],
                                            before: [k / 2, k / 2], after: [(k - 1) / 2, (k - 1) / 2]))
            }
            cases.append(ReferenceLayer(batch: 1, channels: 1, outputs: 2, groups: 1, extent: [3, k + 5, 37],
                                        kernel: [2, k, k], stride: [1, 1, 1], dilation: [1, 1, 1],
                                        before: [0, 0, 0], after: [0, 0, 0]))
        }
        cases.append(ReferenceLayer(batch: 1, channels: 2, outputs: 2, groups: 1, extent: [3, 14, 40], kernel: [2, 6, 7],
                                    stride: [1, 1, 1], dilation: [1, 1, 1], before: [0, 0, 3], after: [0, 0, 3]))
        cases.append(ReferenceLayer(batch: 2, channels: 3, outputs: 2, groups: 1, extent: [4, 6, 45], kernel: [2, 3, 5],
                                    stride: [1, 2, 1], dilation: [2, 1, 1], before: [1, 1, 2], after: [0, 1, 2]))
        cases.append(ReferenceLayer(batch: 1, channels: 4, outputs: 4, groups: 2, extent: [9, 50], kernel: [3, 3],
                                    stride: [1, 1], dilation: [2, 1], before: [2, 1], after: [2, 1]))
        for ref in cases {
            try check(ref, Float.self, instructions)
            try check(ref, Double.self, instructions)
        }
    }

    /// Every compiled form of the row kernel runs on a thread with a 512 KiB stack (a
    /// secondary thread's default on some systems). Built without optimisation (debug
    /// builds, such as this suite's), its helpers had each kept a slot of their own in the
    /// entry point's frame, 2.3 MB in AVX2 and 4.5 MB in AVX-512, which overran such a stack
    /// (the process crashes). A 3×3 kernel on one channel (AVX-512's own copy for it) and a
    /// 5×7 kernel on two, `Float` and `Double`, within the direct bound.
    @Test(arguments: VectorInstructions.allCases)
    func everyCompiledKernelRunsOnASmallThreadStack(_ instructions: VectorInstructions) throws {
        if !instructions.isAvailable { return }  // nothing to run here
        let cases = [
            ReferenceLayer(batch: 1, channels: 1, outputs: 1, groups: 1, extent: [9, 70], kernel: [3, 3],
                           stride: [1, 1], dilation: [1, 1], before: [1, 1], after: [1, 1]),
            ReferenceLayer(batch: 1, channels: 2, outputs: 2, groups: 1, extent: [17, 70], kernel: [5, 7],
                           stride: [1, 1], dilation: [1, 1], before: [2, 3], after: [2, 3]),
        ]
        var results: [(label: String, error: Double, bound: Double)] = []
        runOnThread(stackBytes: 512 << 10) {
            for ref in cases {
                let float = try? DirectForms.errorAgainstTheModel(ref, Float.self, instructions, form: .rows)
                let double = try? DirectForms.errorAgainstTheModel(ref, Double.self, instructions, form: .rows)
                for (type, run) in [("Float", float), ("Double", double)] {
                    let (error, bound) = run ?? (.infinity, 0)
                    results.append(("\(ref) \(type) \(instructions)", error, bound))
                }
            }
        }
        #expect(results.count == 2 * cases.count)
        for result in results {
            #expect(result.error <= result.bound, "\(result.label): \(result.error) > \(result.bound)")
        }
    }

    private func check<T: ConvolveScalar>(_ ref: ReferenceLayer, _: T.Type,
                                          _ instructions: VectorInstructions) throws {
        let (error, bound) = try DirectForms.errorAgainstTheModel(ref, T.self, instructions, form: .rows) { g in
            #expect(DirectRowKernel.applies(Geometry3(g)))
        }
        #expect(error <= bound, "\(ref) \(T.dtypeName) \(instructions): \(error) > \(bound)")
    }

    /// The AVX-512 kernel computes every output as the same chain of fused multiply-adds
    /// as the AVX2 one, so the two give the same bits: rows of 1 to 300 outputs (every
    /// block and tail shape of both widths), seven output rows of a 3-row kernel (AVX-512
    /// takes them as four, two and one; AVX2 as pairs and one), fifteen of a 5-row kernel
    /// at least 7 wide (AVX-512: six, six, two, one) or, with stride 2 along y, one at a
    /// time, several channels or one (a 3×3 kernel: AVX-512's copy for one channel), the
    /// unrolled kernel widths and others, `Float` and `Double`.
    @Test func bothVectorKernelsGiveTheSameBits() throws {
        guard VectorInstructions.avx512.isAvailable else { return }  // this processor runs one form at most
        func compare<T: ConvolveScalar>(_: T.Type, width: Int, ky: Int, kx: Int, stride: Int,
                                        channels: Int = 2) throws -> Int {
            let rows = ky == 3 ? 9 : 19
            let geometry = try ConvolutionGeometry.layer(inputShape: [1, channels, rows, width + kx - 1],
                                                         weightShape: [2, channels, ky, kx], stride: [stride, 1])
            var random = SeededRandom(seed: stableSeed("bits \(width) \(ky) \(kx) \(stride)"))
            let x: [T] = random.values(channels * rows * (width + kx - 1)).map { T($0) }
            let w: [T] = random.values(2 * channels * ky * kx).map { T($0) }
            return DirectForms.differing(DirectForms.run(geometry, x, w, .avx512, form: .rows),
                                         DirectForms.run(geometry, x, w, .avx2FMA, form: .rows))
        }
        let widths = Array(1...40) + [47, 63, 64, 65, 127, 128, 129, 191, 255, 300]
        for (ky, kxs) in [(3, [1, 3, 5, 8, 11]), (5, [7, 9, 12])] {
            for kx in kxs {
                for width in widths {
                    for stride in [1, 2] {  // stride 2 along y: one row per pass
                        #expect(try compare(Float.self, width: width, ky: ky, kx: kx, stride: stride) == 0,
                                "Float \(width) \(ky)×\(kx) \(stride)")
                        #expect(try compare(Double.self, width: width, ky: ky, kx: kx, stride: stride) == 0,
                                "Double \(width) \(ky)×\(kx) \(stride)")
                    }
                }
            }
        }
        // One input channel of a 3×3 kernel: AVX-512's own copy with the weights in registers
        // (blocks of four rows × 64 outputs, the columns and rows left over by the general blocks).
        for width in widths {
            #expect(try compare(Float.self, width: width, ky: 3, kx: 3, stride: 1, channels: 1) == 0, "Float \(width) one channel")
            #expect(try compare(Double.self, width: width, ky: 3, kx: 3, stride: 1, channels: 1) == 0,
                    "Double \(width) one channel")
        }
    }

    /// Problems large enough for two workers: padding in bands of rows (2-D) or slices
    /// (3-D), one long row cut into spans (1-D). Every output is computed the same way on
    /// any thread count, so the results are bit-identical, and within the bound.
    @Test(arguments: [([100_000], [7]), ([300, 260], [5, 5]), ([40, 36, 33], [3, 3, 3])])
    func workersShareBandsAndSpansWithoutChangingTheResult(_ shapes: ([Int], [Int])) throws {
        var random = SeededRandom(seed: stableSeed("spans \(shapes)"))
        let x = Tensor<Float>.from(shapes.0, random.values(shapes.0.reduce(1, *)))
        let k = Tensor<Float>.from(shapes.1, random.values(shapes.1.reduce(1, *)))
        let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: .same,
                                                      boundary: .reflect, semantics: .convolution)
        #expect(DirectPath.workers(geometry, threads: 2) == 2)
        let one = try convolve(x, k, mode: .same, boundary: .reflect, method: .direct, options: .init(threads: 1))
        let two = try convolve(x, k, mode: .same, boundary: .reflect, method: .direct, options: .init(threads: 2))
        #expect(one.elements == two.elements)
        let reference = try convolve(x, k, mode: .same, boundary: .reflect, method: .reference)
        let bound = ErrorBound.maximumError(.direct, geometry, input: x.elements, kernel: k.elements)
        #expect(maxAbsDifference(two.doubles, reference.doubles) <= bound)
    }

    /// 2-D planes larger than the band budget are padded band by band into cache-sized
    /// scratch: every boundary, padding, stride and dilation along y, several channels and
    /// output channels, bands that end short, on one and two workers, against the
    /// independent models (``ReferenceSignal`` for the boundaries, ``ReferenceLayer``)
    /// within the bound and bit-identical between thread counts.
    @Test(arguments: ["zero", "reflect", "edge", "wrap"])
    func bandedPaddingMatchesTheReference(_ boundaryName: String) throws {
        let boundary: Boundary = switch boundaryName {
        case "reflect": .reflect
        case "edge": .edge
        case "wrap": .wrap
        default: .zero
        }
        var random = SeededRandom(seed: stableSeed("bands " + boundaryName))
        // Signal face, 'same': 2000 rows of 199 floats (1.6 MiB padded, nine bands), a 7×5
        // kernel.
        let x = Tensor<Float>.from([2000, 199], random.values(2000 * 199))
        let k = Tensor<Float>.from([7, 5], random.values(35))
        let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: .same,
                                                      boundary: boundary, semantics: .correlation)
        for threads in [1, 2] {
            #expect(DirectPath.bandRows(Geometry3(geometry), channels: 1, scalarSize: 4,
                                        workers: DirectPath.workers(geometry, threads: threads)) != nil)
        }
        let one = try correlate(x, k, mode: .same, boundary: boundary, method: .direct, options: .init(threads: 1))
        let two = try correlate(x, k, mode: .same, boundary: boundary, method: .direct, options: .init(threads: 2))
        #expect(one.elements == two.elements)
        let reference = try correlate(x, k, mode: .same, boundary: boundary, method: .reference)
        let bound = ErrorBound.maximumError(.direct, geometry, input: x.elements, kernel: k.elements)
        #expect(maxAbsDifference(one.doubles, reference.doubles) <= bound, "\(boundaryName)")
        // The reference method pads through the same routine, so the boundary is also
        // checked against the independent model, which pads by its own rules.
        let model = ReferenceSignal.compute(.init(shape: x.shape, values: x.doubles), .init(shape: k.shape, values: k.doubles),
                                            op: .correlation, mode: .same, boundary: boundary)
        #expect(maxAbsDifference(one.doubles, model.values) <= bound, "\(boundaryName) against the model")

        // CNN face: 3 channels in, 2 out, stride 2 and dilation 2 along y, padding 3/1.
        for (stride, dilation) in [([2, 1], [1, 1]), ([1, 1], [2, 1]), ([3, 1], [2, 1])] {
            let ref = ReferenceLayer(batch: 1, channels: 3, outputs: 2, groups: 1, extent: [1100, 129], kernel: [4, 3],
                                     stride: stride, dilation: dilation, before: [3, 1], after: [1, 1])
            try expectDirectRowsMatch(ref) { DirectPath.bandRows($0, channels: 3, scalarSize: 4, workers: 1) != nil }
        }
    }

    /// `ref`'s layer through the direct path's rows (the cost model must not pick the
    /// channel blocks) against the reference layer within the bound, in every form this
    /// processor runs, on one worker and on two; `route` says whether the geometry takes the
    /// route under test.
    private func expectDirectRowsMatch(_ ref: ReferenceLayer, route: (Geometry3) -> Bool) throws {
        let forms = VectorInstructions.allCases.filter(\.isAvailable)
        let runs = forms.flatMap { instructions in [(instructions, 1), (instructions, 2)] }
        let (errors, bound) = try DirectForms.errorsAgainstTheModel(ref, Float.self, runs: runs, form: .rows,
                                                                   seed: "rows") { g in
            #expect(g.outputShape == ref.outputShape && route(Geometry3(g)), "\(ref)")
            #expect(CostModel.current.directForm(g, scalarSize: 4, threads: 1,
                                                 workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget) == .rows)
        }
        for ((instructions, threads), error) in zip(runs, errors) {
            #expect(error <= bound, "\(ref) \(instructions) threads \(threads)")
        }
    }

    /// Banded planes whose interior rows read the input in place, with padded strips at
    /// the ends of each row and padded rows at the top and bottom: 'valid' (no padding at
    /// all), one interior column, none (a kernel wider than the image), a 1×1 kernel, one
    /// and two workers, against the reference within the bound.
    @Test(arguments: [([2000, 199], [7, 5], Mode.valid), ([2000, 199], [9, 199], .same), ([6000, 20], [5, 25], .same),
                      ([2000, 199], [1, 1], .same), ([1500, 301], [6, 4], .full)])
    func bandsReadTheirInteriorInPlace(_ shapes: ([Int], [Int], Mode)) throws {
        var random = SeededRandom(seed: stableSeed("in place \(shapes)"))
        let x = Tensor<Float>.from(shapes.0, random.values(shapes.0.reduce(1, *)))
        let k = Tensor<Float>.from(shapes.1, random.values(shapes.1.reduce(1, *)))
        let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: shapes.2,
                                                      semantics: .convolution)
        #expect(DirectPath.bandRows(Geometry3(geometry), channels: 1, scalarSize: 4, workers: 1) != nil)
        let reference = try convolve(x, k, mode: shapes.2, method: .reference)
        let bound = ErrorBound.maximumError(.direct, geometry, input: x.elements, kernel: k.elements)
        for threads in [1, 2] {
            let y = try convolve(x, k, mode: shapes.2, method: .direct, options: .init(threads: threads))
            #expect(y.shape == reference.shape && maxAbsDifference(y.doubles, reference.doubles) <= bound,
                    "\(shapes) threads \(threads)")
        }
    }

    /// Planes that are not cut into bands but whose rows are all interior (a long 1-D
    /// signal; a few long rows under a kernel of one row, or 'valid' along y) read the input
    /// in place in spans, with the ends padded: every boundary and mode, spans split at
    /// ``DirectPath/inPlaceSpan``, one and two workers (the same bits), against the
    /// independent model within the bound.
    @Test(arguments: [([49999], [9]), ([50000], [20]), ([2, 30000], [1, 7]), ([3, 20000], [3, 5])])
    func longRowsReadTheirInteriorInPlace(_ shapes: ([Int], [Int])) throws {
        var random = SeededRandom(seed: stableSeed("long rows \(shapes)"))
        let x = Tensor<Float>.from(shapes.0, random.values(shapes.0.reduce(1, *)))
        let k = Tensor<Float>.from(shapes.1, random.values(shapes.1.reduce(1, *)))
        let boundaries: [(String, Boundary)] = [("zero", .zero), ("reflect", .reflect), ("edge", .edge), ("wrap", .wrap)]
        for mode in [Mode.same, .full, .valid] {
            for (name, boundary) in boundaries where mode == .same || name == "zero" {
                // 'same' and 'full' pad along y too where the kernel has rows; 'valid' never.
                let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: mode,
                                                              boundary: boundary, semantics: .convolution)
                let g = Geometry3(geometry)
                let label = "\(shapes) \(mode) \(name)"
                let inPlace = DirectPath.inPlaceColumns(g, channels: 1, scalarSize: 4, workers: 1, instructions: .detected)
                if VectorInstructions.detected != .portable && (g.kernel.y == 1 || mode == .valid) {
                    #expect(inPlace != nil && DirectPath.bandRows(g, channels: 1, scalarSize: 4, workers: 1) == nil,
                            "\(label)")
                }
                try expectOneAndTwoWorkersMatch(x, k, geometry, mode: mode, boundary: boundary, againstModel: true,
                                                label)
            }
        }
    }

    /// A 1-D layer (NCW) read in place: three channels in, two out, explicit padding, every
    /// output channel per span.
    @Test func longLayerRowsReadTheirInteriorInPlace() throws {
        let ref = ReferenceLayer(batch: 2, channels: 3, outputs: 2, groups: 1, extent: [20000], kernel: [5],
                                 stride: [1], dilation: [1], before: [3], after: [1])
        try expectDirectRowsMatch(ref) {
            VectorInstructions.detected == .portable
                || DirectPath.inPlaceColumns($0, channels: 3, scalarSize: 4, workers: 1, instructions: .detected) != nil
        }
    }

    /// 3-D inputs padded in slabs of z-slices (``DirectPath/slabSlices``) on one worker,
    /// against the same call on two, which pads the volume whole (too few slabs to share):
    /// the same bits, whatever the boundary, in 'same' and in 'full' with an even kernel;
    /// and one of them against the independent model within the bound.
    @Test func slabsGiveTheWholePadsBits() throws {
        var random = SeededRandom(seed: stableSeed("slabs"))
        let x = Tensor<Float>.from([20, 120, 120], random.values(20 * 120 * 120))
        let cube = Tensor<Float>.from([3, 3, 3], random.values(27)), even = Tensor<Float>.from([4, 2, 3], random.values(24))
        let cases: [(Tensor<Float>, Mode, Boundary)] = [(cube, .same, .zero), (cube, .same, .reflect), (cube, .same, .edge),
                                                        (cube, .same, .wrap), (even, .full, .zero)]
        for (k, mode, boundary) in cases {
            let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: mode,
                                                          boundary: boundary, semantics: .convolution)
            let label = "\(k.shape) \(mode) \(boundary)"
            let g = Geometry3(geometry)
            #expect(DirectPath.slabSlices(g, channels: 1, scalarSize: 4, workers: DirectPath.workers(geometry, threads: 1)) != nil
                    && DirectPath.slabSlices(g, channels: 1, scalarSize: 4, workers: DirectPath.workers(geometry, threads: 2)) == nil,
                    "\(label)")
            try expectOneAndTwoWorkersMatch(x, k, geometry, mode: mode, boundary: boundary,
                                            againstModel: boundary == .reflect, label)
        }
    }

    /// The direct path's 'convolution' of `x` by `k` (`geometry`) on one worker and on two:
    /// the same bits, and, when `againstModel`, the independent model's result within the
    /// bound.
    private func expectOneAndTwoWorkersMatch(
        _ x: Tensor<Float>, _ k: Tensor<Float>, _ geometry: ConvolutionGeometry, mode: Mode, boundary: Boundary,
        againstModel: Bool, _ label: String
    ) throws {
        let one = try convolve(x, k, mode: mode, boundary: boundary, method: .direct, options: .init(threads: 1))
        let two = try convolve(x, k, mode: mode, boundary: boundary, method: .direct, options: .init(threads: 2))
        let sameBits = one.elements == two.elements
        #expect(sameBits, "\(label)")
        guard againstModel else { return }
        let model = ReferenceSignal.compute(.init(shape: x.shape, values: x.doubles),
                                            .init(shape: k.shape, values: k.doubles),
                                            op: .convolution, mode: mode, boundary: boundary)
        let bound = ErrorBound.maximumError(.direct, geometry, input: x.elements, kernel: k.elements)
        #expect(one.shape == model.shape && maxAbsDifference(one.doubles, model.values) <= bound, "\(label)")
    }

    /// A 3-D layer in slabs with a stride and a dilation along z (four channels in, one
    /// out, explicit padding) against the reference layer, on one worker and on two.
    @Test func layerSlabsMatchTheReferenceLayer() throws {
        let ref = ReferenceLayer(batch: 1, channels: 4, outputs: 1, groups: 1, extent: [12, 80, 80], kernel: [3, 3, 3],
                                 stride: [2, 1, 1], dilation: [2, 1, 1], before: [2, 1, 1], after: [1, 1, 1])
        try expectDirectRowsMatch(ref) { DirectPath.slabSlices($0, channels: 4, scalarSize: 4, workers: 1) != nil }
    }
}

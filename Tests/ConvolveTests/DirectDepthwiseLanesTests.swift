import BenchCore
import Testing
@testable import Convolve

/// The direct path's depthwise lanes (``DirectDepthwiseLanes``): where they apply, against
/// the independent model, against the row kernel bit for bit, with a bias, across thread
/// counts, and with a constant boundary.
@Suite struct DirectDepthwiseLanesTests {
    /// The layers the lanes take and leave: depthwise (one input and one output channel per
    /// group) on planes of up to 56 outputs a row, 112 with a stride along x; not wider
    /// rows, planes whose interleaved copy would outgrow the worker's scratch (tall ones),
    /// a channel multiplier, grouped layers of several channels, 3-D planes, or a boundary
    /// that pads with no value.
    @Test func theLanesTakeDepthwiseLayersOnSmallPlanes() throws {
        guard let instructions = [VectorInstructions.avx2FMA, .avx512].first(where: \.isAvailable) else { return }
        func applies(_ g: ConvolutionGeometry) -> Bool { DirectDepthwiseLanes.applies(g, Geometry3(g), instructions: instructions) }
        func layer(_ input: [Int], _ weight: [Int], stride: Int = 1, groups: Int) throws -> ConvolutionGeometry {
            try ConvolutionGeometry.layer(inputShape: input, weightShape: weight, stride: [stride],
                                          padding: .symmetric([weight.last! / 2]), groups: groups)
        }
        #expect(try applies(layer([1, 960, 7, 7], [960, 1, 3, 3], groups: 960)))
        #expect(try applies(layer([2, 576, 14, 14], [576, 1, 5, 5], groups: 576)))
        #expect(try applies(layer([1, 144, 56, 56], [144, 1, 3, 3], stride: 2, groups: 144)))
        #expect(try applies(layer([1, 9, 56], [9, 1, 3], groups: 9)))
        #expect(try !applies(layer([1, 9, 57], [9, 1, 3], groups: 9)))
        #expect(try applies(layer([1, 192, 28, 28], [192, 1, 3, 3], groups: 192)))
        #expect(try !applies(layer([1, 64, 64, 64], [64, 1, 3, 3], groups: 64)))
        #expect(try applies(layer([1, 96, 112, 112], [96, 1, 3, 3], stride: 2, groups: 96)))
        #expect(try applies(layer([1, 32, 224, 224], [32, 1, 3, 3], stride: 2, groups: 32)))
        #expect(try !applies(layer([1, 32, 226, 226], [32, 1, 3, 3], stride: 2, groups: 32)))
        #expect(try applies(layer([1, 8, 500, 56], [8, 1, 3, 3], groups: 8)))
        #expect(try !applies(layer([1, 8, 20000, 56], [8, 1, 3, 3], groups: 8)))
        #expect(try !applies(layer([1, 32, 7, 7], [64, 1, 3, 3], groups: 32)))
        #expect(try !applies(layer([1, 32, 7, 7], [32, 2, 3, 3], groups: 16)))
        #expect(try !applies(layer([1, 8, 4, 7, 7], [8, 1, 3, 3, 3], groups: 8)))
        #expect(try !applies(layer([1, 8, 7, 7], [8, 8, 3, 3], groups: 1)))
        let reflect = try ConvolutionGeometry(inputChannels: 8, outputChannels: 8, groups: 8, inputExtent: [7, 7],
                                              kernelExtent: [3, 3], padBefore: [1, 1], padAfter: [1, 1],
                                              boundary: .reflect)
        #expect(!applies(reflect))
        let mobileNet = try layer([1, 960, 7, 7], [960, 1, 3, 3], groups: 960)
        #expect(!DirectDepthwiseLanes.applies(mobileNet, Geometry3(mobileNet), instructions: .portable))
    }

    /// Both vector forms (where the processor runs them) against the independent model
    /// within the direct bound: channels from 2 to 33 (partial groups of every form's
    /// lanes), planes from 1 × 1 to 14 × 14 and 1-D, kernels 1×1 to 7×7 and 3×5, strides 1
    /// to 3, dilation 2, uneven padding, batches of 2, `Float` and `Double`, one worker and
    /// two (AVX2's `Float` planes interleaved eight samples at a time by 8 × 8 transposes,
    /// the rest and partial groups one at a time: 7 × 7 planes of 9, 17 and 33 channels run
    /// both); the output starts as NaN, so an output left unwritten fails.
    @Test func lanesMatchTheReferenceLayer() throws {
        let forms = [VectorInstructions.avx2FMA, .avx512].filter(\.isAvailable)
        var cases: [ReferenceLayer] = []
        for channels in [2, 7, 9, 17, 33] {
            cases.append(ReferenceLayer(batch: 2, channels: channels, outputs: channels, groups: channels, extent: [7, 7],
                                        kernel: [3, 3], stride: [1, 1], dilation: [1, 1], before: [1, 1], after: [1, 1]))
        }
        cases.append(ReferenceLayer(batch: 1, channels: 12, outputs: 12, groups: 12, extent: [1, 1], kernel: [1, 1],
                                    stride: [1, 1], dilation: [1, 1], before: [0, 0], after: [0, 0]))
        cases.append(ReferenceLayer(batch: 1, channels: 10, outputs: 10, groups: 10, extent: [14, 14], kernel: [5, 5],
                                    stride: [1, 1], dilation: [1, 1], before: [2, 2], after: [2, 2]))
        cases.append(ReferenceLayer(batch: 1, channels: 9, outputs: 9, groups: 9, extent: [7, 7], kernel: [7, 7],
                                    stride: [1, 1], dilation: [1, 1], before: [3, 3], after: [3, 3]))
        cases.append(ReferenceLayer(batch: 2, channels: 11, outputs: 11, groups: 11, extent: [13, 29], kernel: [3, 5],
                                    stride: [2, 2], dilation: [1, 1], before: [1, 2], after: [0, 1]))
        cases.append(ReferenceLayer(batch: 1, channels: 6, outputs: 6, groups: 6, extent: [10, 11], kernel: [3, 3],
                                    stride: [3, 2], dilation: [2, 1], before: [2, 0], after: [1, 2]))
        cases.append(ReferenceLayer(batch: 1, channels: 5, outputs: 5, groups: 5, extent: [9, 12], kernel: [3, 3],
                                    stride: [1, 1], dilation: [2, 2], before: [2, 2], after: [2, 2]))
        cases.append(ReferenceLayer(batch: 2, channels: 9, outputs: 9, groups: 9, extent: [16], kernel: [4],
                                    stride: [1], dilation: [1], before: [2], after: [1]))
        for ref in cases {
            for instructions in forms {
                for (label, scalar) in [("float32", 4), ("float64", 8)] {
                    let runs: [(VectorInstructions, Int)] = [(instructions, 1), (instructions, 2)]
                    let (errors, bound) = scalar == 4
                        ? try DirectForms.errorsAgainstTheModel(ref, Float.self, runs: runs, form: .depthwiseLanes,
                                                                seed: "lanes \(instructions)", inspect: check)
                        : try DirectForms.errorsAgainstTheModel(ref, Double.self, runs: runs, form: .depthwiseLanes,
                                                                seed: "lanes \(instructions)", inspect: check)
                    for error in errors { #expect(error <= bound, "\(ref) \(label) \(instructions): \(error) > \(bound)") }
                }
                func check(_ g: ConvolutionGeometry) {
                    #expect(DirectDepthwiseLanes.applies(g, Geometry3(g), instructions: instructions), "\(ref)")
                }
            }
        }
    }

    /// Each output is the row kernel's chain of multiply-adds over `(ry, rx)` from 0, so at
    /// stride and dilation 1 along x (the row kernel's layers) the lanes give the rows' bits, both forms, `Float` and `Double`; a
    /// bias added as the lanes store the sums gives the bits of the rows' bias added after
    /// them; one worker and two agree; and a constant boundary pads with its value.
    @Test func lanesGiveTheRowKernelsBits() throws {
        let forms = [VectorInstructions.avx2FMA, .avx512].filter(\.isAvailable)
        guard let widest = forms.last else { return }
        let geometries = [
            try ConvolutionGeometry.layer(inputShape: [2, 19, 7, 7], weightShape: [19, 1, 3, 3],
                                          padding: .symmetric([1]), groups: 19),
            try ConvolutionGeometry.layer(inputShape: [1, 13, 14, 14], weightShape: [13, 1, 5, 5],
                                          padding: .symmetric([2]), groups: 13),
            try ConvolutionGeometry.layer(inputShape: [1, 10, 15, 12], weightShape: [10, 1, 3, 3], stride: [2, 1],
                                          padding: .symmetric([1]), dilation: [2, 1], groups: 10),
            try ConvolutionGeometry(inputChannels: 9, outputChannels: 9, groups: 9, inputExtent: [6, 9],
                                    kernelExtent: [3, 3], padBefore: [1, 2], padAfter: [2, 0], boundary: .constant(0.75)),
        ]
        func compare<T: ConvolveScalar>(_: T.Type, _ g: ConvolutionGeometry) {
            var random = SeededRandom(seed: stableSeed("lanes bits \(g) \(T.dtypeName)"))
            let x: [T] = random.values(Shape.product(g.inputShape)).map { T($0) }
            let w: [T] = random.values(Shape.product(g.kernelShape)).map { T($0) }
            let bias: [T] = random.values(g.outputChannels).map { T($0) }
            let rows = DirectForms.run(g, x, w, widest, form: .rows)
            let rowsBias = DirectForms.run(g, x, w, widest, form: .rows, bias: bias)
            for instructions in forms {
                for threads in [1, 2] {
                    let lanes = DirectForms.run(g, x, w, instructions, form: .depthwiseLanes, threads: threads)
                    #expect(DirectForms.differing(lanes, rows) == 0, "\(g) \(T.dtypeName) \(instructions) \(threads)")
                    let fused = DirectForms.run(g, x, w, instructions, form: .depthwiseLanes, threads: threads,
                                                bias: bias)
                    #expect(DirectForms.differing(fused, rowsBias) == 0, "\(g) \(T.dtypeName) \(instructions) bias")
                }
            }
        }
        for g in geometries {
            #expect(DirectDepthwiseLanes.applies(g, Geometry3(g), instructions: widest), "\(g)")
            compare(Float.self, g)
            compare(Double.self, g)
        }
    }
}

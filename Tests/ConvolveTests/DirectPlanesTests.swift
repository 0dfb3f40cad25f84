import BenchCore
import Testing
@testable import Convolve

/// The direct path plane by plane (`DirectPath.runPlanes`): layers with one input channel
/// per group (depthwise, with channel multipliers), every plane one item of one parallel
/// loop, and a stride along x taken in column phases that each run the row kernel at
/// stride 1 over their own taps, the later ones adding to the outputs.
@Suite struct DirectPlanesTests {
    /// Depthwise layers against the independent model within the direct bound, in every
    /// compiled form this processor runs, on one worker and on two: channel multipliers 1
    /// and 2; strides along x of 1 to 4 with kernels 1 to 7 wide (so phases with one tap,
    /// with several, and strides wider than the kernel, whose extra phases have no taps);
    /// strides along y; rows shorter than a vector and longer than a register block;
    /// asymmetric padding; 3-D; `Float` and `Double`.
    @Test func depthwisePlanesMatchTheReferenceLayer() throws {
        var cases: [ReferenceLayer] = []
        for (kernel, stride) in [([3, 3], [1, 1]), ([3, 3], [2, 2]), ([5, 5], [1, 2]), ([4, 5], [2, 3]),
                                 ([7, 7], [2, 2]), ([1, 3], [1, 4]), ([3, 1], [1, 2]), ([3, 2], [3, 2])] {
            for (width, multiplier) in [(7, 1), (40, 2), (150, 1)] {
                cases.append(ReferenceLayer(batch: 2, channels: 3, outputs: 3 * multiplier, groups: 3,
                                            extent: [9, width], kernel: kernel, stride: stride, dilation: [1, 1],
                                            before: [1, kernel[1] / 2], after: [0, (kernel[1] - 1) / 2]))
            }
        }
        cases.append(ReferenceLayer(batch: 1, channels: 4, outputs: 4, groups: 4, extent: [5, 6, 37],
                                    kernel: [2, 3, 3], stride: [1, 2, 2], dilation: [2, 1, 1],
                                    before: [0, 1, 1], after: [1, 1, 1]))
        let forms = VectorInstructions.allCases.filter(\.isAvailable)
        let runs = forms.flatMap { instructions in [(instructions, 1), (instructions, 2)] }
        for ref in cases {
            func check<T: ConvolveScalar>(_: T.Type) throws {
                let (errors, bound) = try DirectForms.errorsAgainstTheModel(ref, T.self, runs: runs, form: .rows,
                                                                           seed: "planes") { g in
                    #expect(g.outputShape == ref.outputShape, "\(ref)")
                    #expect(DirectPath.runsPlanes(g, Geometry3(g), scalarSize: MemoryLayout<T>.size, threads: 1),
                            "\(ref)")
                }
                for ((instructions, threads), error) in zip(runs, errors) {
                    #expect(error <= bound, "\(ref) \(T.dtypeName) \(instructions) threads \(threads): \(error)")
                }
            }
            try check(Float.self)
            try check(Double.self)
        }
    }

    /// The column phases are written straight from the input under a fill boundary and
    /// from the padded plane under the others: every boundary, with a stride along x, on
    /// groups of one channel, against the reference method (compensated sums over the
    /// whole padded planes) within the direct bound.
    @Test(arguments: ["zero", "constant", "reflect", "edge", "symmetric", "wrap"])
    func columnPhasesUnderEveryBoundary(_ name: String) throws {
        let boundary: Boundary = switch name {
        case "constant": .constant(0.75)
        case "reflect": .reflect
        case "edge": .edge
        case "symmetric": .symmetric
        case "wrap": .wrap
        default: .zero
        }
        var random = SeededRandom(seed: stableSeed("phases " + name))
        for (stride, kernel) in [([2, 2], [3, 3]), ([1, 3], [3, 5]), ([2, 2], [2, 4])] {
            let geometry = try ConvolutionGeometry(batch: 2, inputChannels: 3, outputChannels: 3, groups: 3,
                                                   inputExtent: [11, 45], kernelExtent: kernel, stride: stride,
                                                   padBefore: [2, 3], padAfter: [1, 2], boundary: boundary)
            #expect(DirectPath.runsPlanes(geometry, Geometry3(geometry), scalarSize: 4, threads: 1))
            let x = random.values(geometry.inputShape.reduce(1, *)).map { Float($0) }
            let w = random.values(geometry.kernelShape.reduce(1, *)).map { Float($0) }
            var reference = [Float](repeating: 0, count: geometry.outputShape.reduce(1, *))
            reference.withUnsafeMutableBufferPointer { out in
                DirectPath.run(geometry, input: x, kernel: w, output: out.baseAddress!, accumulation: .extended)
            }
            let bound = ErrorBound.maximumError(.direct, geometry, input: x, kernel: w)
            for instructions in VectorInstructions.allCases where instructions.isAvailable {
                let y = DirectForms.run(geometry, x, w, instructions, form: .rows)
                let error = maxAbsDifference(y.map { Double($0) }, reference.map { Double($0) })
                #expect(error <= bound, "\(name) stride \(stride) kernel \(kernel) \(instructions): \(error)")
            }
        }
    }

    /// A NaN in the input reaches exactly the outputs whose taps read it: the phases add
    /// only their own taps, so no zero tap reads a sample outside an output's footprint.
    /// Depthwise 3×3, stride 2, padding 1, on rows of 40 (vector blocks and tails), in
    /// every compiled form.
    @Test func aNaNReachesOnlyTheOutputsWhoseTapsReadIt() throws {
        let geometry = try ConvolutionGeometry(batch: 1, inputChannels: 2, outputChannels: 2, groups: 2,
                                               inputExtent: [5, 40], kernelExtent: [3, 3], stride: [2, 2],
                                               padBefore: [1, 1], padAfter: [1, 1])
        #expect(DirectPath.runsPlanes(geometry, Geometry3(geometry), scalarSize: 4, threads: 1))
        var x = (0..<2 * 5 * 40).map { Float($0 % 7) - 3 }
        x[1 * 40 + 21] = .nan  // channel 0, row 1, column 21
        let w = (0..<2 * 9).map { Float($0 % 5) - 2 }
        let (oy, ox) = (geometry.outputExtent[0], geometry.outputExtent[1])
        // Output (y, x) reads rows 2y − 1 … 2y + 1 and columns 2x − 1 … 2x + 1.
        var expected = Set<Int>()
        for y in 0..<oy where (2 * y - 1...2 * y + 1).contains(1) {
            for c in 0..<ox where (2 * c - 1...2 * c + 1).contains(21) { expected.insert(y * ox + c) }
        }
        #expect(expected.count == 4)
        for instructions in VectorInstructions.allCases where instructions.isAvailable {
            let y = DirectForms.run(geometry, x, w, instructions, form: .rows)
            let nonFinite = Set(y.indices.filter { !y[$0].isFinite })
            #expect(nonFinite == expected, "\(instructions)")
        }
    }
}

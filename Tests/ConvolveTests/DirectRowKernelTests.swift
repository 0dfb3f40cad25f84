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
                let y = try compute(geometry, input: x, kernel: w, method: .direct, options: .init(threads: threads))
                let error = maxAbsDifference(y.doubles, expected)
                #expect(y.shape == ref.outputShape && error <= bound, "\(label) threads \(threads): \(error) > \(bound)")
            }
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
}

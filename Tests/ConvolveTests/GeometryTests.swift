import Testing
@testable import Convolve

/// Output-shape arithmetic, which lives only in ConvolutionGeometry.
@Suite struct GeometryTests {
    @Test func outputExtentFollowsTheConvolutionFormula() throws {
        // ⌊(n + pb + pa − d·(k − 1) − 1)/s⌋ + 1: the ResNet stem, 224 → 112.
        let stem = try ConvolutionGeometry(batch: 1, inputChannels: 3, outputChannels: 64, inputExtent: [224, 224],
                                           kernelExtent: [7, 7], stride: [2], padBefore: [3], padAfter: [3])
        #expect(stem.outputExtent == [112, 112])
        #expect(stem.outputShape == [1, 64, 112, 112] && stem.kernelShape == [64, 3, 7, 7])
        let dilated = try ConvolutionGeometry(inputExtent: [20], kernelExtent: [3], stride: [3], dilation: [4],
                                              padBefore: [1], padAfter: [2])
        #expect(dilated.outputExtent == [(20 + 3 - 8 - 1) / 3 + 1])
    }

    /// The paths' three-axis view: leading axes of extent 1 (padding 0) for 1-D and 2-D, the
    /// padded extents the sums of input and both paddings, per axis.
    @Test func geometriesWidenToThreeAxes() throws {
        #expect(Extent3([7]) == Extent3(z: 1, y: 1, x: 7) && Extent3([5, 7], fill: 0) == Extent3(z: 0, y: 5, x: 7))
        #expect(Extent3([3, 5, 7]) == Extent3(z: 3, y: 5, x: 7))
        for g in [try ConvolutionGeometry(inputExtent: [20], kernelExtent: [3], padBefore: [1], padAfter: [2]),
                  try ConvolutionGeometry(inputExtent: [9, 11], kernelExtent: [3, 5], stride: [2, 1],
                                          padBefore: [0, 2], padAfter: [1, 3]),
                  try ConvolutionGeometry(inputExtent: [4, 6, 8], kernelExtent: [3, 3, 3], dilation: [1, 2, 1],
                                          padBefore: [1, 0, 2], padAfter: [2, 1, 0])] {
            let w = Geometry3(g)
            #expect(w.padded == Extent3(g.paddedExtent) && w.input == Extent3(g.inputExtent))
            #expect(w.before == Extent3(g.padBefore, fill: 0) && w.output == Extent3(g.outputExtent))
            #expect(w.kernel == Extent3(g.kernelExtent) && w.stride == Extent3(g.stride) && w.dilation == Extent3(g.dilation))
        }
        let widened = Geometry3(try ConvolutionGeometry(inputExtent: [9, 11], kernelExtent: [3, 3], padBefore: [1, 2],
                                                        padAfter: [3, 4]))
        #expect(widened.padded == Extent3(z: 1, y: 13, x: 17) && widened.before == Extent3(z: 0, y: 1, x: 2))
    }

    @Test func signalModesGiveScipyShapes() throws {
        for (n, k) in [(10, 3), (10, 4), (3, 10), (4, 4)] {
            let full = try ConvolutionGeometry.signal(inputShape: [n], kernelShape: [k], mode: .full, semantics: .convolution)
            let same = try ConvolutionGeometry.signal(inputShape: [n], kernelShape: [k], mode: .same, semantics: .convolution)
            let valid = try ConvolutionGeometry.signal(inputShape: [n], kernelShape: [k], mode: .valid, semantics: .correlation)
            #expect(full.outputExtent == [n + k - 1])
            #expect(same.outputExtent == [n])
            #expect(same.padBefore == [k / 2] && same.padAfter == [(k - 1) / 2])
            #expect(valid.outputExtent == [abs(n - k) + 1])
        }
    }

    @Test func fastSizesAreEvenSmoothAndMinimal() {
        func isEvenSmooth(_ n: Int) -> Bool {
            guard n % 2 == 0 else { return false }
            var m = n
            for p in [2, 3, 5, 7] { while m % p == 0 { m /= p } }
            return m == 1
        }
        #expect(FastSize.atLeast(1) == 1)
        for n in 2...2000 {
            let fast = FastSize.atLeast(n)
            #expect(fast >= n && isEvenSmooth(fast), "\(n) → \(fast)")
            #expect((n..<fast).allSatisfy { !isEvenSmooth($0) }, "\(n) → \(fast) skips a smaller even smooth size")
        }
        #expect(FastSize.atLeast(1026) == 1050 && FastSize.atLeast(1 << 20) == 1 << 20 && FastSize.atLeast(3) == 4)
    }
}

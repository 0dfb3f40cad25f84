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

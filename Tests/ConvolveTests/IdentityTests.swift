import BenchCore
import Testing
@testable import Convolve

/// The algebra convolution obeys and correlation does not, checked on every path.
@Suite struct IdentityTests {
    static let paths: [Method] = [.direct, .gemm, .fft]

    private func random(_ shape: [Int], _ label: String) -> Tensor<Double> {
        var generator = SeededRandom(seed: stableSeed(label))
        return .from(shape, generator.values(shape.reduce(1, *)))
    }

    private func expectClose(_ a: Tensor<Double>, _ b: Tensor<Double>, tolerance: Double = 1e-11,
                             _ comment: Comment) {
        #expect(a.shape == b.shape, comment)
        if a.shape == b.shape { #expect(maxAbsDifference(a.doubles, b.doubles) <= tolerance, comment) }
    }

    @Test(arguments: paths)
    func convolutionEqualsCorrelationWithFlippedKernel(_ method: Method) throws {
        for (xs, ks) in [([13], [4]), ([9, 8], [3, 4]), ([5, 6, 4], [2, 3, 3])] {
            let x = random(xs, "flip x \(xs)"), k = random(ks, "flip k \(ks)")
            for mode in Mode.allCases {
                for boundary in [Boundary.zero, .reflect, .wrap] {
                    expectClose(try convolve(x, k, mode: mode, boundary: boundary, method: method),
                                try correlate(x, k.flipped(), mode: mode, boundary: boundary, method: method),
                                "\(xs) \(ks) \(mode) \(boundary) \(method)")
                }
            }
        }
    }

    @Test(arguments: paths)
    func convolutionIsCommutativeInFullMode(_ method: Method) throws {
        for (xs, ks) in [([13], [4]), ([6, 9], [5, 3]), ([4, 5, 3], [3, 2, 4])] {
            let x = random(xs, "comm x \(xs)"), k = random(ks, "comm k \(ks)")
            expectClose(try convolve(x, k, method: method), try convolve(k, x, method: method), "\(xs) \(ks) \(method)")
        }
    }

    @Test(arguments: paths)
    func convolutionIsAssociativeInFullMode(_ method: Method) throws {
        for (xs, fs, gs) in [([17], [4], [5]), ([8, 7], [3, 2], [2, 4]), ([4, 5, 3], [2, 2, 3], [3, 2, 2])] {
            let x = random(xs, "assoc x"), f = random(fs, "assoc f"), g = random(gs, "assoc g")
            expectClose(try convolve(try convolve(x, f, method: method), g, method: method),
                        try convolve(x, try convolve(f, g, method: method), method: method),
                        "(x∗f)∗g vs x∗(f∗g), \(xs) \(fs) \(gs) \(method)")
        }
    }

    /// x = [1], f = [1], g = [1, 2]: (x⋆f)⋆g = [2, 1] but x⋆(f⋆g) = [1, 2]. In general
    /// (x⋆f)⋆g = x∗f̄∗ḡ while x⋆(f⋆g) = x∗f̄∗g (bar: reversal), so they differ unless g is a palindrome.
    @Test(arguments: paths)
    func correlationIsNotAssociative(_ method: Method) throws {
        let x = Tensor<Double>([1]), f = Tensor<Double>([1]), g = Tensor<Double>([1, 2])
        let left = try correlate(try correlate(x, f, method: method), g, method: method)
        let right = try correlate(x, try correlate(f, g, method: method), method: method)
        expectClose(left, Tensor([2, 1]), "(x⋆f)⋆g with \(method)")
        expectClose(right, Tensor([1, 2]), "x⋆(f⋆g) with \(method)")
    }

    /// The convolution theorem, F(x ∗ k) = F(x)·F(k), is what the FFT path computes; the
    /// direct sum computes the definition. They agree within the FFT's error bound.
    @Test func fftPathMatchesDirectPathWithinBound() throws {
        for (xs, ks) in [([4096], [129]), ([96, 80], [17, 12]), ([20, 24, 18], [5, 7, 4])] {
            let x = random(xs, "theorem x \(xs)"), k = random(ks, "theorem k \(ks)")
            let xf = Tensor<Float>.from(xs, x.doubles), kf = Tensor<Float>.from(ks, k.doubles)
            for mode in Mode.allCases {
                let geometry = try ConvolutionGeometry.signal(inputShape: xs, kernelShape: ks, mode: mode,
                                                              semantics: .convolution)
                let bound = ErrorBound.maximumError(.fft, geometry, input: xf.elements, kernel: kf.elements)
                let exact = try convolve(x, k, mode: mode, method: .reference)
                let viaFFT = try convolve(xf, kf, mode: mode, method: .fft)
                let viaDirect = try convolve(xf, kf, mode: mode, method: .direct)
                let fftError = maxAbsDifference(viaFFT.doubles, exact.doubles)
                #expect(fftError <= bound, "\(xs) \(ks) \(mode): FFT error \(fftError) > \(bound)")
                #expect(maxAbsDifference(viaFFT.doubles, viaDirect.doubles) <= 2 * bound, "\(xs) \(ks) \(mode)")
                // The bound must be tight enough to catch a real mistake: far below the output's scale.
                #expect(bound < 1e-3 * exact.doubles.map(abs).max()!, "bound \(bound) is too loose to test anything")
            }
        }
    }

    @Test(arguments: paths)
    func centredDeltaIsTheIdentityAndShiftedDeltaShifts(_ method: Method) throws {
        for shape in [[10], [6, 7], [4, 5, 6]] {
            let x = random(shape, "delta \(shape)")
            let kernelShape = shape.map { _ in 5 }
            var delta = try Tensor<Double>(shape: kernelShape)
            delta.withUnsafeMutableBufferPointer { $0[$0.count / 2] = 1 }  // the centre (2, 2, …)
            expectClose(try convolve(x, delta, mode: .same, method: method), x, "identity \(shape) \(method)")
            expectClose(try correlate(x, delta, mode: .same, method: method), x, "identity \(shape) \(method)")

            // One step further along the last axis: convolution moves the signal one step
            // towards higher indices, correlation one step back.
            var shifted = try Tensor<Double>(shape: kernelShape)
            shifted.withUnsafeMutableBufferPointer { $0[$0.count / 2 + 1] = 1 }
            let last = shape.count - 1, n = shape[last]
            let forward = try convolve(x, shifted, mode: .same, method: method)
            let backward = try correlate(x, shifted, mode: .same, method: method)
            for offset in 0..<x.count {
                let i = offset % n
                let expectedForward = i == 0 ? 0 : x.elements[offset - 1]
                let expectedBackward = i == n - 1 ? 0 : x.elements[offset + 1]
                #expect(abs(forward.elements[offset] - expectedForward) < 1e-12, "shift \(shape) \(method)")
                #expect(abs(backward.elements[offset] - expectedBackward) < 1e-12, "shift \(shape) \(method)")
            }
        }
    }
}

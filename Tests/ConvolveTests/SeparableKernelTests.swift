import BenchCore
import Testing
@testable import Convolve

/// Separable and low-rank filtering: LAPACK's SVD finds the rank, two 1-D passes per term
/// equal the full 2-D filter, and a truncated decomposition stays within its σ_{r+1} bound.
@Suite struct SeparableKernelTests {
    static func image(_ h: Int, _ w: Int, _ label: String) -> [Double] {
        var random = SeededRandom(seed: stableSeed(label))
        return random.values(h * w)
    }

    @Test func namedKernelsHaveTheirKnownRanks() throws {
        let gaussian: Tensor<Double> = try FilterKernels.gaussian(sigma: 1.5)
        #expect(try SeparableKernel(gaussian).rank == 1)
        #expect(try SeparableKernel(FilterKernels.sobel(.x) as Tensor<Double>).rank == 1)
        #expect(try SeparableKernel(FilterKernels.box(size: 7) as Tensor<Float>).rank == 1)
        #expect(try SeparableKernel(FilterKernels.laplacian() as Tensor<Double>).rank == 2)
        let textbook: Tensor<Double> = FilterKernels.textbookGaussian5x5()
        let t = try SeparableKernel(textbook)
        #expect(t.rank > 1)  // the integer table is only nearly separable
        #expect(maxAbsDifference(t.product.doubles, textbook.doubles) < 1e-15)
        #expect(t.rank == 3)  // σ = 0.2774, 0.00351, 0.00081, then rounding (numpy.linalg.svd agrees)
        #expect(try SeparableKernel(textbook, tolerance: 0.02).rank == 1)
    }

    @Test(arguments: [Mode.full, .same, .valid])
    func twoPassesEqualTheTwoDimensionalFilter(_ mode: Mode) throws {
        let boundaries: [Boundary] = [.zero, .constant(0.75), .edge, .reflect, .symmetric, .wrap]
        let x = Self.image(23, 31, "separable \(mode)")
        let k: Tensor<Double> = try FilterKernels.gaussian(sigma: 1.2, size: 7)
        let skewValues: [Double] = (0..<15).map { i in Double((i * 7) % 5) - 2 }
        let skew = Tensor<Double>.from([5, 3], skewValues)  // not symmetric, rank > 1
        for kernel in [k, skew] {
            let separable = try SeparableKernel(kernel)
            for boundary in mode == .valid ? [Boundary.zero] : boundaries {
                for semantics in [Semantics.convolution, .correlation] {
                    let geometry = try ConvolutionGeometry.signal(inputShape: [23, 31], kernelShape: kernel.shape,
                                                                  mode: mode, boundary: boundary, semantics: semantics)
                    let input = Tensor<Double>.from([23, 31], x)
                    let whole = semantics == .convolution
                        ? try convolve(input, separable.product, mode: mode, boundary: boundary, method: .reference)
                        : try correlate(input, separable.product, mode: mode, boundary: boundary, method: .reference)
                    let passes = try filterSeparable(input, separable, mode: mode, boundary: boundary, semantics: semantics)
                    #expect(passes.shape == geometry.outputExtent)
                    #expect(maxAbsDifference(passes.doubles, whole.doubles) < 1e-12, "\(mode) \(boundary) \(semantics)")
                    let single = try filterSeparable(Tensor<Float>.from([23, 31], x),
                                                     try SeparableKernel(Tensor<Float>.from(kernel.shape, kernel.doubles)),
                                                     mode: mode, boundary: boundary, semantics: semantics)
                    #expect(maxAbsDifference(single.doubles, whole.doubles) < 1e-4, "Float \(mode) \(boundary)")
                }
            }
        }
    }

    @Test func aTruncatedDecompositionStaysWithinItsBound() throws {
        // K = 3·a bᵀ + 0.01·c dᵀ: dropping the second term errs by σ₂ ≈ 0.01·‖c‖‖d‖.
        let a: [Double] = [1, 2, 3, 2, 1], b: [Double] = [1, -1, 2, 0.5, 1, 1, -2]
        let c: [Double] = [0, 1, -1, 1, 0], d: [Double] = [1, 0, 0, 1, 0, -1, 1]
        var values: [Double] = []
        for y in 0..<5 {
            for x in 0..<7 {
                let major: Double = 3 * a[y] * b[x], minor: Double = 0.01 * c[y] * d[x]
                values.append(major + minor)
            }
        }
        let k = Tensor<Double>.from([5, 7], values)
        let full = try SeparableKernel(k), truncated = try SeparableKernel(k, tolerance: 0.05)
        #expect(full.rank == 2 && truncated.rank == 1)
        #expect(abs(truncated.relativeError - full.singularValues[1] / full.singularValues[0]) < 1e-15)
        let x = Self.image(40, 40, "truncated")
        let exact = try correlate(Tensor<Double>.from([40, 40], x), k, mode: .same, method: .reference)
        let approx = try filterSeparable(Tensor<Double>.from([40, 40], x), truncated, mode: .same, semantics: .correlation)
        let bound = full.singularValues[1] * (35.0).squareRoot() * x.map(abs).max()!
        let error = maxAbsDifference(approx.doubles, exact.doubles)
        #expect(error <= bound && error > 0, "error \(error), bound \(bound)")
    }

    @Test func badKernelsAreRefused() throws {
        #expect(throws: ConvolutionError.unsupportedRank(argument: "kernel", rank: 1, allowed: 2...2)) {
            try SeparableKernel(Tensor<Double>([1, 2, 3]))
        }
        #expect(throws: (any Error).self) { try SeparableKernel(Tensor<Double>.from([2, 2], [1, .nan, 0, 1])) }
        #expect(throws: (any Error).self) { try SeparableKernel(Tensor<Double>.from([2, 2], [1, 2, 0, 1]), tolerance: -1) }
    }
}

/// `auto` runs rank-1 kernels as two passes where that is estimated faster, with the same result.
@Suite struct SeparableChoiceTests {
    @Test func autoRunsAGaussianAsTwoPassesWithTheSameResult() throws {
        var random = SeededRandom(seed: 99)
        let x = Tensor<Double>.from([300, 260], random.values(300 * 260))
        // 13×13, rank 1: 26 multiply-adds per output in two passes against 169 in one 2-D
        // pass (with the AVX2 direct kernel a 7×7 Gaussian is a near-tie between the two, and
        // auto may take either).
        let g: Tensor<Double> = try FilterKernels.gaussian(sigma: 2)
        let decision = try #require(try explainSeparable(input: x, kernel: g, mode: .same, boundary: .reflect))
        #expect(decision.separable && decision.passesSeconds < decision.bestPathSeconds)
        let auto = try convolve(x, g, mode: .same, boundary: .reflect)
        let reference = try convolve(x, g, mode: .same, boundary: .reflect, method: .reference)
        #expect(maxAbsDifference(auto.doubles, reference.doubles) < 1e-13)
        var into = try Tensor<Double>(shape: [300, 260], repeating: 0)
        try convolve(x, g, into: &into, mode: .same, boundary: .reflect)
        #expect(into == auto)
    }

    @Test func smallProblemsAndFullRankKernelsDoNotQualify() throws {
        var random = SeededRandom(seed: 7)
        let x = Tensor<Float>.from([64, 64], random.values(64 * 64))
        let k = Tensor<Float>.from([9, 9], random.values(81))
        #expect(try explainSeparable(input: x, kernel: k, mode: .same) == nil)
        let laplacian: Tensor<Float> = FilterKernels.laplacian()
        #expect(try explainSeparable(input: x, kernel: laplacian) == nil)
        let sobel: Tensor<Float> = FilterKernels.sobel(.y)
        #expect(SeparableChoice.rankOneFactors(sobel) != nil)
        // A large problem with a full-rank kernel: the SVD is tried, and finds no low rank.
        let large = Tensor<Float>.from([700, 640], random.values(700 * 640))
        #expect(try explainSeparable(input: large, kernel: k, mode: .same) == nil)
    }

    /// A Laplacian of Gaussian is a sum of a few separable terms: `auto` prices it as that
    /// many pairs of passes, takes them when estimated 1.25× faster than the best 2-D path
    /// (on this machine the tiled FFT path usually stays ahead), and either way gives the
    /// 2-D result.
    @Test func autoPricesALaplacianOfGaussianAsPairsOfPasses() throws {
        var random = SeededRandom(seed: 17)
        // Large enough that the best 2-D path is estimated at 20 SVDs or more with either
        // processor's constants (700 × 640 fell under that with the AMD set).
        let x = Tensor<Double>.from([1000, 900], random.values(1000 * 900))
        let log: Tensor<Double> = try FilterKernels.laplacianOfGaussian(sigma: 2)
        let terms = try SeparableKernel(log)
        #expect(terms.rank >= 2 && terms.rank <= log.shape[0] / 2, "rank \(terms.rank) of \(log.shape)")
        let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: log.shape, mode: .same,
                                                      boundary: .reflect, semantics: .convolution)
        let plan = try #require(SeparableChoice.plan(geometry, kernel: log, mode: .same, boundary: .reflect,
                                                     options: .init(), inputIsFinite: true))
        #expect(plan.kernel.rank == terms.rank)
        let decision = try #require(try explainSeparable(input: x, kernel: log, mode: .same, boundary: .reflect))
        #expect(decision.separable == (decision.passesSeconds * 1.25 < decision.bestPathSeconds))
        let auto = try convolve(x, log, mode: .same, boundary: .reflect)
        let passes = try filterSeparable(x, plan.kernel, mode: .same, boundary: .reflect, semantics: .convolution)
        let reference = try convolve(x, log, mode: .same, boundary: .reflect, method: .reference)
        // Each pass's rounding, and the dropped terms (below 4·k·u·σ₁), over ‖window‖₁.
        let scale = log.elements.reduce(0) { $0 + abs($1) } * x.elements.map(abs).max()!
        #expect(maxAbsDifference(auto.doubles, reference.doubles) <= 1e-12 * scale)
        #expect(maxAbsDifference(passes.doubles, reference.doubles) <= 1e-12 * scale)
    }
}

import Foundation
import Testing
@testable import Convolve

/// The named kernels have the values their formulas give, and the properties that make
/// them what they are.
@Suite struct FilterKernelsTests {
    @Test func gaussianFollowsScipysRadiusAndSumsToOne() throws {
        let g: Tensor<Double> = try FilterKernels.gaussian(sigma: 2)
        #expect(g.shape == [17, 17])  // r = ⌊4·2 + 0.5⌋ = 8
        #expect(abs(g.elements.reduce(0, +) - 1) < 1e-12)
        // Separable: g[i, j] = g1[i]·g1[j], with g1 ∝ exp(−x²/2σ²).
        let g1: [Double] = try FilterKernels.gaussian1D(sigma: 2)
        #expect(abs(g[8, 3] - g1[8] * g1[3]) < 1e-15)
        #expect(abs(g1[8 + 2] / g1[8] - exp(-4.0 / 8)) < 1e-12)
        #expect(try (FilterKernels.gaussian(sigma: 1, size: 5) as Tensor<Float>).shape == [5, 5])
    }

    @Test func textbookGaussianIsTheIntegerTableOver273() {
        let k: Tensor<Double> = FilterKernels.textbookGaussian5x5()
        #expect(abs(k.elements.reduce(0, +) - 1) < 1e-15)
        #expect(k[2, 2] == 41.0 / 273 && k[0, 0] == 1.0 / 273 && k[1, 2] == 26.0 / 273)
    }

    @Test func derivativesRespondToRampsAlongTheirAxis() throws {
        // A ramp I[y, x] = 3x + 5y: correlation with Sobel-x gives 8·3 inside, Sobel-y 8·5.
        var values: [Double] = []
        for y in 0..<6 { for x in 0..<7 { values.append(Double(3 * x + 5 * y)) } }
        let ramp = Tensor<Double>.from([6, 7], values)
        let sobelX: Tensor<Double> = FilterKernels.sobel(.x), sobelY: Tensor<Double> = FilterKernels.sobel(.y)
        let dx = try correlate(ramp, sobelX, mode: .valid), dy = try correlate(ramp, sobelY, mode: .valid)
        #expect(dx.elements.allSatisfy { abs($0 - 24) < 1e-12 } && dy.elements.allSatisfy { abs($0 - 40) < 1e-12 })
        let scharrX: Tensor<Double> = FilterKernels.scharr(.x)
        let sx = try correlate(ramp, scharrX, mode: .valid)
        #expect(sx.elements.allSatisfy { abs($0 - 32 * 3) < 1e-12 })
        // The Laplacian and the LoG vanish on a ramp (and sum to zero).
        let laplacian: Tensor<Double> = FilterKernels.laplacian()
        let lap = try correlate(ramp, laplacian, mode: .valid)
        #expect(lap.elements.allSatisfy { abs($0) < 1e-12 })
        let log: Tensor<Double> = try FilterKernels.laplacianOfGaussian(sigma: 1.4)
        #expect(abs(log.elements.reduce(0, +)) < 1e-12 && log[log.shape[0] / 2, log.shape[1] / 2] < 0)
    }

    @Test func boxAveragesAndBadParametersAreRefused() throws {
        let box: Tensor<Float> = try FilterKernels.box(size: 4)
        #expect(box.elements.allSatisfy { $0 == 1.0 / 16 })
        #expect(throws: ConvolutionError.invalidKernelParameter(kernel: "gaussian", parameter: "sigma", value: 0,
                                                                allowed: "a finite value > 0")) {
            try FilterKernels.gaussian(sigma: 0) as Tensor<Float>
        }
        #expect(throws: ConvolutionError.invalidKernelParameter(kernel: "gaussian", parameter: "size", value: 4,
                                                                allowed: "an odd integer ≥ 1")) {
            try FilterKernels.gaussian(sigma: 1, size: 4) as Tensor<Float>
        }
        #expect(throws: (any Error).self) { try FilterKernels.box(size: 0) as Tensor<Float> }
    }
}

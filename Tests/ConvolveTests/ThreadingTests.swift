import BenchCore
import Testing
@testable import Convolve

/// More threads change how work is shared out, never what is computed.
@Suite struct ThreadingTests {
    static let geometries: [ConvolutionGeometry] = [
        try! .layer(inputShape: [2, 6, 40, 36], weightShape: [8, 3, 5, 3], stride: [2, 1], padding: .symmetric([2, 1]),
                    dilation: [1, 2], groups: 2),
        try! .layer(inputShape: [1, 3, 70, 70], weightShape: [16, 3, 7, 7], stride: [2], padding: .symmetric([3])),
        try! .signal(inputShape: [300, 280], kernelShape: [9, 9], mode: .same, boundary: .reflect,
                     semantics: .convolution),
    ]

    @Test(arguments: geometries)
    func directAndFFTPathsGiveIdenticalResultsOnAnyThreadCount(_ g: ConvolutionGeometry) throws {
        var random = SeededRandom(seed: stableSeed("threads \(g)"))
        let x = Tensor<Float>.from(g.inputShape, random.values(Shape.product(g.inputShape)))
        let k = Tensor<Float>.from(g.kernelShape, random.values(Shape.product(g.kernelShape)))
        for method in [Method.direct, .fft, .reference] {
            let one = try compute(g, input: x, kernel: k, method: method)
            for threads in [2, 3] {
                let many = try compute(g, input: x, kernel: k, method: method, options: .init(threads: threads))
                #expect(many == one, "\(method) with \(threads) threads")
            }
        }
        let one = try compute(g, input: x, kernel: k, method: .gemm)
        let two = try compute(g, input: x, kernel: k, method: .gemm, options: .init(threads: 2))
        let bound = ErrorBound.maximumError(.gemm, g, input: x.elements, kernel: k.elements)
        #expect(maxAbsDifference(one.doubles, two.doubles) <= 2 * bound)
    }
}

import BenchCore
import Testing
@testable import Convolve

/// The gradients' defining identities, independent of any reference implementation: each
/// is the adjoint of a linear map, and agrees with finite differences.
@Suite struct LayerGradientTests {
    static func values(_ count: Int, _ label: String) -> [Double] {
        var random = SeededRandom(seed: stableSeed(label))
        return random.values(count)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    /// Geometries covering strides, dilation, padding, groups, both semantics and the
    /// boundaries that keep the forward map linear in the input.
    static let geometries: [ConvolutionGeometry] = [
        try! .layer(inputShape: [2, 4, 9, 8], weightShape: [6, 2, 3, 2], stride: [2, 1], padding: .symmetric([1]),
                    dilation: [1, 2], groups: 2),
        try! .layer(inputShape: [3, 3, 11], weightShape: [2, 3, 4], stride: [3], padding: .explicit(before: [2], after: [0])),
        try! .layer(inputShape: [1, 4, 5, 6, 5], weightShape: [4, 1, 2, 3, 2], stride: [1, 2, 1],
                    padding: .symmetric([1]), groups: 4),
        try! ConvolutionGeometry(batch: 2, inputChannels: 2, outputChannels: 3, inputExtent: [7, 6], kernelExtent: [3, 3],
                                 stride: [2, 1], padBefore: [2, 1], padAfter: [1, 2], boundary: .reflect,
                                 semantics: .convolution),
        try! ConvolutionGeometry(batch: 1, inputChannels: 1, outputChannels: 2, inputExtent: [10], kernelExtent: [4],
                                 dilation: [2], padBefore: [3], padAfter: [4], boundary: .wrap),
        try! ConvolutionGeometry(inputExtent: [6, 5], kernelExtent: [3, 2], padBefore: [2, 1], padAfter: [1, 1],
                                 boundary: .edge, semantics: .convolution),
        try! ConvolutionGeometry(inputExtent: [6, 5], kernelExtent: [2, 3], stride: [1, 2], padBefore: [1, 2],
                                 padAfter: [2, 1], boundary: .symmetric),
    ]

    @Test(arguments: geometries)
    func inputGradientIsTheAdjointOfTheForwardMap(_ g: ConvolutionGeometry) throws {
        // ⟨A x, y⟩ = ⟨x, Aᵀ y⟩ for the map A: x ↦ y at a fixed kernel.
        let x = Self.values(Shape.product(g.inputShape), "x\(g)")
        let k = Self.values(Shape.product(g.kernelShape), "k\(g)")
        let y = Self.values(Shape.product(g.outputShape), "y\(g)")
        for method in [Method.direct, .gemm, .fft] {
            let ax = try compute(g, input: .from(g.inputShape, x), kernel: Tensor<Double>.from(g.kernelShape, k),
                                 method: method)
            let aty = try inputGradient(g, outputGradient: Tensor<Double>.from(g.outputShape, y),
                                        kernel: .from(g.kernelShape, k), method: method)
            let (left, right) = (Self.dot(ax.doubles, y), Self.dot(x, aty.doubles))
            #expect(abs(left - right) <= 1e-12 * max(1, abs(left)) * Double(x.count), "\(method): \(left) vs \(right)")
        }
    }

    @Test(arguments: geometries)
    func kernelGradientIsTheAdjointOfTheWeightMap(_ g: ConvolutionGeometry) throws {
        // ⟨B w, y⟩ = ⟨w, Bᵀ y⟩ for the map B: w ↦ y at a fixed input.
        let x = Self.values(Shape.product(g.inputShape), "x\(g)")
        let k = Self.values(Shape.product(g.kernelShape), "k\(g)")
        let y = Self.values(Shape.product(g.outputShape), "y\(g)")
        for method in [Method.direct, .gemm, .fft] {
            let bw = try compute(g, input: .from(g.inputShape, x), kernel: Tensor<Double>.from(g.kernelShape, k),
                                 method: method)
            let bty = try kernelGradient(g, outputGradient: Tensor<Double>.from(g.outputShape, y),
                                         input: .from(g.inputShape, x), method: method)
            let (left, right) = (Self.dot(bw.doubles, y), Self.dot(k, bty.doubles))
            #expect(abs(left - right) <= 1e-12 * max(1, abs(left)) * Double(x.count), "\(method): \(left) vs \(right)")
        }
    }

    @Test func gradientsMatchCentralFiniteDifferences() throws {
        // L(x, w, b) = ⟨conv(x, w) + b, r⟩; every partial derivative by a central difference.
        let xShape = [2, 4, 7, 6], wShape = [6, 2, 3, 3]
        var x = Self.values(Shape.product(xShape), "fd x"), w = Self.values(Shape.product(wShape), "fd w")
        var b = Self.values(6, "fd b")
        func loss(_ x: [Double], _ w: [Double], _ b: [Double]) throws -> (Double, [Int]) {
            let y = try conv2d(Tensor<Double>.from(xShape, x), weight: .from(wShape, w), bias: .from([6], b),
                               stride: [2, 1], padding: .explicit(before: [1, 0], after: [2, 1]), dilation: [1, 2],
                               groups: 2, method: .direct)
            return (Self.dot(y.doubles, Self.values(y.count, "fd r")), y.shape)
        }
        let (_, yShape) = try loss(x, w, b)
        let r = Self.values(Shape.product(yShape), "fd r")
        let h = 1e-3
        for method in [Method.direct, .gemm, .fft] {
            let g = try conv2dBackward(outputGradient: Tensor<Double>.from(yShape, r), input: .from(xShape, x),
                                       weight: .from(wShape, w), stride: [2, 1],
                                       padding: .explicit(before: [1, 0], after: [2, 1]), dilation: [1, 2],
                                       groups: 2, method: method)
            for i in stride(from: 0, to: x.count, by: 7) {
                let saved = x[i]
                x[i] = saved + h; let up = try loss(x, w, b).0
                x[i] = saved - h; let down = try loss(x, w, b).0
                x[i] = saved
                #expect(abs((up - down) / (2 * h) - g.input.elements[i]) <= 1e-9, "\(method) ∂L/∂x[\(i)]")
            }
            for i in stride(from: 0, to: w.count, by: 3) {
                let saved = w[i]
                w[i] = saved + h; let up = try loss(x, w, b).0
                w[i] = saved - h; let down = try loss(x, w, b).0
                w[i] = saved
                #expect(abs((up - down) / (2 * h) - g.weight.elements[i]) <= 1e-9, "\(method) ∂L/∂w[\(i)]")
            }
            for i in b.indices {
                let saved = b[i]
                b[i] = saved + h; let up = try loss(x, w, b).0
                b[i] = saved - h; let down = try loss(x, w, b).0
                b[i] = saved
                #expect(abs((up - down) / (2 * h) - g.bias.elements[i]) <= 1e-9, "\(method) ∂L/∂b[\(i)]")
            }
        }
    }
}

import BenchCore
import Testing
@testable import Convolve

/// The CNN face on every path against ``ReferenceLayer``: stride {1, 2, 3} × dilation
/// {1, 2} × padding (none, symmetric, asymmetric) × groups (1, 2, depthwise) × rank 1–3,
/// each with batch {1, 3} × bias on/off × Float/Double, and the gradients (input, weight,
/// bias) of every case in Double.
@Suite struct LayerFaceTests {
    struct Sweep: Sendable, CustomTestStringConvertible {
        let rank: Int, stride: Int, dilation: Int, padding: String, groups: String
        var testDescription: String { "\(rank)-D s\(stride) d\(dilation) pad \(padding) groups \(groups)" }
    }

    static let sweep: [Sweep] = {
        var list: [Sweep] = []
        for rank in 1...3 { for stride in 1...3 { for dilation in 1...2 {
            for padding in ["none", "symmetric", "asymmetric"] { for groups in ["1", "2", "depthwise"] {
                list.append(Sweep(rank: rank, stride: stride, dilation: dilation, padding: padding, groups: groups))
            } }
        } } }
        return list
    }()

    static func layer(_ s: Sweep, batch: Int) -> (ReferenceLayer, LayerPadding) {
        let extent = [[13], [8, 7], [6, 5, 7]][s.rank - 1]
        let kernel = [[3], [3, 2], [2, 3, 2]][s.rank - 1]
        let (channels, outputs, groups) = switch s.groups {
        case "1": (4, 6, 1)
        case "2": (4, 6, 2)
        default: (4, 8, 4)
        }
        let before: [Int], after: [Int], padding: LayerPadding
        switch s.padding {
        case "none":
            (before, after, padding) = (Array(repeating: 0, count: s.rank), Array(repeating: 0, count: s.rank), .valid)
        case "symmetric":
            (before, after, padding) = (Array(repeating: 1, count: s.rank), Array(repeating: 1, count: s.rank),
                                        .symmetric([1]))
        default:
            before = Array([1, 0, 2].prefix(s.rank))
            after = Array([0, 2, 1].prefix(s.rank))
            padding = .explicit(before: before, after: after)
        }
        let reference = ReferenceLayer(batch: batch, channels: channels, outputs: outputs, groups: groups,
                                       extent: extent, kernel: kernel,
                                       stride: Array(repeating: s.stride, count: s.rank),
                                       dilation: Array(repeating: s.dilation, count: s.rank),
                                       before: before, after: after)
        return (reference, padding)
    }

    static func data(_ count: Int, _ label: String) -> [Double] {
        var random = SeededRandom(seed: stableSeed(label))
        return random.values(count)
    }

    @Test(arguments: sweep)
    func everyPathMatchesTheReferenceLayer(_ s: Sweep) throws {
        for batch in [1, 3] {
            for withBias in [false, true] {
                try check(Float.self, s, batch: batch, withBias: withBias)
                try check(Double.self, s, batch: batch, withBias: withBias)
            }
        }
    }

    func check<T: ConvolveScalar>(_: T.Type, _ s: Sweep, batch: Int, withBias: Bool) throws {
        let (ref, padding) = Self.layer(s, batch: batch)
        let label = "\(s.testDescription) N\(batch) bias \(withBias) \(T.dtypeName)"
        // Values rounded to T first, so the reference sees exactly what the path sees.
        let x = Tensor<T>.from(ref.inputShape, Self.data(ref.inputShape.reduce(1, *), "x" + label))
        let w = Tensor<T>.from(ref.weightShape, Self.data(ref.weightShape.reduce(1, *), "w" + label))
        let bias = withBias ? Tensor<T>.from([ref.outputs], Self.data(ref.outputs, "b" + label)) : nil
        let expected = ref.forward(x.doubles, w.doubles, bias: bias?.doubles)
        let geometry = try ConvolutionGeometry.layer(inputShape: x.shape, weightShape: w.shape, stride: ref.stride,
                                                     padding: padding, dilation: ref.dilation, groups: ref.groups)
        #expect(geometry.outputShape == ref.outputShape, "\(label)")
        let u = Double(T.ulpOfOne) / 2
        let biasRounding = 2 * u * (expected.map(abs).max()! + (bias?.doubles.map(abs).max() ?? 0))
        for method in [Method.direct, .gemm, .fft] {
            let y = try convNd(x, weight: w, bias: bias, stride: ref.stride, padding: padding,
                               dilation: ref.dilation, groups: ref.groups, method: method)
            let bound = ErrorBound.maximumError(method.forcedPath!, geometry, input: x.elements, kernel: w.elements)
                + biasRounding
            let error = maxAbsDifference(y.doubles, expected)
            #expect(y.shape == ref.outputShape && error <= bound, "\(label) \(method): error \(error) > bound \(bound)")
        }
        if T.self == Double.self && batch == 3 && withBias {
            try checkGradients(ref, padding, x.doubles, w.doubles, label: label)
        }
    }

    func checkGradients(_ ref: ReferenceLayer, _ padding: LayerPadding, _ x: [Double], _ w: [Double],
                        label: String) throws {
        let dy = Self.data(ref.outputShape.reduce(1, *), "dy" + label)
        let expectedInput = ref.inputGradient(dy, w), expectedWeight = ref.weightGradient(dy, x)
        let expectedBias = ref.biasGradient(dy)
        // |Σ| ≤ (terms)·max·max for every gradient entry; a slack of 64·u over that.
        let terms = Double(ref.batch * ref.outputs * ref.outputExtent.reduce(1, *) * ref.kernel.reduce(1, *))
        let tolerance = 64 * Double.ulpOfOne * terms
        for method in [Method.direct, .gemm, .fft] {
            let g = try convNdBackward(outputGradient: Tensor<Double>.from(ref.outputShape, dy), input: .from(ref.inputShape, x),
                                       weight: .from(ref.weightShape, w), stride: ref.stride, padding: padding,
                                       dilation: ref.dilation, groups: ref.groups, method: method)
            let errors = [maxAbsDifference(g.input.doubles, expectedInput),
                          maxAbsDifference(g.weight.doubles, expectedWeight),
                          maxAbsDifference(g.bias.doubles, expectedBias)]
            #expect(g.input.shape == ref.inputShape && g.weight.shape == ref.weightShape)
            #expect(errors.allSatisfy { $0 <= tolerance }, "\(label) \(method) gradients: errors \(errors)")
        }
    }
}

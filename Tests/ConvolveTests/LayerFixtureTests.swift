import Testing
@testable import Convolve

/// The CNN face against layers computed by numpy from ONNX Conv's definition and checked
/// against onnxruntime when the fixtures were made (`Fixtures/make_cnn_fixtures.py`).
@Suite struct LayerFixtureTests {
    static let cases = (try? Fixtures.layers.cases) ?? []

    @Test func fixturesArePresentAndWereCheckedAgainstONNXRuntime() throws {
        let layers = try Fixtures.layers
        #expect(layers.cases.count >= 7)
        #expect(layers.onnxChecked == layers.cases.count)
    }

    @Test(arguments: cases)
    func forwardMatchesONNXConvOnEveryPath(_ c: Fixtures.LayerCase) throws {
        for method in [Method.direct, .gemm, .fft, .auto] {
            let x = Tensor<Float>.from(c.xShape, c.x), w = Tensor<Float>.from(c.wShape, c.w)
            let y = try convNd(x, weight: w, bias: .from(c.bShape, c.b), stride: c.stride, padding: c.padding,
                               dilation: c.dilation, groups: c.groups, method: method)
            // Float inputs are the fixture's values rounded; allow that rounding plus the path's bound.
            let terms = Double(c.wShape.dropFirst().reduce(1, *))
            let tolerance = 4 * Double(Float.ulpOfOne) * (terms + 2)
            #expect(y.shape == c.yShape)
            #expect(maxAbsDifference(y.doubles, c.y) <= tolerance, "\(method)")
        }
    }

    @Test(arguments: cases)
    func gradientsMatchNumpyOnEveryPath(_ c: Fixtures.LayerCase) throws {
        for method in [Method.direct, .gemm, .fft] {
            let g = try convNdBackward(outputGradient: Tensor<Double>.from(c.dyShape, c.dy),
                                       input: .from(c.xShape, c.x), weight: .from(c.wShape, c.w),
                                       stride: c.stride, padding: c.padding, dilation: c.dilation,
                                       groups: c.groups, method: method)
            #expect(g.input.shape == c.dxShape && g.weight.shape == c.dwShape && g.bias.shape == c.dbShape)
            #expect(maxAbsDifference(g.input.doubles, c.dx) <= 1e-11, "\(method) input gradient")
            #expect(maxAbsDifference(g.weight.doubles, c.dw) <= 1e-11, "\(method) weight gradient")
            #expect(maxAbsDifference(g.bias.doubles, c.db) <= 1e-11, "\(method) bias gradient")
        }
    }
}

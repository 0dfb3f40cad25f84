import BenchCore
import Testing
@testable import Convolve

/// Batches, channels, groups, stride, dilation, asymmetric padding and boundaries, on
/// every path, against a loop written straight from ConvolutionGeometry's formula.
@Suite struct GeometryPathsTests {
    /// `out[b, o, y] = Σ_c Σ_r P[b, g·Cg + c, y·s + r·d] · K'[o, c, r]`, by multi-index,
    /// with `P` each channel plane extended by the test's own numpy.pad model.
    static func reference(_ g: ConvolutionGeometry, _ x: [Double], _ k: [Double]) -> [Double] {
        let rank = g.spatialRank, cg = g.groupInputChannels, og = g.groupOutputChannels
        let planeSize = g.inputExtent.reduce(1, *)
        let planes = (0..<(g.batch * g.inputChannels)).map { p in
            ReferenceSignal.pad(.init(shape: g.inputExtent, values: Array(x[(p * planeSize)..<((p + 1) * planeSize)])),
                                before: g.padBefore, after: g.padAfter, g.boundary)
        }
        let kStrides = ReferenceSignal.strides(g.kernelShape)
        return ReferenceSignal.indices(g.outputShape).map { index in
            let (b, o) = (index[0], index[1])
            var sum = 0.0
            for c in 0..<cg {
                let plane = planes[b * g.inputChannels + (o / og) * cg + c]
                let pStrides = ReferenceSignal.strides(plane.shape)
                for tap in ReferenceSignal.indices(g.kernelExtent) {
                    var pOffset = 0, kOffset = o * kStrides[0] + c * kStrides[1]
                    for axis in 0..<rank {
                        pOffset += (index[2 + axis] * g.stride[axis] + tap[axis] * g.dilation[axis]) * pStrides[axis]
                        let r = g.semantics == .convolution ? g.kernelExtent[axis] - 1 - tap[axis] : tap[axis]
                        kOffset += r * kStrides[2 + axis]
                    }
                    sum += plane.values[pOffset] * k[kOffset]
                }
            }
            return sum
        }
    }

    static let geometries: [ConvolutionGeometry] = {
        var list: [ConvolutionGeometry] = []
        let boundaries: [Boundary] = [.zero, .constant(0.25), .edge, .reflect, .symmetric, .wrap]
        var i = 0
        for rank in 1...3 {
            for (groups, cin, cout) in [(1, 1, 1), (1, 3, 2), (2, 4, 6), (3, 3, 3)] {
                for (stride, dilation) in [(1, 1), (2, 1), (3, 2), (1, 2)] {
                    i += 1
                    let n = [[13], [9, 8], [6, 7, 5]][rank - 1]
                    let k = [[4], [3, 2], [2, 3, 2]][rank - 1]
                    let before = (0..<rank).map { ($0 + i) % 3 }, after = (0..<rank).map { ($0 + 2 * i) % 2 }
                    list.append(try! ConvolutionGeometry(
                        batch: 1 + i % 3, inputChannels: cin, outputChannels: cout, groups: groups,
                        inputExtent: n, kernelExtent: k,
                        stride: (0..<rank).map { max(1, stride - $0 % 2) },
                        dilation: (0..<rank).map { $0 % 2 == 0 ? dilation : 1 + $0 % 3 },
                        padBefore: before, padAfter: after, boundary: boundaries[i % boundaries.count],
                        semantics: i % 2 == 0 ? .convolution : .correlation))
                }
            }
        }
        return list
    }()

    @Test(arguments: geometries)
    func everyPathMatchesTheFormulaOnGeneralGeometries(_ geometry: ConvolutionGeometry) throws {
        var random = SeededRandom(seed: stableSeed(geometry.description))
        let x = random.values(geometry.inputShape.reduce(1, *)), k = random.values(geometry.kernelShape.reduce(1, *))
        let expected = Self.reference(geometry, x, k)
        for method in [Method.direct, .gemm, .fft, .reference] {
            let y = try compute(geometry, input: .from(geometry.inputShape, x), kernel: Tensor<Double>.from(geometry.kernelShape, k),
                                method: method)
            #expect(y.shape == geometry.outputShape)
            #expect(maxAbsDifference(y.doubles, expected) < 1e-12, "\(method) on \(geometry)")
            let yf = try compute(geometry, input: .from(geometry.inputShape, x),
                                 kernel: Tensor<Float>.from(geometry.kernelShape, k), method: method)
            // Float inputs are x and k rounded; compare with the exact result on those values.
            let xf = Tensor<Float>.from(geometry.inputShape, x), kf = Tensor<Float>.from(geometry.kernelShape, k)
            let exactOnRounded = Self.reference(geometry, xf.doubles, kf.doubles)
            let bound = ErrorBound.maximumError(method.forcedPath!, geometry, input: xf.elements, kernel: kf.elements)
            #expect(maxAbsDifference(yf.doubles, exactOnRounded) <= bound, "Float \(method) on \(geometry)")
        }
    }

    @Test func pointwiseKernelsSkipIm2colAndStayExact() throws {
        let geometry = try ConvolutionGeometry(batch: 2, inputChannels: 5, outputChannels: 3, inputExtent: [6, 7],
                                               kernelExtent: [1, 1])
        #expect(GEMMPath.isPointwise(geometry))
        var random = SeededRandom(seed: 7)
        let x = random.values(geometry.inputShape.reduce(1, *)), k = random.values(geometry.kernelShape.reduce(1, *))
        let y = try compute(geometry, input: Tensor<Double>.from(geometry.inputShape, x), kernel: .from(geometry.kernelShape, k),
                            method: .gemm)
        #expect(maxAbsDifference(y.doubles, Self.reference(geometry, x, k)) < 1e-12)
    }
}

extension ConvolutionGeometry: CustomTestStringConvertible {
    public var testDescription: String { description }
}

import BenchCore
import Testing
@testable import Convolve

/// One configuration of the signal-processing face's sweep.
struct SignalCase: CustomTestStringConvertible, Sendable {
    enum KernelKind: String, CaseIterable, Sendable { case odd, even, larger }
    let rank: Int
    let kernel: KernelKind
    let mode: Mode
    let boundary: Boundary

    var inputShape: [Int] { [[11], [7, 6], [5, 4, 6]][rank - 1] }
    var kernelShape: [Int] {
        switch kernel {
        case .odd: return [[5], [3, 5], [3, 1, 3]][rank - 1]
        case .even: return [[4], [4, 2], [2, 4, 2]][rank - 1]
        case .larger: return [[14], [9, 8], [6, 5, 7]][rank - 1]
        }
    }

    var testDescription: String { "\(rank)-D \(kernel) kernel, \(mode), \(boundary)" }

    static let all: [SignalCase] = (1...3).flatMap { rank in
        KernelKind.allCases.flatMap { kernel in
            Mode.allCases.flatMap { mode in
                [Boundary.zero, .constant(-0.75), .edge, .reflect, .symmetric, .wrap].map {
                    SignalCase(rank: rank, kernel: kernel, mode: mode, boundary: $0)
                }
            }
        }
    }
}

/// Every path × mode × boundary × rank × kernel kind × precision against the
/// independent float64 model, within the path's documented error bound.
@Suite struct SignalFaceTests {
    @Test(arguments: SignalCase.all)
    func everyPathMatchesTheReferenceWithinItsBound(_ c: SignalCase) throws {
        var random = SeededRandom(seed: stableSeed(c.testDescription))
        let x = random.values(c.inputShape.reduce(1, *)), k = random.values(c.kernelShape.reduce(1, *))
        try check(Float.self, c, x, k)
        try check(Double.self, c, x, k)
    }

    private func check<T: ConvolveScalar>(_: T.Type, _ c: SignalCase, _ x: [Double], _ k: [Double]) throws {
        let input = Tensor<T>.from(c.inputShape, x), kernel = Tensor<T>.from(c.kernelShape, k)
        for semantics in Semantics.allCases {
            // The reference sees exactly the values the engine sees (rounded to T).
            let expected = ReferenceSignal.compute(.init(shape: input.shape, values: input.doubles),
                                                   .init(shape: kernel.shape, values: kernel.doubles),
                                                   op: semantics, mode: c.mode, boundary: c.boundary)
            let geometry = try ConvolutionGeometry.signal(inputShape: input.shape, kernelShape: kernel.shape,
                                                          mode: c.mode, boundary: c.boundary, semantics: semantics)
            for method in [Method.direct, .gemm, .fft, .reference, .auto] {
                let result = semantics == .convolution
                    ? try convolve(input, kernel, mode: c.mode, boundary: c.boundary, method: method)
                    : try correlate(input, kernel, mode: c.mode, boundary: c.boundary, method: method)
                #expect(result.shape == expected.shape, "\(semantics) \(method) shape")
                guard result.shape == expected.shape else { continue }
                let bound = ErrorBound.maximumError(method.forcedPath ?? .fft, geometry,
                                                    input: input.elements, kernel: kernel.elements)
                let error = maxAbsDifference(result.doubles, expected.values)
                #expect(error <= bound, "\(T.dtypeName) \(semantics) \(method): error \(error) > bound \(bound)")
            }
        }
    }
}

/// The engine and the independent model both reproduce scipy.signal (fixtures made by
/// `Fixtures/make_fixtures.py`).
@Suite struct ScipyFixtureTests {
    @Test func referenceModelReproducesScipy() throws {
        for c in try Fixtures.scipy.cases {
            let y = ReferenceSignal.compute(.init(shape: c.xShape, values: c.x), .init(shape: c.kShape, values: c.k),
                                            op: c.semantics, mode: c.modeValue, boundary: c.boundaryValue)
            #expect(y.shape == c.yShape, "\(c.label)")
            if y.shape == c.yShape { #expect(maxAbsDifference(y.values, c.y) < 1e-12, "\(c.label)") }
        }
    }

    @Test(arguments: [Method.direct, .gemm, .fft, .auto])
    func everyPathReproducesScipy(_ method: Method) throws {
        for c in try Fixtures.scipy.cases {
            let x = Tensor<Double>.from(c.xShape, c.x), k = Tensor<Double>.from(c.kShape, c.k)
            let y = c.semantics == .convolution
                ? try convolve(x, k, mode: c.modeValue, boundary: c.boundaryValue, method: method)
                : try correlate(x, k, mode: c.modeValue, boundary: c.boundaryValue, method: method)
            #expect(y.shape == c.yShape, "\(c.label) \(method)")
            if y.shape == c.yShape { #expect(maxAbsDifference(y.doubles, c.y) < 1e-12, "\(c.label) \(method)") }
        }
    }

    @Test func boundaryIndexMapsMatchNumpyPad() throws {
        for p in try Fixtures.scipy.pads {
            let boundary = try Fixtures.boundary(p.mode)
            let n = p.row.count
            let padded = (0..<(p.before + n + p.after)).map { i in
                boundary.sourceIndex(i - p.before, length: n).map { p.row[$0] } ?? 0
            }
            #expect(padded == p.padded, "numpy.pad(\(p.row), (\(p.before), \(p.after)), '\(p.mode)')")
        }
    }
}

import BenchCore
import Testing
@testable import Convolve

/// ``ConvolutionPlan``: a fixed geometry and kernel on a fixed path gives what
/// ``compute(_:input:kernel:method:options:)`` gives, for convolution and correlation,
/// signals and layers; bad shapes and non-finite data are refused.
@Suite struct ConvolutionPlanTests {
    static let geometries: [(String, ConvolutionGeometry)] = [
        ("1-D conv", try! .signal(inputShape: [301], kernelShape: [17], mode: .same, boundary: .reflect,
                                  semantics: .convolution)),
        ("2-D corr", try! .signal(inputShape: [40, 37], kernelShape: [6, 5], mode: .full, semantics: .correlation)),
        ("3-D conv", try! .signal(inputShape: [9, 8, 10], kernelShape: [3, 2, 4], mode: .valid, semantics: .convolution)),
        ("layer s2 g2", try! .layer(inputShape: [2, 4, 15, 13], weightShape: [6, 2, 3, 3], stride: [2], padding: .symmetric([1]),
                                    groups: 2)),
        ("layer 3×3", try! .layer(inputShape: [1, 3, 12, 12], weightShape: [4, 3, 3, 3], padding: .symmetric([1]))),
    ]

    @Test func everyPathMatchesTheOneShotCall() throws {
        for (name, geometry) in Self.geometries {
            var random = SeededRandom(seed: stableSeed(name))
            let x = Tensor<Double>.from(geometry.inputShape, random.values(Shape.product(geometry.inputShape)))
            let k = Tensor<Double>.from(geometry.kernelShape, random.values(Shape.product(geometry.kernelShape)))
            for path in Path.allCases {
                let method = Method(rawValue: path.rawValue)!
                guard let once = try? compute(geometry, input: x, kernel: k, method: method) else { continue }
                let plan = try ConvolutionPlan(geometry, kernel: k, method: method)
                #expect(plan.path == path)
                let y = try plan(x), again = try plan(x)
                #expect(y.elements == again.elements, "\(name) \(path)")
                let bound = 2 * ErrorBound.maximumError(path, geometry, input: x.elements, kernel: k.elements)
                #expect(y.shape == once.shape && maxAbsDifference(y.doubles, once.doubles) <= bound, "\(name) \(path)")
                if path == .fft || path == .winograd { #expect(plan.preparedBytes > 0) }
            }
            let auto = try ConvolutionPlan(geometry, kernel: k)
            #expect(auto.path == explain(geometry, scalar: Double.self).path)
        }
    }

    @Test func badShapesAndNonFiniteDataAreRefused() throws {
        let geometry = try ConvolutionGeometry.signal(inputShape: [20], kernelShape: [5], mode: .same,
                                                      semantics: .convolution)
        let k = try Tensor<Float>(shape: [1, 1, 5], elements: [1, 2, 3, 2, 1])
        #expect(throws: ConvolutionError.shapeMismatch(argument: "kernel", expected: [1, 1, 5], actual: [5])) {
            try ConvolutionPlan(geometry, kernel: Tensor<Float>(shape: [5], elements: [1, 2, 3, 2, 1]))
        }
        #expect(throws: ConvolutionError.nonFiniteInputForFFT(argument: "kernel")) {
            try ConvolutionPlan(geometry, kernel: Tensor<Float>(shape: [1, 1, 5], elements: [1, .nan, 3, 2, 1]),
                                method: .fft)
        }
        #expect(throws: ConvolutionError.pathUnsupported(path: "winograd", reason: WinogradPath.unsupported(geometry)!)) {
            try ConvolutionPlan(geometry, kernel: k, method: .winograd)
        }
        let plan = try ConvolutionPlan(geometry, kernel: k, method: .fft)
        #expect(throws: ConvolutionError.shapeMismatch(argument: "input", expected: [1, 1, 20], actual: [1, 1, 21])) {
            try plan(Tensor<Float>(shape: [1, 1, 21], elements: Array(repeating: 0, count: 21)))
        }
        var x = Array(repeating: Float(1), count: 20)
        x[7] = .infinity
        #expect(throws: ConvolutionError.nonFiniteInputForFFT(argument: "input")) {
            try plan(Tensor<Float>(shape: [1, 1, 20], elements: x))
        }
    }

    /// Prepared spectra fix the FFT layout: a run whose options (or cost model) would now
    /// choose another layout still uses the one the spectra were made for, and is right.
    @Test func preparedSpectraFixTheLayout() throws {
        var random = SeededRandom(seed: 77)
        let geometry = try ConvolutionGeometry.signal(inputShape: [90, 70], kernelShape: [7, 5], mode: .same,
                                                      semantics: .correlation)
        let x = random.values(90 * 70), k = random.values(35)
        let tiled = ConvolutionOptions(threads: 1, fftTiling: .outputsPerTile([20, 30]))
        let spectra = k.withUnsafeBufferPointer { FFTPath.prepare(geometry, kernel: $0.baseAddress!, options: tiled) }
        #expect(spectra.layout.tileCount > 1)
        var y = [Double](repeating: 0, count: 90 * 70)
        _ = x.withUnsafeBufferPointer { xp in
            k.withUnsafeBufferPointer { kp in
                y.withUnsafeMutableBufferPointer { yp in
                    FFTPath.run(geometry, input: xp.baseAddress!, kernel: kp.baseAddress!, spectra: spectra,
                                output: yp.baseAddress!, options: ConvolutionOptions(threads: 1, fftTiling: .whole))
                }
            }
        }
        let reference = try compute(geometry, input: Tensor<Double>(shape: geometry.inputShape, elements: x),
                                    kernel: Tensor<Double>(shape: geometry.kernelShape, elements: k), method: .reference)
        #expect(maxAbsDifference(y, reference.elements) <= ErrorBound.maximumError(.fft, geometry, input: x, kernel: k))
    }

    /// A plan asked for ``Method/reference`` sums in extended precision on every call, as
    /// `compute(…, method: .reference)` does, not in the direct path's native sums.
    @Test func aReferencePlanGivesTheReferenceSums() throws {
        let geometry = try ConvolutionGeometry.layer(inputShape: [1, 16, 9, 9], weightShape: [8, 16, 3, 3],
                                                     padding: .symmetric([1]))
        var random = SeededRandom(seed: stableSeed("reference plan"))
        let x = Tensor<Float>(validShape: geometry.inputShape,
                              elements: random.values(Shape.product(geometry.inputShape)).map(Float.init))
        let k = Tensor<Float>(validShape: geometry.kernelShape,
                              elements: random.values(Shape.product(geometry.kernelShape)).map(Float.init))
        let reference = try compute(geometry, input: x, kernel: k, method: .reference)
        let native = try compute(geometry, input: x, kernel: k, method: .direct)
        #expect(reference.elements != native.elements)  // else the check below proves nothing
        let plan = try ConvolutionPlan(geometry, kernel: k, method: .reference)
        #expect(plan.path == .direct)
        #expect(try plan(x).elements == reference.elements)
    }

    /// Where the direct path sums in channel vectors, a plan packs its kernel for them once,
    /// in correlation orientation (flipped first for convolution), and its calls give the
    /// one-shot call's bits.
    @Test func plansPackChannelVectorWeightsInCorrelationOrientation() throws {
        guard VectorInstructions.detected.runsVectorForm else { return }  // no channel vectors here
        let one = ConvolutionOptions(threads: 1)
        var packed = 0
        for semantics in [Semantics.convolution, .correlation] {
            for extent in [6, 7, 12] {
                let geometry = try ConvolutionGeometry(inputChannels: 128, outputChannels: 128, inputExtent: [extent, extent],
                                                       kernelExtent: [3, 3], padBefore: [1], padAfter: [1],
                                                       semantics: semantics)
                guard DirectPath.form(geometry, scalarSize: 4, threads: 1, workspaceBudget: one.workspaceBudget,
                                      weightsPrepared: true) == .channelVectors else { continue }
                var random = SeededRandom(seed: stableSeed("vector plan \(semantics) \(extent)"))
                let x = Tensor<Float>(validShape: geometry.inputShape,
                                      elements: random.values(Shape.product(geometry.inputShape)).map(Float.init))
                let k = Tensor<Float>(validShape: geometry.kernelShape,
                                      elements: random.values(Shape.product(geometry.kernelShape)).map(Float.init))
                let plan = try ConvolutionPlan(geometry, kernel: k, method: .direct, options: one)
                #expect(plan.preparedBytes == 128 * 128 * 9 * 4, "\(semantics) \(extent)")
                let once = try compute(geometry, input: x, kernel: k, method: .direct, options: one)
                #expect(try plan(x).elements == once.elements, "\(semantics) \(extent)")
                packed += 1
            }
        }
        #expect(packed > 0)
    }
}

import BenchCore
import Foundation
import Testing
@testable import Convolve

/// ``SignalFilter`` (one kernel, many inputs) against the one-shot calls, measured plans
/// and the plan cache's rigor, and FFTW wisdom files.
@Suite struct SignalFilterTests {
    @Test(arguments: SignalCase.all.filter { $0.kernel == .odd || $0.mode == .same })
    func filterMatchesTheOneShotCall(_ c: SignalCase) throws {
        var random = SeededRandom(seed: stableSeed("filter " + c.testDescription))
        // Sizes of their own (the plan-cache tests count plans per size).
        let shape = c.inputShape.map { $0 + 2 }
        let x = Tensor<Double>.from(shape, random.values(shape.reduce(1, *)))
        let k = Tensor<Double>.from(c.kernelShape, random.values(c.kernelShape.reduce(1, *)))
        for semantics in Semantics.allCases {
            let geometry = try ConvolutionGeometry.signal(inputShape: shape, kernelShape: k.shape, mode: c.mode,
                                                          boundary: c.boundary, semantics: semantics)
            for method in [Method.fft, .direct, .auto] {
                let filter = try SignalFilter(kernel: k, mode: c.mode, boundary: c.boundary, semantics: semantics,
                                              method: method)
                let once = semantics == .convolution
                    ? try convolve(x, k, mode: c.mode, boundary: c.boundary, method: method == .auto ? .fft : method)
                    : try correlate(x, k, mode: c.mode, boundary: c.boundary, method: method == .auto ? .fft : method)
                let first = try filter(x), second = try filter(x)
                #expect(first.elements == second.elements, "\(semantics) \(method): repeated calls differ")
                // Measured and estimated plans may pick different algorithms: equal within the bound.
                let bound = 2 * ErrorBound.maximumError(.fft, geometry, input: x.elements, kernel: k.elements)
                #expect(first.shape == once.shape && maxAbsDifference(first.doubles, once.doubles) <= bound,
                        "\(semantics) \(method)")
                if method == .fft { #expect(filter.preparedBytes > 0) }
            }
        }
    }

    @Test func oneFilterServesManySizesAndTiles() throws {
        var random = SeededRandom(seed: 21)
        let k = Tensor<Float>.from([7, 5], random.values(35))
        let filter = try SignalFilter(kernel: k, mode: .same, boundary: .reflect, method: .fft,
                                      options: ConvolutionOptions(fftTiling: .outputsPerTile([9, 11])))
        for shape in [[23, 29], [31, 19], [23, 29]] {
            let x = Tensor<Float>.from(shape, random.values(shape.reduce(1, *)))
            let y = try filter(x)
            let direct = try convolve(x, k, mode: .same, boundary: .reflect, method: .direct)
            let geometry = try filter.geometry(inputShape: shape)
            #expect(maxAbsDifference(y.doubles, direct.doubles)
                    <= ErrorBound.maximumError(.fft, geometry, input: x.elements, kernel: k.elements))
        }
        filter.releasePrepared()
        #expect(filter.preparedBytes == 0)
    }

    @Test func badKernelsAndInputsAreRefused() throws {
        let k4 = try Tensor<Float>(shape: [2, 2, 2, 2], elements: Array(repeating: 1, count: 16))
        #expect(throws: ConvolutionError.unsupportedRank(argument: "input", rank: 4, allowed: 1...3)) {
            try SignalFilter(kernel: k4)
        }
        let filter = try SignalFilter(kernel: Tensor<Float>(shape: [3, 3], elements: Array(repeating: 1, count: 9)))
        #expect(throws: ConvolutionError.rankMismatch(input: 1, kernel: 2)) {
            try filter(Tensor<Float>(shape: [5], elements: Array(repeating: 1, count: 5)))
        }
        #expect(throws: ConvolutionError.invalidThreadCount(0)) {
            try SignalFilter(kernel: Tensor<Float>(shape: [3], elements: [1, 2, 3]), options: .init(threads: 0))
        }
    }

    /// Measured plans are kept apart from estimated ones, and a cached plan is never
    /// replaced: one-shot calls of a size keep their algorithm (and their bits).
    @Test func measuredAndEstimatedPlansAreKeptApart() throws {
        let extents = [26, 34]
        let estimated = FFTPlanCache.shared.plan(Float.self, extents: extents, direction: .realToComplex, threads: 1)
        #expect(estimated.planning == .estimate)
        let measured = FFTPlanCache.shared.plan(Float.self, extents: extents, direction: .realToComplex, threads: 1,
                                                planning: .measure)
        #expect(measured.planning == .measure && measured !== estimated)
        #expect(FFTPlanCache.shared.plan(Float.self, extents: extents, direction: .realToComplex, threads: 1) === estimated)
        #expect(FFTPlanCache.shared.plan(Float.self, extents: extents, direction: .realToComplex, threads: 1,
                                         planning: .measure) === measured)
    }

    @Test func wisdomRoundTripsThroughAFileAndBadFilesAreRefused() throws {
        _ = FFTPlanCache.shared.plan(Double.self, extents: [30, 42], direction: .complexToReal, threads: 1,
                                     planning: .measure)
        try withScratchDirectory("wisdom") { directory in
            let path = directory.appendingPathComponent("convolve.wisdom").path
            try FFTWisdom.export(to: path)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix(FFTWisdom.header + "\n[double]\n(fftw-3"))
            try FFTWisdom.load(from: path)

            let missing = directory.appendingPathComponent("missing.wisdom").path
            #expect(throws: ConvolutionError.self) { try FFTWisdom.load(from: missing) }
            let notWisdom = directory.appendingPathComponent("not.wisdom").path
            try "hello".write(toFile: notWisdom, atomically: true, encoding: .utf8)
            do throws(ConvolutionError) {
                try FFTWisdom.load(from: notWisdom)
                Issue.record("a file without the header was accepted")
            } catch {
                #expect(error.description.contains("is not a wisdom file"))
            }
            let corrupt = directory.appendingPathComponent("corrupt.wisdom").path
            try (FFTWisdom.header + "\n[double]\n(fftw-3.3 garbage\n[float]\n").write(toFile: corrupt, atomically: true,
                                                                                       encoding: .utf8)
            #expect(throws: ConvolutionError.self) { try FFTWisdom.load(from: corrupt) }
            #expect(throws: ConvolutionError.self) { try FFTWisdom.export(to: directory.appendingPathComponent("no/such/dir").path) }
        }
    }
}

import BenchCore
import Foundation
import Testing
@testable import Convolve

/// ``Method/autotune``: results as any path's, a winner kept per geometry among the
/// paths the model did not rule out, winners saved and loaded, bad files refused.
@Suite struct AutotunerTests {
    @Test func autotuneComputesTheSameAndKeepsAWinnerPerGeometry() throws {
        var random = SeededRandom(seed: 31)
        // Shapes of their own: the tuner is shared by the whole process.
        let x = Tensor<Float>.from([61, 67], random.values(61 * 67))
        let k = Tensor<Float>.from([9, 8], random.values(72))
        let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: .same,
                                                      boundary: .symmetric, semantics: .convolution)
        let options = ConvolutionOptions(threads: 1)
        #expect(Autotuner.shared.winner(geometry, scalarSize: 4, threads: 1) == nil)
        let tuned = try convolve(x, k, mode: .same, boundary: .symmetric, method: .autotune, options: options)
        let winner = try #require(Autotuner.shared.winner(geometry, scalarSize: 4, threads: 1))
        let estimates = explain(geometry, scalar: Float.self, options: options).estimates
        #expect(estimates[winner]! <= estimates.values.min()! * Autotuner.candidateFactor)
        let reference = try convolve(x, k, mode: .same, boundary: .symmetric, method: .reference)
        let bound = ErrorBound.maximumError(winner, geometry, input: x.elements, kernel: k.elements)
        #expect(maxAbsDifference(tuned.doubles, reference.doubles) <= bound)
        // The second call runs the winner: the same bits as forcing it.
        let again = try convolve(x, k, mode: .same, boundary: .symmetric, method: .autotune, options: options)
        let forced = try convolve(x, k, mode: .same, boundary: .symmetric, method: Method(rawValue: winner.rawValue)!,
                                  options: options)
        #expect(again.elements == forced.elements)
    }

    @Test func winnersRoundTripThroughAFileAndBadFilesAreRefused() throws {
        let tuner = Autotuner()
        try withScratchDirectory("tune") { directory in
            let path = directory.appendingPathComponent("convolve.tune").path
            let geometry = try ConvolutionGeometry.layer(inputShape: [1, 3, 30, 30], weightShape: [4, 3, 3, 3],
                                                         padding: .symmetric([1]))
            try (Autotuner.header + "\nwinograd\t4\t2\t\(geometry.description)\n").write(toFile: path, atomically: true,
                                                                                       encoding: .utf8)
            try tuner.load(from: path)
            #expect(tuner.winner(geometry, scalarSize: 4, threads: 2) == .winograd)
            #expect(tuner.winner(geometry, scalarSize: 8, threads: 2) == nil)
            let copy = directory.appendingPathComponent("copy.tune").path
            try tuner.save(to: copy)
            let other = Autotuner()
            try other.load(from: copy)
            #expect(other.winner(geometry, scalarSize: 4, threads: 2) == .winograd && other.count == 1)

            for (name, text, says) in [("header", "hello\n", "is not an autotune file"),
                                       ("line", Autotuner.header + "\nsideways\t4\t1\tgeometry\n", "line 2")] {
                let bad = directory.appendingPathComponent(name).path
                try text.write(toFile: bad, atomically: true, encoding: .utf8)
                do throws(ConvolutionError) {
                    try other.load(from: bad)
                    Issue.record("\(name): accepted")
                } catch {
                    #expect(error.description.contains(says), "\(error)")
                }
            }
            #expect(other.count == 1)
            #expect(throws: ConvolutionError.self) { try other.load(from: directory.appendingPathComponent("none").path) }
        }
    }
}

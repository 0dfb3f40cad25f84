import BenchCore
import Testing

/// The bench's FFTW floor runs a call's pairs back to back in each sample and counts each
/// pair once.
@Suite struct FloorLoopTests {
    @Test(arguments: [0.5, 1, 1.5, 2, 293, 10_000.0 / 3])
    func floorLoopCountsEveryPairOnce(pairs: Double) {
        let loop = FloorLoop(pairs: pairs)
        #expect(loop.calls == max(1, Int(pairs.rounded(.down))))
        #expect(abs(Double(loop.calls) * loop.scale - pairs) <= 1e-12 * pairs)
    }

    @Test func eachSampleRunsTheCallsBackToBack() {
        var calls = 0
        let timing = FloorLoop(pairs: 7.5).measure(warmup: 1, repeats: 3, budget: .infinity) { calls += 1 }
        #expect(timing.samples.count == 3)
        #expect(calls == 4 * 7)
    }
}

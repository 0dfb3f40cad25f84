/// How the bench times FFTW's floor: `pairs` r2c + c2r pairs run back to back in each timed
/// sample, as the FFT path runs its transforms, not one pair timed alone and multiplied.
/// A pair timed alone ran faster than its share of a loop: on an AMD Zen 4, 4,096 points
/// (the 293 tiles of 1-D 2²⁰ ∗ 512) took 0.86 of the loop's time per pair, 40,960 points
/// 0.95, 163,840 points 0.97 (release probe, medians of 15 interleaved rounds), which had
/// read the prepared FFT path 14% further above its floor than FFTW's own back-to-back
/// rate puts it.
public struct FloorLoop: Sendable {
    /// Calls per sample: `⌊pairs⌋`, at least one.
    public let calls: Int
    /// What each sample is scaled by so it counts `pairs` pairs: `pairs / calls`.
    public let scale: Double

    /// `pairs` may be fractional (the pairs of a call shared between workers) and below 1.
    public init(pairs: Double) {
        calls = max(1, Int(pairs.rounded(.down)))
        scale = pairs / Double(calls)
    }

    /// Up to `repeats` samples of ``calls`` calls of `pair` (after `warmup` untimed
    /// samples), each times ``scale``, within `budget` seconds of timed samples.
    public func measure(warmup: Int = 1, repeats: Int, budget: Double, _ pair: () -> Void) -> Timing {
        let timing = Stopwatch.measure(warmup: warmup, repeats: repeats, budget: budget) {
            for _ in 0..<calls { pair() }
        }
        return Timing(samples: timing.samples.map { $0 * scale })
    }
}

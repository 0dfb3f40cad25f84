/// Wall-clock timing of a closure: warm-up runs, then repeats; median and minimum.
public struct Timing: Sendable, Codable {
    /// Seconds of each timed repeat, in order.
    public let samples: [Double]
    public var median: Double {
        let sorted = samples.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
    public var minimum: Double { samples.min() ?? .nan }
}

public enum Stopwatch {
    private static let clock = ContinuousClock()

    /// Untimed calls at the start of a side's turn in rounds that alternate with the peers:
    /// at least one, and more until this many seconds have passed. On the development
    /// machine a millisecond call of ours or of `cv2.filter2D` runs 1.3–1.5× slower for its
    /// first four to six calls after the other side's turn (the Zen 3 in
    /// docs/performance.md), so one untimed call left both sides' first timed calls in that
    /// ramp. `peers.py` warms up by the same rule.
    public static let turnWarmupSeconds = 0.01
    /// The most untimed calls a warm-up by time makes.
    public static let maxWarmupCalls = 50

    /// Seconds one call of `body` takes.
    public static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Runs `body` `warmup` times untimed, and on untimed until `warmupSeconds` have passed
    /// (at most ``maxWarmupCalls`` calls), then `repeats` times timed. Stops repeating early
    /// once `budget` seconds have been spent on timed runs (at least one runs).
    public static func measure(warmup: Int = 1, warmupSeconds: Double = 0, repeats: Int,
                               budget: Double = .infinity, _ body: () throws -> Void) rethrows -> Timing {
        var warmed = 0, warming = 0.0
        while warmed < warmup || (warming < warmupSeconds && warmed < maxWarmupCalls) {
            warming += try seconds(body)
            warmed += 1
        }
        var samples: [Double] = []
        var spent = 0.0
        while samples.count < max(1, repeats) && (samples.isEmpty || spent < budget) {
            let s = try seconds(body)
            samples.append(s)
            spent += s
        }
        return Timing(samples: samples)
    }
}

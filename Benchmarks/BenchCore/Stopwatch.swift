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

    /// Seconds one call of `body` takes.
    public static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Runs `body` `warmup` times untimed, then `repeats` times timed. Stops repeating
    /// early once `budget` seconds have been spent on timed runs (at least one runs).
    public static func measure(warmup: Int = 1, repeats: Int, budget: Double = .infinity,
                               _ body: () throws -> Void) rethrows -> Timing {
        for _ in 0..<warmup { try body() }
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

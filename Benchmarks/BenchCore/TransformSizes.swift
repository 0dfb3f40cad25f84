import Convolve
import Foundation

/// Times FFTW's own r2c + c2r pair (`FFTW_ESTIMATE` plans, as the FFT path uses) for every
/// 13-smooth length in a range, the same length on each of `rank` axes: which transform
/// sizes are fast.
public enum TransformSizes {
    public struct Row: Sendable {
        public let length: Int
        public let factors: [Int]
        public let seconds: Double
        /// Seconds per `N·log₂N` (N the total point count), in nanoseconds.
        public var nanosecondsPerNLogN: Double {
            let points = pow(Double(length), Double(rank))
            return seconds / (points * log2(points)) * 1e9
        }
        let rank: Int
    }

    /// The prime factors of `n` if all are at most 13, else nil.
    static func smoothFactors(_ n: Int) -> [Int]? {
        var m = n, factors: [Int] = []
        for p in [2, 3, 5, 7, 11, 13] {
            while m % p == 0 { m /= p; factors.append(p) }
        }
        return m == 1 ? factors : nil
    }

    public static func sweep(_ range: ClosedRange<Int>, rank: Int, repeats: Int) throws -> [Row] {
        try range.compactMap { n -> Row? in
            guard let factors = smoothFactors(n) else { return nil }
            let pair = try TransformPair<Float>(extents: Array(repeating: n, count: rank))
            let timing = Stopwatch.measure(repeats: repeats, budget: 1) { pair.run() }
            return Row(length: n, factors: factors, seconds: timing.minimum, rank: rank)
        }
    }

    public static func table(_ rows: [Row]) -> String {
        (["length | factors | parity | r2c+c2r ms | ns per N·log₂N", "---|---|---|---|---"] + rows.map {
            "\($0.length) | \($0.factors.map(String.init).joined(separator: "·")) | \($0.length % 2 == 0 ? "even" : "odd") | "
                + String(format: "%.3f | %.3f", $0.seconds * 1e3, $0.nanosecondsPerNLogN)
        }).joined(separator: "\n")
    }
}

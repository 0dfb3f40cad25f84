import Convolve

/// What one path did on one case.
public struct PathResult: Sendable, Codable {
    public let path: String
    /// nil when the path was skipped (`skipReason` says why).
    public let timing: Timing?
    public let skipReason: String?
    /// `max |y − reference|` and the documented bound it must stay within.
    public let maxError: Double?
    public let bound: Double?
    public var agrees: Bool { maxError.map { $0 <= bound! } ?? true }
}

/// Everything measured on one case.
public struct CaseResult: Sendable, Codable {
    public func median(_ path: String) -> Double? { paths.first { $0.path == path }?.timing?.median }

    public let label: String
    public let dtype: String
    public let multiplyAdds: Int
    public let paths: [PathResult]
    /// The chooser's estimate for each path, seconds.
    public let estimates: [String: Double]
    public let autoPick: String
    /// FFTW's own r2c + c2r at the FFT path's transform size.
    public let fftExtent: [Int]
    public let fftFloor: Timing?

    public var best: PathResult? {
        paths.filter { $0.timing != nil }.min { $0.timing!.median < $1.timing!.median }
    }
    /// t(auto's pick) / t(best), from medians.
    public var regret: Double? {
        guard let best = best?.timing?.median,
              let picked = paths.first(where: { $0.path == autoPick })?.timing?.median else { return nil }
        return picked / best
    }
}

/// Runs cases: every path timed, checked against the extended-precision reference.
public struct CaseRunner {
    public var repeats: Int
    public var threads: Int
    /// Paths whose estimated time exceeds this many seconds are skipped, and shown as such.
    public var skipAboveSeconds: Double
    /// Scales the error of one path's result (tests use it to prove the check can fail).
    public var plantedError: (path: Path, factor: Double)?

    public init(repeats: Int = 5, threads: Int = 1, skipAboveSeconds: Double = 2,
                plantedError: (path: Path, factor: Double)? = nil) {
        self.repeats = repeats
        self.threads = threads
        self.skipAboveSeconds = skipAboveSeconds
        self.plantedError = plantedError
    }

    public func run(_ workload: Workload) throws -> CaseResult {
        let geometry = workload.geometry
        let options = ConvolutionOptions(threads: threads)
        let (x, k) = try workload.data(Float.self)
        let reference = try compute(geometry, input: Tensor<Double>(shape: x.shape, elements: x.elements.map(Double.init)),
                                    kernel: Tensor<Double>(shape: k.shape, elements: k.elements.map(Double.init)),
                                    method: .reference)
        let choice = explain(geometry, scalar: Float.self, options: options)

        var results: [PathResult] = []
        for path in Path.allCases {
            let estimate = choice.estimates[path] ?? .infinity
            if estimate > skipAboveSeconds {
                results.append(PathResult(path: path.rawValue, timing: nil,
                                          skipReason: String(format: "estimated %.1f s > %.1f s", estimate, skipAboveSeconds),
                                          maxError: nil, bound: nil))
                continue
            }
            let method = Method(rawValue: path.rawValue)!
            var output = try compute(geometry, input: x, kernel: k, method: method, options: options)
            let timing = try Stopwatch.measure(repeats: repeats, budget: 10 * max(estimate, 0.05)) {
                output = try compute(geometry, input: x, kernel: k, method: method, options: options)
            }
            var error = zip(output.elements, reference.elements).reduce(0.0) { max($0, abs(Double($1.0) - $1.1)) }
            let bound = ErrorBound.maximumError(path, geometry, input: x.elements, kernel: k.elements)
            if let planted = plantedError, planted.path == path { error += planted.factor * bound }
            results.append(PathResult(path: path.rawValue, timing: timing, skipReason: nil, maxError: error, bound: bound))
        }

        let extent = geometry.fftTransformExtent
        let pair = try TransformPair<Float>(extents: extent, threads: threads)
        let floor = Stopwatch.measure(repeats: repeats) { pair.run() }
        return CaseResult(label: workload.label, dtype: Float.dtypeName, multiplyAdds: geometry.multiplyAdds,
                          paths: results,
                          estimates: Dictionary(uniqueKeysWithValues: choice.estimates.map { ($0.key.rawValue, $0.value) }),
                          autoPick: choice.path.rawValue, fftExtent: extent, fftFloor: floor)
    }
}

import Foundation

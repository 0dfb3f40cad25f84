import Convolve
import Foundation

/// `bench --calibrate`: the crossover cases' measured times as calibration samples, the
/// fitted profile, and how its estimates and choices compare with the model's before.
public struct Calibration {
    public let cases: [Workload]
    public let results: [CaseResult]
    public let threads: Int

    public init(cases: [Workload], results: [CaseResult], threads: Int) {
        self.cases = cases
        self.results = results
        self.threads = threads
    }

    /// Every timed path of every case.
    public var samples: [CalibrationSample] {
        zip(cases, results).flatMap { workload, result in
            result.paths.compactMap { p -> CalibrationSample? in
                guard let median = p.timing?.median, let path = Path(rawValue: p.path) else { return nil }
                return CalibrationSample(geometry: workload.geometry, path: path, seconds: median,
                                         scalarSize: 4, threads: threads)
            }
        }
    }

    public func fit(_ model: CostModel) -> CostModel { model.calibrated(by: samples) }

    /// Per model: the median and largest factor between estimate and measurement over all
    /// samples, and the regret of the path each would choose (median, max).
    public func report(before: CostModel, after: CostModel) -> String {
        func summary(_ name: String, _ model: CostModel) -> String {
            let factors = samples.map { s -> Double in
                let estimate = model.seconds(s.path, s.geometry, scalarSize: s.scalarSize, threads: s.threads)
                return max(estimate / s.seconds, s.seconds / estimate)
            }.sorted()
            let regrets = zip(cases, results).compactMap { workload, result -> Double? in
                let choice = PathChooser.choose(workload.geometry, scalarSize: 4,
                                                options: ConvolutionOptions(threads: threads), model: model)
                guard let best = result.best?.timing?.median, let picked = result.median(choice.path.rawValue) else { return nil }
                return picked / best
            }.sorted()
            func median(_ xs: [Double]) -> Double { xs.isEmpty ? .nan : xs[xs.count / 2] }
            return String(format: "%@: estimate off by a median factor %.2f (max %.2f) over %d timings; regret median %.2f, max %.2f over %d cases",
                          name, median(factors), factors.last ?? .nan, factors.count, median(regrets),
                          regrets.last ?? .nan, regrets.count)
        }
        return [summary("before", before), summary("after ", after)].joined(separator: "\n")
    }
}

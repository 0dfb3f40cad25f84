import Foundation

/// The chooser's answer: the path, why, and every path's estimate.
public struct PathChoice: Sendable, CustomStringConvertible {
    /// The path `auto` runs.
    public let path: Path
    /// Estimated seconds for each path that can run this geometry.
    public let estimates: [Path: Double]
    /// Why each excluded path cannot or must not run; kept as values and worded only when
    /// asked (`auto` chooses on every call, and formatting text would cost more than a
    /// small convolution).
    let exclusions: [Path: Exclusion]
    /// Whether FFT was excluded for non-finite data.
    let inputIsFinite: Bool
    /// Whether the estimates leave out the kernels' transforms, as for a prepared value
    /// (``ConvolutionLayer``, ``ConvolutionPlan``, ``SignalFilter``) that made them once.
    public let kernelsPrepared: Bool
    /// How the direct path would compute its sums ("output rows", "channel blocks" or
    /// "depthwise lanes"), named by ``explain(_:scalar:options:inputIsFinite:kernelsPrepared:)``
    /// (`auto`'s own choice leaves it out).
    public internal(set) var directForm: String?
    /// How the GEMM path's workers would share the call ("one worker", or "2 workers over
    /// output positions", "… over output channels", "… over batch items and groups"),
    /// named by ``explain(_:scalar:options:inputIsFinite:kernelsPrepared:)`` like ``directForm``.
    public internal(set) var gemmShare: String?

    enum Exclusion: Sendable {
        case nonFinite
        case refused(ConvolutionError)
    }

    /// Paths that cannot or must not run, with the reason.
    public var excluded: [Path: String] {
        exclusions.mapValues { exclusion in
            switch exclusion {
            case .nonFinite: return "input or kernel holds NaN or ±∞, which FFT would spread to every output"
            case .refused(let error): return error.description
            }
        }
    }

    /// One sentence on why `path` was chosen.
    public var reason: String {
        let best = estimates[path]!
        var reason = "least estimated time (\(Self.format(best)))"
        if let runnerUp = estimates.filter({ $0.key != path }).min(by: { $0.value < $1.value }) {
            reason += String(format: ", %.1f× faster than %@", runnerUp.value / best, runnerUp.key.rawValue)
        }
        if !inputIsFinite { reason += "; FFT excluded for non-finite data" }
        if kernelsPrepared { reason += "; kernels prepared, their transforms not counted" }
        return reason
    }

    public var description: String {
        var lines = ["chosen: \(path) — \(reason)"]
        for candidate in Path.allCases {
            if let seconds = estimates[candidate] {
                let form = (candidate == .direct ? directForm : candidate == .gemm ? gemmShare : nil)
                    .map { " (\($0))" } ?? ""
                lines.append("  \(candidate.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) estimated \(Self.format(seconds))\(form)")
            } else if let why = excluded[candidate] {
                lines.append("  \(candidate.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) excluded: \(why)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ seconds: Double) -> String {
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        if seconds >= 1e-3 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.1f µs", seconds * 1e6)
    }
}

/// Picks a path for a geometry: a pure function of the geometry, the scalar size, the
/// options, whether the data is finite, and the cost model.
public enum PathChooser {
    /// The path with the least estimated time among those that can run. FFT is excluded
    /// when the input or kernel holds NaN or ±∞ (it would spread them to every output),
    /// and GEMM when its workspace budget cannot hold one im2col column. With
    /// `kernelsPrepared` the estimates are a prepared value's, whose kernels' FFT spectra
    /// and Winograd tiles were made once (``CostModel/seconds(_:_:scalarSize:threads:fftTiling:workspaceBudget:kernelsPrepared:)``).
    public static func choose(
        _ geometry: ConvolutionGeometry, scalarSize: Int, options: ConvolutionOptions = .init(),
        inputIsFinite: Bool = true, kernelsPrepared: Bool = false, model: CostModel = .current
    ) -> PathChoice {
        let key = PathChoiceMemo.Key(geometry: geometry, scalarSize: scalarSize, options: options,
                                     inputIsFinite: inputIsFinite, kernelsPrepared: kernelsPrepared, model: model)
        return PathChoiceMemo.answers.value(key) {
            decide(geometry, scalarSize: scalarSize, options: options, inputIsFinite: inputIsFinite,
                   kernelsPrepared: kernelsPrepared, model: model)
        }
    }

    /// ``choose(_:scalarSize:options:inputIsFinite:kernelsPrepared:model:)`` without the memo.
    private static func decide(
        _ geometry: ConvolutionGeometry, scalarSize: Int, options: ConvolutionOptions, inputIsFinite: Bool,
        kernelsPrepared: Bool, model: CostModel
    ) -> PathChoice {
        var estimates: [Path: Double] = [:]
        var exclusions: [Path: PathChoice.Exclusion] = [:]
        for path in Path.allCases {
            if path == .fft && !inputIsFinite {
                exclusions[path] = .nonFinite
                continue
            }
            do throws(ConvolutionError) {
                try Engine.implementation(of: path).check(geometry, options: options)
                estimates[path] = model.seconds(path, geometry, scalarSize: scalarSize, threads: options.threads,
                                                fftTiling: options.fftTiling, workspaceBudget: options.workspaceBudget,
                                                kernelsPrepared: kernelsPrepared)
            } catch {
                exclusions[path] = .refused(error)
            }
        }
        // Direct can always run, so there is always a candidate.
        let best = estimates.min { $0.value < $1.value || ($0.value == $1.value && $0.key.rank < $1.key.rank) }!
        return PathChoice(path: best.key, estimates: estimates, exclusions: exclusions, inputIsFinite: inputIsFinite,
                          kernelsPrepared: kernelsPrepared)
    }
}

/// The choices ``PathChooser`` has made, so that calls of one problem (a layer called on
/// image after image, one-shot calls in a loop) ask every path's checks and estimates
/// once: on small layers those were about 3 µs of a 29 µs call (c16→32@28² stride 2; the
/// checks that refuse a path build their messages). The choice is a pure function of the
/// key (at most 1,024 kept).
enum PathChoiceMemo {
    struct Key: Hashable, Sendable {
        let geometry: ConvolutionGeometry
        let scalarSize: Int
        let options: ConvolutionOptions
        let inputIsFinite: Bool
        let kernelsPrepared: Bool
        let model: CostModel
    }

    static let answers = KeptAnswers<Key, PathChoice>(capacity: 1024)
}

extension Path {
    /// Tie-break order: the simpler path wins equal estimates.
    var rank: Int { Path.allCases.firstIndex(of: self)! }
}

/// What `auto` would do for `geometry` with scalars of type `T`, every path's estimate and
/// the direct path's form; with `kernelsPrepared`, what a prepared value of it would (its
/// kernels' transforms made once).
public func explain<T: ConvolveScalar>(
    _ geometry: ConvolutionGeometry, scalar: T.Type, options: ConvolutionOptions = .init(),
    inputIsFinite: Bool = true, kernelsPrepared: Bool = false
) -> PathChoice {
    var choice = PathChooser.choose(geometry, scalarSize: MemoryLayout<T>.size, options: options,
                                    inputIsFinite: inputIsFinite, kernelsPrepared: kernelsPrepared)
    choice.directForm = DirectPath.form(geometry, scalarSize: MemoryLayout<T>.size, threads: options.threads,
                                        workspaceBudget: options.workspaceBudget, weightsPrepared: kernelsPrepared).name
    choice.gemmShare = GEMMSplit(geometry, scalarSize: MemoryLayout<T>.size, threads: options.threads,
                                 workspaceBudget: options.workspaceBudget).name
    return choice
}

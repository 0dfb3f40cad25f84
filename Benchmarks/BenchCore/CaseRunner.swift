import Convolve
import Foundation

/// What one path did on one case.
public struct PathResult: Sendable, Codable {
    public let path: String
    /// nil when the path was skipped (`skipReason` says why) or only checked.
    public var timing: Timing?
    public var skipReason: String?
    /// `max |y − reference|` and the bound it must stay within (the path's bound plus the
    /// reference's own).
    public var maxError: Double?
    public var bound: Double?
    /// Peak resident memory while this path ran, above what was resident just before it
    /// (pooled scratch released first): the path's own workspace, output and plans, bytes.
    public var peakBytes: Int?
    public var agrees: Bool { maxError.map { $0 <= bound! } ?? true }
    /// True when the path cannot compute this case at all (Winograd on a 5×5 kernel).
    public var cannotRun: Bool { skipReason?.hasPrefix(PathResult.cannotRunPrefix) ?? false }
    static let cannotRunPrefix = "cannot run: "
}

/// Everything measured on one case.
public struct CaseResult: Sendable, Codable {
    public let label: String
    public let group: String
    public let kernelSize: Int
    public let dtype: String
    public let multiplyAdds: Int
    public var paths: [PathResult]
    /// The chooser's estimate for each path, seconds.
    public let estimates: [String: Double]
    public let autoPick: String
    /// The float64 method the reference came from (`reference`, or `fft` for large cases).
    public let referenceMethod: String
    /// FFTW's own r2c + c2r at the FFT path's transform size (of one tile when tiled),
    /// as many pairs as the FFT path cannot avoid (``fftFloorPairs``), run back to back
    /// (``FloorLoop``), and the time to plan one pair.
    public let fftExtent: [Int]
    /// Overlap-save tiles per axis (all 1 when untiled).
    public let fftTiles: [Int]
    public var fftFloor: Timing?
    /// `tiles · (N·C·S + N·O) / 2`: per tile one forward transform per input channel and
    /// stride phase `S`, one inverse per output channel, kernel transforms not counted (a
    /// prepared layer has them already); divided by the FFT path's worker threads. 1 for
    /// an untiled single-channel signal.
    public var fftFloorPairs: Double?
    public var planningSeconds: Double?
    /// The FFT path with the kernel prepared (``ConvolutionPlan``: spectra and measured
    /// plans made beforehand), and the floor with the same measured plans: the ratio of
    /// the two is what the path adds to FFTW's own transforms.
    public var preparedFFT: Timing?
    public var measuredFloor: Timing?
    /// Seconds to build the prepared value (measuring the plans dominates).
    public var preparedPlanningSeconds: Double?
    /// The path ``Method/autotune`` settled on (`--autotune`), and seconds its first
    /// (tuning) call took.
    public var autotunePick: String?
    public var autotuneSeconds: Double?

    /// t(autotune's pick) / t(best), from medians.
    public var autotuneRegret: Double? {
        guard let pick = autotunePick, let best = best?.timing?.median, let picked = median(pick) else { return nil }
        return picked / best
    }
    /// Peers timed in the same run (`--peers`), in rounds alternating with ours
    /// (``pickAlongsidePeers``); their samples merged over the rounds.
    public var peers: [PeerResult] = []
    /// auto's pick timed again in those rounds, each just before the peers' turn: a slow
    /// stretch of a shared machine then falls on both sides of the ratio.
    public var pickAlongsidePeers: Timing? = nil
    /// `auto` at two thread counts in alternating rounds (`--speedup`).
    public var threadTimes: ThreadTimes? = nil
    /// On a layer: a ``ConvolutionLayer`` with `auto`, its weights (and a bias, as the
    /// onnxruntime peer has) prepared before the rounds, timed in the rounds with the peers,
    /// and the path it runs. onnxruntime's session holds its weights prepacked too, so this
    /// is the like-for-like time; ``pickAlongsidePeers`` is the one-shot `conv2d`'s.
    public var preparedLayer: Timing? = nil
    public var preparedLayerPick: String? = nil
    /// Seconds to build that layer and make its first call (its kernels transformed for
    /// the path it runs: Winograd tiles, FFT spectra with measured plans).
    public var preparedLayerSeconds: Double? = nil

    public func median(_ path: String) -> Double? { paths.first { $0.path == path }?.timing?.median }

    public var best: PathResult? {
        paths.filter { $0.timing != nil }.min { $0.timing!.median < $1.timing!.median }
    }
    /// t(auto's pick) / t(best), from medians.
    public var regret: Double? {
        guard let best = best?.timing?.median, let picked = median(autoPick) else { return nil }
        return picked / best
    }
    /// The fastest peer's median over ours with auto's pick (timed alongside the peers where
    /// it was): above 1 means we are faster.
    public var bestPeerRatio: Double? {
        guard let ours = pickAlongsidePeers?.median ?? median(autoPick),
              let peer = peers.compactMap({ $0.median }).min() else { return nil }
        return peer / ours
    }
    /// The fastest peer's median over the prepared layer's (``preparedLayer``).
    public var preparedLayerPeerRatio: Double? {
        guard let ours = preparedLayer?.median, let peer = peers.compactMap({ $0.median }).min() else { return nil }
        return peer / ours
    }
    /// The same from the fastest calls on both sides.
    public var preparedLayerPeerRatioOfMinima: Double? {
        guard let ours = preparedLayer?.minimum, let peer = peers.compactMap({ $0.minimum }).min() else { return nil }
        return peer / ours
    }
    /// The same from the fastest calls on both sides.
    public var bestPeerRatioOfMinima: Double? {
        guard let ours = pickAlongsidePeers?.minimum ?? paths.first(where: { $0.path == autoPick })?.timing?.minimum,
              let peer = peers.compactMap({ $0.minimum }).min() else { return nil }
        return peer / ours
    }
}

/// `auto` timed at two thread counts in the same rounds, with the path it picks at each.
public struct ThreadTimes: Sendable, Codable {
    public let threads: [Int]
    public let timings: [Timing]
    public let picks: [String]
    /// t(first thread count) / t(second), from medians.
    public var speedup: Double { timings[0].median / timings[1].median }
    /// The same from the fastest calls.
    public var speedupOfMinima: Double { timings[0].minimum / timings[1].minimum }
}

/// Runs cases: every path timed (or only checked) against a float64 reference.
public struct CaseRunner {
    /// Rounds of every interleaved comparison (ours against the peers, one thread against
    /// several, the prepared FFT against its floor).
    public static let rounds = 3

    /// Timed calls per side and round for `repeats`: a third of them, at least 2.
    public static func callsPerRound(repeats: Int) -> Int { max(2, (repeats + rounds - 1) / rounds) }

    public var repeats: Int
    public var threads: Int
    /// Paths whose estimated time exceeds this many seconds are skipped, and shown as such.
    public var skipAboveSeconds: Double
    /// Seconds of timed runs per path, at most (at least one run always happens).
    public var timeBudget: Double
    /// Only check agreement; no timing, no floor.
    public var checkOnly: Bool
    /// Also let ``Method/autotune`` tune each case (after the paths were timed) and record its pick.
    public var autotune = false
    /// Adds `factor × bound` to one path's measured error, to prove the check can fail.
    public var plantedError: (path: Path, factor: Double)?
    /// Reference multiply-adds above which the float64 reference uses FFT instead of the
    /// (much slower) compensated direct sum.
    public var exactReferenceLimit = 300_000_000

    public init(repeats: Int = 5, threads: Int = 1, skipAboveSeconds: Double = 2, timeBudget: Double = 1.5,
                checkOnly: Bool = false, plantedError: (path: Path, factor: Double)? = nil) {
        self.repeats = repeats
        self.threads = threads
        self.skipAboveSeconds = skipAboveSeconds
        self.timeBudget = timeBudget
        self.checkOnly = checkOnly
        self.plantedError = plantedError
    }

    public func run<T: ConvolveScalar>(_ workload: Workload, _: T.Type,
                                       progress: (String) -> Void = { _ in }) throws -> CaseResult {
        let geometry = workload.geometry
        let options = ConvolutionOptions(threads: threads)
        let (x, k) = try workload.data(T.self)
        let (xd, kd) = (x.elements.map(Double.init), k.elements.map(Double.init))
        let exact = geometry.multiplyAdds <= exactReferenceLimit
        let referenceMethod: Method = exact ? .reference : .fft
        let reference = try compute(geometry, input: Tensor<Double>(shape: x.shape, elements: xd),
                                    kernel: Tensor<Double>(shape: k.shape, elements: kd), method: referenceMethod)
        let referenceBound = exact ? 0 : ErrorBound.maximumError(.fft, geometry, input: xd, kernel: kd)
        let choice = explain(geometry, scalar: T.self, options: options)

        var results: [PathResult] = []
        for path in Path.allCases {
            progress(path.rawValue)
            let estimate = choice.estimates[path] ?? .infinity
            var result = PathResult(path: path.rawValue)
            if let why = choice.excluded[path] {
                result.skipReason = PathResult.cannotRunPrefix + why
                results.append(result)
                continue
            }
            if estimate > skipAboveSeconds {
                result.skipReason = String(format: "estimated %.1f s > %.1f s", estimate, skipAboveSeconds)
                results.append(result)
                continue
            }
            let method = Method(rawValue: path.rawValue)!
            releaseCachedWorkspaces()
            PeakMemory.reset()
            let baseline = PeakMemory.resident()
            var output = try compute(geometry, input: x, kernel: k, method: method, options: options)  // warm-up
            if !checkOnly {
                result.timing = try Stopwatch.measure(warmup: 0, repeats: repeats, budget: timeBudget) {
                    output = try compute(geometry, input: x, kernel: k, method: method, options: options)
                }
                if let peak = PeakMemory.bytes(), let baseline { result.peakBytes = max(0, peak - baseline) }
            }
            var error = zip(output.elements, reference.elements).reduce(0.0) { max($0, abs(Double($1.0) - $1.1)) }
            let bound = ErrorBound.maximumError(path, geometry, input: x.elements, kernel: k.elements) + referenceBound
            if let planted = plantedError, planted.path == path { error += planted.factor * bound }
            result.maxError = error
            result.bound = bound
            results.append(result)
        }

        let fftPlan = geometry.fftPlan(T.self, options: options)
        let extent = fftPlan.extent
        var result = CaseResult(label: workload.label, group: workload.group, kernelSize: workload.kernelSize,
                                dtype: T.dtypeName, multiplyAdds: geometry.multiplyAdds, paths: results,
                                estimates: Dictionary(uniqueKeysWithValues: choice.estimates.map { ($0.key.rawValue, $0.value) }),
                                autoPick: choice.path.rawValue, referenceMethod: referenceMethod.rawValue,
                                fftExtent: extent, fftTiles: fftPlan.tiles)
        if autotune && !checkOnly {
            progress("autotune")
            Autotuner.shared.removeAll()
            result.autotuneSeconds = try Stopwatch.seconds {
                _ = try compute(geometry, input: x, kernel: k, method: .autotune, options: options)
            }
            result.autotunePick = Autotuner.shared.winner(geometry, scalarSize: MemoryLayout<T>.size,
                                                          threads: threads)?.rawValue
        }
        if !checkOnly {
            progress("FFTW floor")
            FFTPlanCache.shared.removeAll()
            var pair: TransformPair<T>?
            // Threaded as the FFT path threads: FFTW's threads, or its own workers sharing the
            // pairs; one pair per input and output channel per tile.
            result.planningSeconds = try Stopwatch.seconds {
                pair = try TransformPair<T>(extents: extent, threads: fftPlan.fftwThreads)
            }
            let pairs = Double(fftPlan.tiles.reduce(1, *)) * Double(geometry.batch * (geometry.inputChannels
                * geometry.stride.reduce(1, *) + geometry.outputChannels)) / 2 / Double(fftPlan.workers)
            result.fftFloor = FloorLoop(pairs: pairs).measure(repeats: repeats, budget: timeBudget) { pair!.run() }
            result.fftFloorPairs = pairs
            if result.median("fft") != nil {
                progress("fft prepared")
                try timePrepared(&result, workload, x: x, k: k, pairs: pairs, extent: extent,
                                 fftwThreads: fftPlan.fftwThreads)
            }
        }
        return result
    }
}

extension CaseRunner {
    /// Up to `repeats` timed calls of `workload` on `path` (after `warmup` untimed ones; none
    /// by default: it ran before), within the time budget.
    public func timePath<T: ConvolveScalar>(_ workload: Workload, _: T.Type, path: String, repeats: Int,
                                            warmup: Int = 0, warmupSeconds: Double = 0) throws -> Timing {
        let (x, k) = try workload.data(T.self)
        let method = Method(rawValue: path)!, options = ConvolutionOptions(threads: threads)
        return try Stopwatch.measure(warmup: warmup, warmupSeconds: warmupSeconds, repeats: repeats,
                                     budget: timeBudget / 3) {
            _ = try compute(workload.geometry, input: x, kernel: k, method: method, options: options)
        }
    }

    /// A layer workload (more than one channel, zero padding, correlation: what the
    /// onnxruntime peer runs) as a prepared ``ConvolutionLayer`` with `auto` and a seeded
    /// bias, called once (so its Winograd tiles or FFT spectra are made), with the path it
    /// runs; nil for other workloads.
    func preparedLayer<T: ConvolveScalar>(_ workload: Workload, _: T.Type) throws -> PreparedLayer<T>? {
        let g = workload.geometry
        guard !(g.batch == 1 && g.inputChannels == 1 && g.outputChannels == 1),
              g.boundary == .zero, g.semantics == .correlation else { return nil }
        let (x, k) = try workload.data(T.self)
        var random = SeededRandom(seed: 2)
        let bias = try Tensor(shape: [g.outputChannels], elements: (0..<g.outputChannels).map { _ in T(random.unit()) })
        var made: ConvolutionLayer<T>?
        let seconds = try Stopwatch.seconds {
            made = try ConvolutionLayer(weight: k, bias: bias, stride: g.stride,
                                        padding: .explicit(before: g.padBefore, after: g.padAfter),
                                        dilation: g.dilation, groups: g.groups,
                                        options: ConvolutionOptions(threads: threads))
            _ = try made!(x)
        }
        let layer = made!
        return PreparedLayer(layer: layer, input: x, pick: try layer.explain(inputShape: x.shape).path.rawValue,
                             seconds: seconds)
    }

    /// `layer(input)` timed `repeats` times after `warmup` untimed calls.
    func time<T: ConvolveScalar>(_ prepared: PreparedLayer<T>, repeats: Int, warmup: Int,
                                 warmupSeconds: Double = 0) throws -> Timing {
        try Stopwatch.measure(warmup: warmup, warmupSeconds: warmupSeconds, repeats: repeats, budget: timeBudget / 3) {
            _ = try prepared.layer(prepared.input)
        }
    }

    /// Forgets measured FFT plans and FFTW's wisdom, so later one-shot timings plan with
    /// `FFTW_ESTIMATE` as a one-shot call does.
    func forgetMeasuredPlans() {
        FFTPlanCache.shared.removeAll()
        FFTWisdom.forget()
    }

    /// Times the FFT path with the kernel prepared and the plans measured, and FFTW's own
    /// pair with the same plans, in alternating rounds; then forgets the measured plans and
    /// FFTW's wisdom, so that later cases' one-shot timings use estimated plans as a one-shot
    /// call does.
    func timePrepared<T: ConvolveScalar>(_ result: inout CaseResult, _ workload: Workload, x: Tensor<T>,
                                         k: Tensor<T>, pairs: Double, extent: [Int], fftwThreads: Int) throws {
        defer { forgetMeasuredPlans() }
        let options = ConvolutionOptions(threads: threads, fftPlanning: .measure)
        var plan: ConvolutionPlan<T>?
        result.preparedPlanningSeconds = try Stopwatch.seconds {
            plan = try ConvolutionPlan(workload.geometry, kernel: k, method: .fft, options: options)
        }
        let pair = try TransformPair<T>(extents: extent, threads: fftwThreads, planning: .measure)
        // Three rounds, prepared then floor, so a slow stretch of the machine falls on both.
        var (prepared, floor): ([Double], [Double]) = ([], [])
        let perRound = Self.callsPerRound(repeats: repeats)
        for round in 0..<Self.rounds {
            prepared += try Stopwatch.measure(warmup: round == 0 ? 1 : 0, repeats: perRound, budget: timeBudget / 3) {
                _ = try plan!(x)
            }.samples
            floor += FloorLoop(pairs: pairs).measure(warmup: round == 0 ? 1 : 0, repeats: perRound,
                                                     budget: timeBudget / 3) { pair.run() }.samples
        }
        result.preparedFFT = Timing(samples: prepared)
        result.measuredFloor = Timing(samples: floor)
    }
}

extension PathResult {
    init(path: String) { self.init(path: path, timing: nil, skipReason: nil, maxError: nil, bound: nil, peakBytes: nil) }
}

/// A prepared layer the bench times, its input, and the path `auto` runs in it.
struct PreparedLayer<T: ConvolveScalar> {
    let layer: ConvolutionLayer<T>
    let input: Tensor<T>
    let pick: String
    /// Seconds the layer took to build and make its first call.
    let seconds: Double
}

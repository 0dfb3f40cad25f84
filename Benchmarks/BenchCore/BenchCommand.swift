import ArgumentParser
import Convolve
import Foundation

/// `swift run -c release bench`: times every path on the default workload (2-D, 1-D and
/// 3-D 'same' sweeps over kernel size, and CNN layers), checks each against a float64 reference within
/// its documented error bound, reports FFTW's own transforms as the FFT path's floor, and
/// writes a table, JSON, CSV, SVG charts and an index.html.
public struct BenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the direct, GEMM and FFT paths, check that they agree, and chart the results.")

    @Option(help: "Comma-separated workloads of the default run: 2d, 1d, 3d, layers.")
    var workloads = "2d,1d,3d,layers"

    @Option(help: "Side length (2d, 3d) or length (1d) for the chosen sweeps; default per workload.")
    var size: Int?

    @Option(help: "Comma-separated kernel side lengths for the chosen sweeps; default per workload.")
    var kernels: String?

    @Option(help: "float32 or float64.")
    var dtype = "float32"

    @Option(help: "Threads for FFTW and OpenBLAS.")
    var threads = 1

    @Option(help: "Timed repeats per path (after one warm-up), within about 1.5 s per path.")
    var repeats = 5

    @Option(help: "Folder for results.json, results.csv, the SVG charts and index.html.")
    var output = "bench-results"

    @Option(help: "Other case sets: crossovers (the cost model against measurements), networks (layers of common networks, against onnxruntime with --peers), match (ZNCC template matching), blur (Gaussian blurs: separable passes against 2-D paths and OpenCV).")
    var suite: Suite?

    @Flag(help: "Agreement only: seeded random geometries and the default grid at smaller sizes; exit 1 on any disagreement.")
    var check = false

    @Flag(help: "With --check: fewer and smaller cases (CI).")
    var quick = false

    @Flag(help: "With --check: add 10× the bound to the FFT path's error, which must make the check fail.")
    var plantError = false

    @Flag(help: "Also time scipy.signal, OpenCV and onnxruntime on the same cases, interleaved (needs python3).")
    var peers = false

    @Flag(help: "Also let method autotune time the candidate paths of each case and report its pick and regret.")
    var autotune = false

    @Option(help: "Also time method auto on each case at --threads and at N threads, in alternating rounds, and report the speed-up (both sides in the same minutes of a shared machine).")
    var speedup: Int?

    @Option(help: "Time every path on the crossover cases, fit the cost model's constants to the times, and write the profile to PATH (load it with CostModel.load(from:) and CostModel.use).")
    var calibrate: String?

    @Option(help: "Use the cost profile at PATH (written by --calibrate) instead of the built-in constants.")
    var costProfile: String?

    @Flag(help: "Print results as JSON on stdout instead of the table.")
    var json = false

    @Option(help: "Instead of convolutions, time FFTW's r2c + c2r for every 13-smooth length in LO-HI, on RANK axes (LO-HI or LO-HI:RANK).")
    var transformSizes: String?

    @Option(help: "Re-draw the charts, CSV and index.html in FOLDER from its results.json, without timing anything.")
    var replot: String?

    public init() {}

    public mutating func validate() throws {
        guard repeats >= 1, threads >= 1, (size ?? 1) >= 1, (speedup ?? 1) >= 1 else {
            throw ValidationError("--repeats, --threads, --size and --speedup must be at least 1")
        }
        guard ["float32", "float64"].contains(dtype) else { throw ValidationError("--dtype is float32 or float64") }
        _ = try parsedWorkloads()
        _ = try parsedKernels()
    }

    func parsedWorkloads() throws -> [DefaultWorkload] {
        try workloads.split(separator: ",").map {
            guard let w = DefaultWorkload(rawValue: $0.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown workload '\($0)'; choose from 2d, 1d, 3d, layers")
            }
            return w
        }
    }

    func parsedKernels() throws -> [Int]? {
        guard let kernels else { return nil }
        let sizes = kernels.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--kernels needs positive integers, e.g. 3,7,15")
        }
        return sizes.map { $0! }
    }

    public func run() throws {
        if let costProfile { CostModel.use(try CostModel.load(from: costProfile)) }
        if let spec = transformSizes { return try runTransformSizes(spec) }
        if let calibrate { return try runCalibration(to: calibrate) }
        if let folder = replot {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("results.json"))
            let results = try JSONDecoder().decode([CaseResult].self, from: data)
            try ResultsFolder.write(results, to: folder)
            print("re-drew \(ResultsFolder.chartCount(results)) charts in \(folder)")
            return
        }
        if suite == .match && !check { return try runMatch() }
        if suite == .blur && !check { return try runBlur() }
        let cases: [Workload]
        if check {
            cases = try CheckRun.workloads(quick: quick)
        } else if suite == .crossovers {
            cases = try Suite.crossoverWorkloads()
        } else if suite == .networks {
            cases = try Suite.networkWorkloads()
        } else {
            cases = try parsedWorkloads().flatMap { try $0.workloads(size: size, kernels: try parsedKernels()) }
        }
        var runner = CaseRunner(repeats: repeats, threads: threads, checkOnly: check,
                                plantedError: plantError ? (.fft, 10) : nil)
        if check { runner.skipAboveSeconds = 5 }
        runner.autotune = autotune
        var peerRunner = peers && !check ? PeerRunner(threads: threads, repeats: repeats) : nil
        let bar = ProgressBar(total: cases.count)
        var results: [CaseResult] = []
        for (i, workload) in cases.enumerated() {
            let types: [any ConvolveScalar.Type] = check ? [Float.self, Double.self]
                : [dtype == "float64" ? Double.self : Float.self]
            for type in types {
                var result = try runCase(runner, workload, type) { bar.show(i, "\(workload.label) · \($0)") }
                if let speedup, !check {
                    bar.show(i, "\(workload.label) · auto at \(threads) and \(speedup) threads")
                    try timeThreads(&result, runner, workload, type, threads: speedup)
                }
                if peerRunner != nil {
                    try timeAlongsidePeers(&result, runner, workload, type, peers: &peerRunner!) {
                        bar.show(i, "\(workload.label) · \($0)")
                    }
                }
                results.append(result)
            }
        }
        bar.finish()
        try report(results)
    }

    /// Three rounds: auto's pick (about `repeats / 3` calls), on a layer also the prepared
    /// layer (``CaseRunner/preparedLayer(_:_:)``), then every peer; each side's samples
    /// merged over the rounds, so drift of a shared machine falls on both. Every side's
    /// turn starts with untimed calls for at least ``Stopwatch/turnWarmupSeconds`` (one
    /// call at least), as `peers.py`'s does, so no side's first calls pay for the caches
    /// the other side's turn emptied or for the processor's ramp back into this work.
    private func timeAlongsidePeers<T: ConvolveScalar>(
        _ result: inout CaseResult, _ runner: CaseRunner, _ workload: Workload, _: T.Type,
        peers: inout PeerRunner, progress: (String) -> Void
    ) throws {
        let rounds = CaseRunner.rounds, perRound = CaseRunner.callsPerRound(repeats: repeats)
        var ours: [Double] = [], layerCalls: [Double] = [], theirs = PeerRounds()
        let layer = result.median(result.autoPick) != nil ? try runner.preparedLayer(workload, T.self) : nil
        defer { if layer != nil { runner.forgetMeasuredPlans() } }
        for round in 0..<rounds {
            progress("round \(round + 1) of \(rounds) with peers")
            if result.median(result.autoPick) != nil {
                ours += try runner.timePath(workload, T.self, path: result.autoPick, repeats: perRound,
                                            warmup: 1, warmupSeconds: Stopwatch.turnWarmupSeconds).samples
            }
            if let layer {
                layerCalls += try runner.time(layer, repeats: perRound, warmup: 1,
                                              warmupSeconds: Stopwatch.turnWarmupSeconds).samples
            }
            theirs.add(peers.time(workload, dtype: result.dtype, repeats: perRound))
        }
        if !ours.isEmpty { result.pickAlongsidePeers = Timing(samples: ours) }
        if let layer {
            result.preparedLayer = Timing(samples: layerCalls)
            result.preparedLayerPick = layer.pick
            result.preparedLayerSeconds = layer.seconds
        }
        result.peers = theirs.results
    }

    /// `auto` at the run's threads and at `threads`, in three alternating rounds, each turn
    /// starting with untimed calls for ``Stopwatch/turnWarmupSeconds``: a core left idle
    /// through the other side's turn runs its first calls slower, and with one untimed call
    /// in the first round only, the second thread's core came to every later turn cold
    /// (2-D 1024² ∗ 31² and 127² read 1.54× alternating where separate runs at one and two
    /// threads read 1.77–2.2×).
    private func timeThreads<T: ConvolveScalar>(
        _ result: inout CaseResult, _ runner: CaseRunner, _ workload: Workload, _: T.Type, threads: Int
    ) throws {
        var many = runner
        many.threads = threads
        let rounds = CaseRunner.rounds, perRound = CaseRunner.callsPerRound(repeats: repeats)
        var (one, more): ([Double], [Double]) = ([], [])
        for _ in 0..<rounds {
            one += try runner.timePath(workload, T.self, path: Method.auto.rawValue, repeats: perRound,
                                       warmup: 1, warmupSeconds: Stopwatch.turnWarmupSeconds).samples
            more += try many.timePath(workload, T.self, path: Method.auto.rawValue, repeats: perRound,
                                      warmup: 1, warmupSeconds: Stopwatch.turnWarmupSeconds).samples
        }
        let size = MemoryLayout<T>.size
        result.threadTimes = ThreadTimes(
            threads: [self.threads, threads], timings: [Timing(samples: one), Timing(samples: more)],
            picks: [runner.threads, threads].map {
                PathChooser.choose(workload.geometry, scalarSize: size, options: ConvolutionOptions(threads: $0)).path.rawValue
            })
    }

    private func runCase<T: ConvolveScalar>(_ runner: CaseRunner, _ workload: Workload, _: T.Type,
                                            progress: (String) -> Void) throws -> CaseResult {
        try runner.run(workload, T.self, progress: progress)
    }

    private func report(_ results: [CaseResult]) throws {
        let problems = Report.disagreements(results)
        if json {
            print(try Report.json(results))
        } else if check {
            print("checked \(results.count) cases, every path that can run each, against the float64 reference")
        } else {
            print("vector kernels: \(vectorKernelInstructions); OpenBLAS kernels: \(blasCoreName); cost constants: \(costProfile == nil ? "measured on \(ProcessorFamily.detected.rawValue)" : costProfile!)")
            print(suite == .crossovers ? Report.estimates(results) : Report.table(results))
            if results.contains(where: { $0.threadTimes != nil }) {
                print()
                print(Report.threads(results))
            }
            if results.contains(where: { $0.preparedLayer != nil }) {
                print()
                print(Report.layers(results))
            }
            print()
            print(TerminalChart.render(results))
        }
        if !check {
            let folder = try ResultsFolder.write(results, to: output)
            if !json { print("wrote \(folder)/results.json, results.csv, \(ResultsFolder.chartCount(results)) SVG charts and index.html") }
        }
        problems.forEach { print($0) }
        if !json {
            print(problems.isEmpty ? "All paths agree within their documented error bounds."
                                   : "\(problems.count) disagreement(s).")
        }
        if check {
            let checked = results.flatMap(\.paths).filter { $0.maxError != nil }.count
            print("check: \(checked - problems.count) passed, \(problems.count) failed")
        }
        if !problems.isEmpty && check { throw ExitCode(1) }
    }

    private func runMatch() throws {
        var suite = MatchSuite()
        suite.repeats = repeats
        suite.threads = threads
        if let size { suite.imageSize = size }
        if let kernels = try parsedKernels() { suite.templates = kernels }
        try runTable(steps: suite.templates.count, file: "match.json", table: MatchSuite.table) { peers, progress in
            try suite.run(peers: &peers, progress: progress)
        }
    }

    private func runBlur() throws {
        var suite = BlurSuite()
        suite.repeats = repeats
        suite.threads = threads
        if let size { suite.imageSize = size }
        try runTable(steps: suite.sigmas.count, file: "blur.json", table: BlurSuite.table) { peers, progress in
            try suite.run(peers: &peers, progress: progress)
        }
    }

    /// Runs a suite that reports one table (ours, then the peers per step), prints it (or
    /// its JSON) and writes `file` into the output folder.
    private func runTable<Row: Encodable>(
        steps: Int, file: String, table: ([Row]) -> String,
        _ run: (inout PeerRunner?, (String) -> Void) throws -> [Row]
    ) throws {
        var peerRunner = peers ? PeerRunner(threads: threads, repeats: repeats) : nil
        let bar = ProgressBar(total: steps)
        var step = 0
        let rows = try run(&peerRunner) { label in
            bar.show(min(step / 2, steps - 1), label)
            step += 1
        }
        bar.finish()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        } else {
            print(table(rows))
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try JSONEncoder().encode(rows).write(to: URL(fileURLWithPath: output).appendingPathComponent(file))
    }

    private func runCalibration(to path: String) throws {
        let cases = try Suite.crossoverWorkloads()
        let runner = CaseRunner(repeats: repeats, threads: threads)
        let bar = ProgressBar(total: cases.count)
        var results: [CaseResult] = []
        for (i, workload) in cases.enumerated() {
            results.append(try runner.run(workload, Float.self) { bar.show(i, "\(workload.label) · \($0)") })
        }
        bar.finish()
        let calibration = Calibration(cases: cases, results: results, threads: threads)
        let fitted = calibration.fit(CostModel.current)
        try fitted.save(to: path)
        print(calibration.report(before: CostModel.current, after: fitted))
        print("wrote the cost profile \(path); load it with CostModel.use(try CostModel.load(from: \"\(path)\")) or bench --cost-profile \(path)")
    }

    private func runTransformSizes(_ spec: String) throws {
        let parts = spec.split(separator: ":")
        let bounds = parts[0].split(separator: "-").compactMap { Int($0) }
        let rank = parts.count > 1 ? Int(parts[1]) ?? 0 : 1
        guard bounds.count == 2, bounds[0] >= 1, bounds[0] <= bounds[1], (1...3).contains(rank) else {
            throw ValidationError("--transform-sizes takes LO-HI or LO-HI:RANK, e.g. 1020-1120:2")
        }
        print(TransformSizes.table(try TransformSizes.sweep(bounds[0]...bounds[1], rank: rank, repeats: repeats)))
    }
}

extension Suite: ExpressibleByArgument {}

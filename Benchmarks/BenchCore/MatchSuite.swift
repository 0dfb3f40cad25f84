import Convolve
import Foundation

/// `bench --suite match`: ZNCC template matching of a seeded image against square
/// templates cut from it, timed with `auto` and with the correlation forced to direct and
/// to FFT, checked against the float64 result, and (with `--peers`) against
/// `cv2.matchTemplate(TM_CCOEFF_NORMED)` in the same run. With peers, `auto` and cv2 are
/// timed in alternating rounds (``rounds``), so a stretch of a noisy machine falls on
/// both rather than on one; the medians and minima are over all rounds' calls.
public struct MatchSuite {
    public struct Row: Codable, Sendable {
        public let image: Int
        public let template: Int
        /// Median seconds: auto (with the path it took), direct, fft.
        public let auto: Double
        /// auto's fastest call.
        public var autoMinimum: Double? = nil
        public let autoPath: String
        public let direct: Double?
        public let fft: Double
        /// Median seconds of auto with FFTW's measured plans (`fftPlanning: .measure`, made
        /// in the warm-up run): what a caller with loaded wisdom, or a long-running service, sees.
        public let measured: Double
        /// `max |zncc_float32 − zncc_float64|` over the map (auto).
        public let maxError: Double
        public var peers: [PeerResult] = []
    }

    public var imageSize = 1024
    public var templates = [16, 32, 64, 128]
    public var repeats = 5
    public var threads = 1
    /// Alternating rounds of auto and cv2 with `--peers`, each of about `repeats / rounds`
    /// calls (at least 3).
    public var rounds = 3

    public init() {}

    public func run(peers: inout PeerRunner?, progress: (String) -> Void = { _ in }) throws -> [Row] {
        let n = imageSize
        let (values, image, imageD) = try SeededRandom.image(n, seed: 11)
        let options = ConvolutionOptions(threads: threads)
        var rows: [Row] = []
        for t in templates where t <= n {
            progress("template \(t)×\(t)")
            // The template is the patch at (n/3, n/2), so the best score is 1 there.
            let (y0, x0) = (n / 3, n / 2 - t)
            let patch = (0..<(t * t)).map { values[(y0 + $0 / t) * n + x0 + $0 % t] }
            let template = try Tensor<Float>(shape: [t, t], elements: patch.map { Float($0) })
            let templateD = try Tensor<Double>(shape: [t, t], elements: patch)
            func time(_ path: Method, planning: FFTPlanning? = nil) throws -> Double {
                var options = options
                options.fftPlanning = planning
                return try Stopwatch.measure(repeats: repeats, budget: 1.5) {
                    _ = try matchTemplate(image, template, method: .zncc, path: path, options: options)
                }.median
            }
            let scores = try matchTemplate(image, template, method: .zncc, options: options)
            let exact = try matchTemplate(imageD, templateD, method: .zncc, path: .fft)
            let error = zip(scores.elements, exact.elements).reduce(0.0) { max($0, abs(Double($1.0) - $1.1)) }
            let geometry = try ConvolutionGeometry.signal(inputShape: [n, n], kernelShape: [t, t], mode: .valid,
                                                          semantics: .correlation)
            let autoPath = explain(geometry, scalar: Float.self, options: options).path.rawValue
            let direct: Double? = explain(geometry, scalar: Float.self, options: options).estimates[.direct]! > 2
                ? nil : try time(.direct)
            // auto, alone or in rounds alternating with the peers.
            var autoSamples: [Double] = [], theirs = PeerRounds()
            if peers != nil {
                let perRound = max(3, (repeats + rounds - 1) / rounds)
                for round in 0..<rounds {
                    progress("template \(t)×\(t) · round \(round + 1) of \(rounds) with peers")
                    // Untimed calls per turn, as the peers' (peers.py) take.
                    autoSamples += try Stopwatch.measure(warmup: 1, warmupSeconds: Stopwatch.turnWarmupSeconds,
                                                         repeats: perRound, budget: 0.5) {
                        _ = try matchTemplate(image, template, method: .zncc, path: .auto, options: options)
                    }.samples
                    theirs.add(peers!.timeMatch(image: n, template: t, threads: threads, repeats: perRound))
                }
            } else {
                autoSamples = try Stopwatch.measure(repeats: repeats, budget: 1.5) {
                    _ = try matchTemplate(image, template, method: .zncc, path: .auto, options: options)
                }.samples
            }
            let autoTiming = Timing(samples: autoSamples)
            var row = Row(image: n, template: t, auto: autoTiming.median, autoPath: autoPath, direct: direct,
                          fft: try time(.fft), measured: try time(.auto, planning: .measure), maxError: error)
            row.autoMinimum = autoTiming.minimum
            row.peers = theirs.results
            rows.append(row)
        }
        return rows
    }

    public static func table(_ rows: [Row]) -> String {
        func ms(_ s: Double?) -> String { s.map { String(format: "%.2f", $0 * 1e3) } ?? "skipped" }
        var lines = ["image | template | auto ms (path) | direct ms | fft ms | auto, measured plans ms | max error vs float64 | best peer ms (peer/ours) | peer/ours, fastest calls | peer/ours, measured plans",
                     "---- | ---- | ---- | ---- | ---- | ---- | ---- | ---- | ---- | ----"]
        for r in rows {
            let best = r.peers.filter { $0.median != nil }.min { $0.median! < $1.median! }
            let peer = best.map { "\($0.name) \(ms($0.median)) (\(String(format: "%.2f", $0.median! / r.auto))×)" }
                ?? (r.peers.first?.note ?? "—")
            let fastest = best.flatMap { b in r.autoMinimum.flatMap { a in b.minimum.map { String(format: "%.2f×", $0 / a) } } }
                ?? "—"
            let measuredRatio = best.map { String(format: "%.2f×", $0.median! / r.measured) } ?? "—"
            lines.append("\(r.image)² | \(r.template)² | \(ms(r.auto)) (\(r.autoPath)) | \(ms(r.direct)) | \(ms(r.fft)) | "
                         + "\(ms(r.measured)) | " + String(format: "%.1e", r.maxError) + " | \(peer) | \(fastest) | \(measuredRatio)")
        }
        return lines.joined(separator: "\n")
    }
}

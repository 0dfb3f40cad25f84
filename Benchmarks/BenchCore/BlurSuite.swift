import Convolve
import Foundation

/// `bench --suite blur`: Gaussian blurs of a seeded image ('same' size, `reflect`
/// boundary, OpenCV's `BORDER_REFLECT_101`), `σ` from 1 to 8 with radius `3σ`
/// (`k = 6σ + 1`, 7 to 49). Times `auto` (which takes the separable route when it
/// estimates it faster), the best 2-D path forced (direct or FFT, whichever is faster
/// here), and the two 1-D passes forced; checks `auto` against the float64 result; with
/// `--peers`, `cv2.GaussianBlur` and `scipy.ndimage.gaussian_filter` in the same run.
public struct BlurSuite {
    public struct Row: Codable, Sendable {
        public let image: Int
        public let sigma: Int
        public let size: Int
        /// Median seconds of auto, and whether it took the separable route.
        public let auto: Double
        public let autoSeparable: Bool
        /// Median seconds of the faster forced 2-D path, and which.
        public let twoD: Double
        public let twoDPath: String
        /// Median seconds of the row and column passes (`filterSeparable`).
        public let passes: Double
        /// `max |blur_float32 − blur_float64|` (auto).
        public let maxError: Double
        public var peers: [PeerResult] = []
    }

    public var imageSize = 1024
    public var sigmas = [1, 2, 3, 5, 8]
    public var repeats = 5
    public var threads = 1

    public init() {}

    public func run(peers: inout PeerRunner?, progress: (String) -> Void = { _ in }) throws -> [Row] {
        let n = imageSize
        let (_, image, imageD) = try SeededRandom.image(n, seed: 12)
        let options = ConvolutionOptions(threads: threads)
        var rows: [Row] = []
        for sigma in sigmas {
            let size = 6 * sigma + 1
            guard size <= n else { continue }
            progress("σ = \(sigma) (\(size)×\(size))")
            let kernel: Tensor<Float> = try FilterKernels.gaussian(sigma: Double(sigma), size: size)
            let kernelD: Tensor<Double> = try FilterKernels.gaussian(sigma: Double(sigma), size: size)
            let factors = try SeparableKernel(kernel)
            func time(_ body: () throws -> Void) throws -> Double {
                try Stopwatch.measure(warmupSeconds: Stopwatch.turnWarmupSeconds, repeats: repeats, budget: 1.5, body).median
            }
            func blur(_ method: Method) throws -> Double {
                try time { _ = try convolve(image, kernel, mode: .same, boundary: .reflect, method: method, options: options) }
            }
            let blurred = try convolve(image, kernel, mode: .same, boundary: .reflect, options: options)
            let exact = try convolve(imageD, kernelD, mode: .same, boundary: .reflect, method: .direct)
            let error = zip(blurred.elements, exact.elements).reduce(0.0) { max($0, abs(Double($1.0) - $1.1)) }
            let separable = try explainSeparable(input: image, kernel: kernel, mode: .same, boundary: .reflect,
                                                 options: options)?.separable ?? false
            let (direct, fft) = (try blur(.direct), try blur(.fft))
            var row = Row(image: n, sigma: sigma, size: size, auto: try blur(.auto), autoSeparable: separable,
                          twoD: min(direct, fft), twoDPath: direct <= fft ? "direct" : "fft",
                          passes: try time {
                              _ = try filterSeparable(image, factors, mode: .same, boundary: .reflect,
                                                      semantics: .convolution, options: options)
                          },
                          maxError: error)
            if peers != nil {
                progress("σ = \(sigma) (\(size)×\(size)) · peers")
                row.peers = peers!.timeBlur(image: n, sigma: sigma, size: size)
            }
            rows.append(row)
        }
        return rows
    }

    public static func table(_ rows: [Row]) -> String {
        func ms(_ s: Double) -> String { String(format: "%.2f", s * 1e3) }
        var lines = ["image | σ | kernel | auto ms (route) | best 2-D path ms | two passes ms | max error vs float64 | peers ms (peer/ours)",
                     "---- | ---- | ---- | ---- | ---- | ---- | ---- | ----"]
        for r in rows {
            let peers = r.peers.map { p in
                p.median.map { "\(p.name) \(ms($0)) (\(String(format: "%.2f", $0 / r.auto))×)" } ?? "\(p.name): \(p.note ?? "—")"
            }
            lines.append("\(r.image)² | \(r.sigma) | \(r.size)² | \(ms(r.auto)) (\(r.autoSeparable ? "separable" : "2-D")) | "
                         + "\(ms(r.twoD)) (\(r.twoDPath)) | \(ms(r.passes)) | " + String(format: "%.1e", r.maxError)
                         + " | " + (peers.isEmpty ? "—" : peers.joined(separator: "; ")))
        }
        return lines.joined(separator: "\n")
    }
}

import ArgumentParser
import BenchCore
import Convolve
import Foundation

/// `swift run -c release bench`: times every path, checks each against the
/// extended-precision reference within its documented error bound, and reports FFTW's
/// own transform time as the floor for the FFT path.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the direct, GEMM and FFT paths and check that they agree.")

    @Option(help: "Which cases: \(Suite.allCases.map(\.rawValue).joined(separator: ", ")).")
    var suite: Suite = .standard

    @Option(help: "Image side length for the standard suite (the input is size × size).")
    var size = 1024

    @Option(help: "Comma-separated square kernel sizes for the standard suite.")
    var kernels = "3,7,15,31"

    @Option(help: "Timed repeats per path (after one warm-up).")
    var repeats = 5

    @Option(help: "Threads for FFTW and OpenBLAS.")
    var threads = 1

    @Flag(help: "Exit non-zero if any path disagrees with the reference beyond its bound.")
    var check = false

    @Option(help: "Instead of convolutions, time FFTW's r2c + c2r for every 13-smooth length in LO-HI, on RANK axes (LO-HI or LO-HI:RANK).")
    var transformSizes: String?

    mutating func run() throws {
        if let spec = transformSizes {
            let parts = spec.split(separator: ":")
            let bounds = parts[0].split(separator: "-").compactMap { Int($0) }
            let rank = parts.count > 1 ? Int(parts[1]) ?? 0 : 1
            guard bounds.count == 2, bounds[0] >= 1, bounds[0] <= bounds[1], (1...3).contains(rank) else {
                throw ValidationError("--transform-sizes takes LO-HI or LO-HI:RANK, e.g. 1020-1120:2")
            }
            print(TransformSizes.table(try TransformSizes.sweep(bounds[0]...bounds[1], rank: rank, repeats: repeats)))
            return
        }
        let sizes = kernels.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--kernels needs positive integers, e.g. 3,7,15")
        }
        guard size >= 1, repeats >= 1, threads >= 1 else {
            throw ValidationError("--size, --repeats and --threads must be at least 1")
        }
        let workloads = try suite.workloads(size: size, kernels: sizes)
        let runner = CaseRunner(repeats: repeats, threads: threads)
        var results: [CaseResult] = []
        for (i, workload) in workloads.enumerated() {
            FileHandle.standardError.write("[\(i + 1)/\(workloads.count)] \(workload.label)\n".data(using: .utf8)!)
            results.append(try runner.run(workload))
        }
        print(suite == .crossovers ? Report.estimates(results) : Report.table(results))
        let problems = Report.disagreements(results)
        problems.forEach { print($0) }
        print(problems.isEmpty ? "All paths agree within their documented error bounds."
                               : "\(problems.count) disagreement(s).")
        if check && !problems.isEmpty { throw ExitCode(1) }
    }
}

extension Suite: ExpressibleByArgument {}

Bench.main()

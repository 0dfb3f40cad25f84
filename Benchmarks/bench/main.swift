import ArgumentParser
import BenchCore
import Convolve
import Foundation

/// `swift run -c release bench`: times every path on 2-D 'same' float32 convolutions,
/// checks each against the extended-precision reference within its error bound, and
/// reports FFTW's own transform time as the floor for the FFT path.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the direct, GEMM and FFT paths and check that they agree.")

    @Option(help: "Image side length (the input is size × size).")
    var size = 1024

    @Option(help: "Comma-separated square kernel sizes.")
    var kernels = "3,7,15,31"

    @Option(help: "Timed repeats per path (after one warm-up).")
    var repeats = 5

    @Option(help: "Threads for FFTW and OpenBLAS.")
    var threads = 1

    @Flag(help: "Exit non-zero if any path disagrees with the reference beyond its bound.")
    var check = false

    mutating func run() throws {
        let sizes = kernels.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--kernels needs positive integers, e.g. 3,7,15")
        }
        let runner = CaseRunner(repeats: repeats, threads: threads)
        var results: [CaseResult] = []
        for (i, k) in sizes.enumerated() {
            let workload = SignalWorkload(inputShape: [size, size], kernelShape: [k, k], mode: .same)
            FileHandle.standardError.write("[\(i + 1)/\(sizes.count)] \(workload.label)\n".data(using: .utf8)!)
            results.append(try runner.run(workload))
        }
        print(Report.table(results))
        let problems = Report.disagreements(results)
        problems.forEach { print($0) }
        print(problems.isEmpty ? "All paths agree within their documented error bounds."
                               : "\(problems.count) disagreement(s).")
        if check && !problems.isEmpty { throw ExitCode(1) }
    }
}

Bench.main()

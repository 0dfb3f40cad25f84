import Foundation
import Synchronization

/// The opt-in alternative to the cost model (``Method/autotune``): the first call of a
/// geometry times the candidate paths on its own data and keeps the fastest; later calls
/// of that geometry (same scalar type and thread count) run the winner without timing.
/// Winners live in memory for the process and can be saved to a file and loaded back,
/// like FFTW's wisdom, so a service tunes once per machine.
///
/// Candidates are the paths that can run the geometry (FFT only on finite data) whose
/// estimate is within ``candidateFactor`` of the best estimate: the model rules out the
/// hopeless ones, the clock decides among the rest. When the best estimate is below
/// ``shortCall``, the candidates estimated below it run once to warm up (making their FFT
/// plans) and then in three rounds, one run each per round, and each one's median counts
/// (the bench, which judges the choice, reports medians too); the others, and all
/// candidates of longer calls, run once. The first call therefore costs up to about four
/// times the sum of the candidates' times; its result is the winner's.
///
/// File format: one line per winner, `path<TAB>scalar bytes<TAB>threads<TAB>geometry`,
/// after the header line `convolve-autotune 1`. Safe to use from any thread.
public final class Autotuner: Sendable {
    /// The tuner every `autotune` call uses.
    public static let shared = Autotuner()

    /// Paths estimated slower than this many times the best estimate are not timed.
    public static let candidateFactor = 4.0

    /// Calls estimated shorter than this (seconds) are timed three times per candidate.
    public static let shortCall = 0.05

    static let header = "convolve-autotune 1"

    struct Key: Hashable {
        let geometry: String
        let scalarSize: Int
        let threads: Int
    }

    private let winners = Mutex<[Key: Path]>([:])

    public init() {}

    /// How many winners are known.
    public var count: Int { winners.withLock { $0.count } }

    /// The known winner for `geometry` with scalars of `scalarSize` bytes on `threads` threads.
    public func winner(_ geometry: ConvolutionGeometry, scalarSize: Int, threads: Int) -> Path? {
        winners.withLock { $0[Key(geometry: geometry.description, scalarSize: scalarSize, threads: threads)] }
    }

    /// Forgets every winner.
    public func removeAll() { winners.withLock { $0.removeAll() } }

    /// The winner for this call: known, or found by timing the candidates on `input` and
    /// `kernel` (already validated) into scratch output that is then discarded.
    func path<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafeBufferPointer<T>, kernel: UnsafeBufferPointer<T>,
        options: ConvolutionOptions, inputIsFinite: Bool
    ) -> Path {
        let key = Key(geometry: geometry.description, scalarSize: MemoryLayout<T>.size, threads: options.threads)
        if let known = winners.withLock({ $0[key] }) { return known }
        let estimates = PathChooser.choose(geometry, scalarSize: MemoryLayout<T>.size, options: options,
                                           inputIsFinite: inputIsFinite).estimates
        let best = estimates.values.min()!
        let candidates = estimates.filter { $0.value <= best * Self.candidateFactor }.sorted { $0.value < $1.value }
        var fastest = (path: candidates[0].key, seconds: Double.infinity)
        if candidates.count > 1 {
            var output = [T](repeating: 0, count: Shape.product(geometry.outputShape))
            let prepared = candidates.map { path, _ in
                Engine.Prepared(geometry: geometry, path: path, method: Method(rawValue: path.rawValue)!, options: options)
            }
            // Short calls: a warm-up round (it makes the FFT plans), then three timed
            // rounds over all candidates in turn, so that a slow spell of a shared machine
            // does not fall on one candidate's runs only; each candidate's median counts.
            let short = best < Self.shortCall
            var times = [[Double]](repeating: [], count: candidates.count)
            output.withUnsafeMutableBufferPointer { y in
                for round in 0..<(short ? 4 : 1) {
                    for (i, (_, estimate)) in candidates.enumerated() where round == 0 || estimate < Self.shortCall {
                        let start = DispatchTime.now().uptimeNanoseconds
                        Engine.execute(prepared[i], input: input, kernel: kernel, output: y)
                        times[i].append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
                    }
                }
            }
            for (i, (path, _)) in candidates.enumerated() {
                // A candidate that ran more than once drops its warm-up run.
                let sorted = times[i].dropFirst(times[i].count > 1 ? 1 : 0).sorted()
                let median = sorted[sorted.count / 2]
                if median < fastest.seconds { fastest = (path, median) }
            }
        }
        return winners.withLock { winners in
            if let known = winners[key] { return known }
            winners[key] = fastest.path
            return fastest.path
        }
    }

    /// Writes every known winner to `path`.
    public func save(to path: String) throws(ConvolutionError) {
        let lines = winners.withLock { winners in
            winners.map { "\($0.value.rawValue)\t\($0.key.scalarSize)\t\($0.key.threads)\t\($0.key.geometry)" }.sorted()
        }
        do {
            try ([Self.header] + lines).joined(separator: "\n").appending("\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .tuningFile(path: path, reason: "could not be written: \(error.localizedDescription)")
        }
    }

    /// Adds the winners saved in `path` (a file's winner replaces a known one). Nothing is
    /// added unless every line is valid.
    public func load(from path: String) throws(ConvolutionError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .tuningFile(path: path, reason: "could not be read: \(error.localizedDescription)")
        }
        var lines = text.split(separator: "\n").map(String.init)
        guard lines.first == Self.header else {
            throw .tuningFile(path: path, reason: "is not an autotune file: it must start with '\(Self.header)'")
        }
        lines.removeFirst()
        var loaded: [Key: Path] = [:]
        for (number, line) in lines.enumerated() {
            let fields = line.split(separator: "\t", maxSplits: 3).map(String.init)
            guard fields.count == 4, let winner = Path(rawValue: fields[0]), let size = Int(fields[1]),
                  [4, 8].contains(size), let threads = Int(fields[2]), threads >= 1 else {
                throw .tuningFile(path: path, reason: "line \(number + 2) is not 'path<TAB>scalar bytes (4 or 8)<TAB>threads<TAB>geometry'")
            }
            loaded[Key(geometry: fields[3], scalarSize: size, threads: threads)] = winner
        }
        winners.withLock { $0.merge(loaded) { $1 } }
    }
}

import Convolve
import Foundation

/// Plain-text rendering of bench results.
public enum Report {
    static func ms(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1e3) }

    /// One row per case: each path's median ms (and GFLOP/s, 2·multiply-adds per second),
    /// auto's pick and regret, the FFTW floor and the FFT path's ratio to it, the FFT path
    /// with a prepared kernel and measured plans and its ratio to the floor with the same
    /// plans, planning time, peak memory, the best peer and our speed relative to it, and agreement.
    public static func table(_ results: [CaseResult]) -> String {
        let hasPeers = results.contains { !$0.peers.isEmpty }
        // Winograd's column only when some case could run it.
        let paths = Path.allCases.map(\.rawValue).filter { path in
            path != Path.winograd.rawValue || results.contains { $0.paths.contains { $0.path == path && !$0.cannotRun } }
        }
        var header = "case | " + paths.map { "\($0) ms" }.joined(separator: " | ")
            + " | auto (regret) | FFTW floor ms (fft/floor) | prepared fft ms (/measured floor) | plan ms | peak +MiB"
        if hasPeers { header += " | best peer ms (peer/ours; fastest calls)" }
        var lines = [header + " | agree",
                     String(repeating: "---- | ", count: paths.count + 6 + (hasPeers ? 1 : 0)) + "-----"]
        for r in results {
            var cells = [r.label]
            for path in paths {
                guard let p = r.paths.first(where: { $0.path == path }), !p.cannotRun else { cells.append("—"); continue }
                if let t = p.timing {
                    let gflops = 2 * Double(r.multiplyAdds) / t.median / 1e9
                    cells.append("\(ms(t.median)) (\(String(format: "%.1f", gflops)) GF/s)")
                } else {
                    cells.append("skipped: \(p.skipReason ?? "")")
                }
            }
            cells.append("\(r.autoPick) (\(r.regret.map { String(format: "%.2f", $0) } ?? "—"))")
            if let floor = r.fftFloor, let fft = r.median("fft") {
                cells.append("\(ms(floor.median)) (\(String(format: "%.2f", fft / floor.median))×)")
            } else {
                cells.append(r.fftFloor.map { ms($0.median) } ?? "—")
            }
            if let prepared = r.preparedFFT, let floor = r.measuredFloor {
                cells.append("\(ms(prepared.median)) (\(String(format: "%.2f", prepared.median / floor.median))×)")
            } else {
                cells.append("—")
            }
            cells.append(r.planningSeconds.map { ms($0) } ?? "—")
            let peak = r.paths.compactMap(\.peakBytes).max()
            cells.append(peak.map { String(format: "%.1f", Double($0) / 1048576) } ?? "—")
            if hasPeers {
                let best = r.peers.filter { $0.median != nil }.min { $0.median! < $1.median! }
                cells.append(best.map {
                    "\($0.name) \(ms($0.median!)) (\(String(format: "%.2f", r.bestPeerRatio ?? .nan))×; "
                        + "\(String(format: "%.2f", r.bestPeerRatioOfMinima ?? .nan))×)"
                } ?? "none ran: \(r.peers.first?.note ?? "")")
            }
            cells.append(r.paths.allSatisfy(\.agrees) ? "yes" : "NO")
            lines.append(cells.joined(separator: " | "))
        }
        return lines.joined(separator: "\n")
    }

    /// Every result as JSON.
    public static func json(_ results: [CaseResult]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(results), as: UTF8.self)
    }

    /// One CSV row per case and path (ours, the prepared layer, and peers).
    public static func csv(_ results: [CaseResult]) -> String {
        var rows = ["case,group,kernel,dtype,multiply_adds,implementation,median_s,min_s,gflops,max_error,bound,agrees,peak_bytes,auto_pick,fftw_floor_s,planning_s,prepared_fft_s,measured_floor_s,note"]
        func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        func num(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        for r in results {
            let common = [field(r.label), field(r.group), String(r.kernelSize), r.dtype, String(r.multiplyAdds)]
            let tail = [r.autoPick, num(r.fftFloor?.median), num(r.planningSeconds), num(r.preparedFFT?.median),
                        num(r.measuredFloor?.median)]
            for p in r.paths {
                let gflops = p.timing.map { 2 * Double(r.multiplyAdds) / $0.median / 1e9 }
                rows.append((common + [p.path, num(p.timing?.median), num(p.timing?.minimum), num(gflops),
                                       num(p.maxError), num(p.bound), p.maxError == nil ? "" : String(p.agrees),
                                       p.peakBytes.map(String.init) ?? ""] + tail + [field(p.skipReason ?? "")]).joined(separator: ","))
            }
            if let prepared = r.preparedLayer {
                let gflops = 2 * Double(r.multiplyAdds) / prepared.median / 1e9
                rows.append((common + ["prepared-layer:" + (r.preparedLayerPick ?? ""), num(prepared.median),
                                       num(prepared.minimum), num(gflops), "", "", "", ""]
                             + tail + [""]).joined(separator: ","))
            }
            for p in r.peers {
                let gflops = p.median.map { 2 * Double(r.multiplyAdds) / $0 / 1e9 }
                rows.append((common + ["peer:" + p.name, num(p.median), num(p.minimum), num(gflops), "", "", "", ""]
                             + tail + [field(p.note ?? "")]).joined(separator: ","))
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// Measured median against the cost model's estimate for every path, and auto's regret.
    public static func estimates(_ results: [CaseResult]) -> String {
        let paths = Path.allCases.map(\.rawValue)
        let tuned = results.contains { $0.autotunePick != nil }
        var lines = ["case | " + paths.map { "\($0) ms (est)" }.joined(separator: " | ") + " | auto | regret"
                     + (tuned ? " | autotune | regret" : ""),
                     String(repeating: "---- | ", count: paths.count + 2 + (tuned ? 2 : 0)) + "------"]
        for r in results {
            var cells = [r.label]
            for path in paths {
                let estimate = r.estimates[path].map { ms($0) } ?? "—"
                if r.paths.first(where: { $0.path == path })?.cannotRun == true {
                    cells.append("n/a")
                } else {
                    cells.append("\(r.median(path).map { ms($0) } ?? "skipped") (\(estimate))")
                }
            }
            cells.append(r.autoPick)
            cells.append(r.regret.map { String(format: "%.2f", $0) } ?? "—")
            if tuned {
                cells.append(r.autotunePick ?? "—")
                cells.append(r.autotuneRegret.map { String(format: "%.2f", $0) } ?? "—")
            }
            lines.append(cells.joined(separator: " | "))
        }
        lines.append("")
        lines.append(regretSummary("auto", results.compactMap(\.regret)))
        if tuned { lines.append(regretSummary("autotune", results.compactMap(\.autotuneRegret))) }
        return lines.joined(separator: "\n")
    }

    /// `auto` at two thread counts (`--speedup`): each count's median ms and pick, and the
    /// speed-up from medians and from the fastest calls.
    public static func threads(_ results: [CaseResult]) -> String {
        var lines = ["case | auto ms at each thread count (pick) | speed-up (fastest calls)", "---- | ---- | ----"]
        for r in results {
            guard let t = r.threadTimes else { continue }
            let times = zip(t.threads, zip(t.timings, t.picks)).map { "\($0): \(ms($1.0.median)) (\($1.1))" }
            lines.append("\(r.label) | " + times.joined(separator: " → ")
                         + String(format: " | %.2f× (%.2f×)", t.speedup, t.speedupOfMinima))
        }
        return lines.joined(separator: "\n")
    }

    /// The layers against the fastest peer: the one-shot call (auto's pick) and the
    /// prepared ``ConvolutionLayer`` (its pick), both timed in the rounds with the peers,
    /// and the peer's time over each (above 1: we are faster), from medians and from the
    /// fastest calls.
    public static func layers(_ results: [CaseResult]) -> String {
        var lines = ["layer | one-shot ms (pick) | prepared layer ms (pick) | prepare ms | best peer ms | peer/one-shot (fastest calls) | peer/prepared (fastest calls)",
                     "---- | ---- | ---- | ---- | ---- | ---- | ----"]
        func ratio(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "—" }
        for r in results {
            guard let prepared = r.preparedLayer else { continue }
            let best = r.peers.filter { $0.median != nil }.min { $0.median! < $1.median! }
            lines.append([r.label, "\(r.pickAlongsidePeers.map { ms($0.median) } ?? "—") (\(r.autoPick))",
                          "\(ms(prepared.median)) (\(r.preparedLayerPick ?? "—"))",
                          r.preparedLayerSeconds.map { ms($0) } ?? "—",
                          best.map { "\($0.name) \(ms($0.median!))" } ?? "none ran",
                          "\(ratio(r.bestPeerRatio)) (\(ratio(r.bestPeerRatioOfMinima)))",
                          "\(ratio(r.preparedLayerPeerRatio)) (\(ratio(r.preparedLayerPeerRatioOfMinima)))"]
                .joined(separator: " | "))
        }
        return lines.joined(separator: "\n")
    }

    /// `name regret over N cases: median M, max X` (medians of measured times).
    static func regretSummary(_ name: String, _ regrets: [Double]) -> String {
        guard !regrets.isEmpty else { return "\(name) regret: no cases" }
        let sorted = regrets.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return String(format: "%@ regret over %d cases: median %.2f, max %.2f", name, sorted.count, median, sorted.last!)
    }

    /// One line per disagreement: case, path, error and bound.
    public static func disagreements(_ results: [CaseResult]) -> [String] {
        results.flatMap { r in
            r.paths.filter { !$0.agrees }.map { p in
                "DISAGREE \(r.label) \(r.dtype) path \(p.path): max error \(p.maxError!) > bound \(p.bound!)"
            }
        }
    }
}

import Foundation

/// Plain-text rendering of bench results.
public enum Report {
    static func ms(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1e3) }

    /// One row per case: each path's median ms (and GFLOP/s), auto's pick and regret,
    /// the FFTW floor and the FFT path's ratio to it, and whether all paths agree.
    public static func table(_ results: [CaseResult]) -> String {
        var lines = ["case | direct ms | gemm ms | fft ms | auto (regret) | FFTW floor ms (fft/floor) | agree",
                     "---- | --------- | ------- | ------ | ------------- | ------------------------- | -----"]
        for r in results {
            var cells = [r.label]
            for path in ["direct", "gemm", "fft"] {
                guard let p = r.paths.first(where: { $0.path == path }) else { cells.append("—"); continue }
                if let t = p.timing {
                    let gflops = 2 * Double(r.multiplyAdds) / t.median / 1e9
                    cells.append("\(ms(t.median)) (\(String(format: "%.1f", gflops)) GF/s)")
                } else {
                    cells.append("skipped")
                }
            }
            cells.append("\(r.autoPick) (\(r.regret.map { String(format: "%.2f", $0) } ?? "—"))")
            if let floor = r.fftFloor, let fft = r.paths.first(where: { $0.path == "fft" })?.timing {
                cells.append("\(ms(floor.median)) (\(String(format: "%.2f", fft.median / floor.median))×)")
            } else {
                cells.append("—")
            }
            cells.append(r.paths.allSatisfy(\.agrees) ? "yes" : "NO")
            lines.append(cells.joined(separator: " | "))
        }
        return lines.joined(separator: "\n")
    }

    /// Measured median against the cost model's estimate for every path, and auto's regret.
    public static func estimates(_ results: [CaseResult]) -> String {
        var lines = ["case | direct ms (est) | gemm ms (est) | fft ms (est) | auto | regret",
                     "---- | --------------- | ------------- | ------------ | ---- | ------"]
        for r in results {
            var cells = [r.label]
            for path in ["direct", "gemm", "fft"] {
                let estimate = r.estimates[path].map { ms($0) } ?? "—"
                cells.append("\(r.median(path).map { ms($0) } ?? "skipped") (\(estimate))")
            }
            cells.append(r.autoPick)
            cells.append(r.regret.map { String(format: "%.2f", $0) } ?? "—")
            lines.append(cells.joined(separator: " | "))
        }
        return lines.joined(separator: "\n")
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

import Foundation

/// The terminal view: per case, one bar per path (and peer), its length proportional to
/// log time across the whole run, the fastest marked with `*` and auto's pick with `<`.
public enum TerminalChart {
    public static func render(_ results: [CaseResult], width: Int = 40) -> String {
        let times = results.flatMap { r in r.paths.compactMap { $0.timing?.median } + r.peers.compactMap(\.median) }
        guard let low = times.min(), let high = times.max(), high > 0 else { return "" }
        let (l0, l1) = (log10(low) - 0.3, log10(high))
        var lines: [String] = []
        for r in results {
            lines.append(r.label)
            var rows = r.paths.map { ($0.path, $0.timing?.median) } + r.peers.map { ($0.name, $0.median) }
            rows = rows.filter { $0.1 != nil }
            let fastest = rows.map { $0.1! }.min()
            for (name, t) in rows {
                let n = max(1, Int((log10(t!) - l0) / max(1e-9, l1 - l0) * Double(width)))
                let marks = (t == fastest ? "*" : " ") + (name == r.autoPick ? "<" : " ")
                lines.append("  " + name.padding(toLength: 18, withPad: " ", startingAt: 0)
                             + String(repeating: "▇", count: n) + " " + String(format: "%.2f ms", t! * 1e3) + " " + marks)
            }
        }
        lines.append("(bar length ∝ log time; * fastest, < auto's pick)")
        return lines.joined(separator: "\n")
    }
}

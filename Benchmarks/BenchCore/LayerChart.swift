import Foundation

/// One horizontal bar chart for the CNN layers: per layer, a bar per path and per peer,
/// its length the achieved GFLOP/s (`2 · multiply-adds / median time`), the number
/// printed at its end, auto's pick marked. Higher is better.
public enum LayerChart {
    /// Layer cases are the bench's multi-channel cases (labelled "layer …").
    static func isLayer(_ r: CaseResult) -> Bool { r.label.hasPrefix("layer ") }

    public static func render(_ results: [CaseResult], title: String) -> String {
        let rowHeight = 16.0, gap = 10.0, left = 150.0, barWidth = 600.0, top = 50.0
        struct Bar { let name: String; let gflops: Double?; let picked: Bool }
        let layers: [(label: String, bars: [Bar])] = results.map { r in
            let rate = { (t: Double?) in t.map { 2 * Double(r.multiplyAdds) / $0 / 1e9 } }
            var bars = r.paths.filter { !$0.cannotRun }.map(\.path)
                .map { Bar(name: $0, gflops: rate(r.median($0)), picked: $0 == r.autoPick) }
            bars += r.peers.filter { $0.median != nil }.map { Bar(name: $0.name, gflops: rate($0.median), picked: false) }
            return (r.label.replacingOccurrences(of: "layer ", with: ""), bars)
        }
        let best = layers.flatMap { $0.bars.compactMap(\.gflops) }.max() ?? 1
        let height = top + layers.reduce(0) { $0 + Double($1.bars.count + 1) * rowHeight + gap } + 40
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" width="900" height="\#(f(height))" font-family="sans-serif" font-size="12">"#,
                   #"<rect width="100%" height="100%" fill="white"/>"#,
                   #"<text x="450" y="24" text-anchor="middle" font-size="15">\#(SVGChart.escape(title))</text>"#]
        var y = top
        var peerColor: [String: String] = [:]
        for layer in layers {
            svg.append(#"<text x="10" y="\#(f(y + 12))" font-weight="bold">\#(SVGChart.escape(layer.label))</text>"#)
            y += rowHeight
            for bar in layer.bars {
                let color = SVGChart.colors[bar.name] ?? {
                    if let c = peerColor[bar.name] { return c }
                    let c = SVGChart.peerColors[peerColor.count % SVGChart.peerColors.count]
                    peerColor[bar.name] = c
                    return c
                }()
                svg.append(#"<text x="\#(f(left - 6))" y="\#(f(y + 12))" text-anchor="end">\#(SVGChart.escape(bar.name))</text>"#)
                if let rate = bar.gflops {
                    let w = max(1, rate / best * barWidth)
                    svg.append(#"<rect x="\#(f(left))" y="\#(f(y + 2))" width="\#(f(w))" height="\#(f(rowHeight - 4))" fill="\#(color)"/>"#)
                    let note = String(format: "%.1f GF/s", rate) + (bar.picked ? "  ◀ auto" : "")
                    svg.append(#"<text x="\#(f(left + w + 6))" y="\#(f(y + 12))">\#(SVGChart.escape(note))</text>"#)
                } else {
                    svg.append(#"<text x="\#(f(left + 6))" y="\#(f(y + 12))" fill="gray">skipped</text>"#)
                }
                y += rowHeight
            }
            y += gap
        }
        svg.append(#"<text x="\#(f(left))" y="\#(f(y + 16))" fill="gray">GFLOP/s = 2 · multiply-adds / median time; longer is faster</text>"#)
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }
}

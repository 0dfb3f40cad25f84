import Convolve
import Foundation

/// One log–log chart per workload group: median time per call against kernel side length
/// for every path (and every peer), the FFTW floor, auto's pick ringed on each case, and
/// the crossovers (where the fastest of our paths changes) as labelled vertical lines.
/// Text never overlaps: the legend sits outside the plot, tick labels are thinned.
public enum SVGChart {
    static let colors = ["direct": "#1f77b4", "gemm": "#d62728", "fft": "#2ca02c", "winograd": "#8c6d31",
                         "FFTW floor": "#7f7f7f"]
    static let peerColors = ["#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#ff7f0e", "#393b79", "#637939"]

    struct Series {
        let name: String
        let color: String
        /// SVG stroke-dasharray, or nil for a solid line.
        let dash: String?
        let points: [(x: Double, y: Double)]
    }

    public static func render(_ results: [CaseResult], title: String) -> String {
        let cases = results.sorted { $0.kernelSize < $1.kernelSize }
        var series: [Series] = Path.allCases.map(\.rawValue).map { path in
            Series(name: path, color: colors[path]!, dash: nil,
                   points: cases.compactMap { r in r.median(path).map { (Double(r.kernelSize), $0 * 1e3) } })
        }
        series.append(Series(name: "FFTW floor", color: colors["FFTW floor"]!, dash: "2 3",
                             points: cases.compactMap { r in r.fftFloor.map { (Double(r.kernelSize), $0.median * 1e3) } }))
        let peerNames = Array(Set(cases.flatMap { $0.peers.filter { $0.median != nil }.map(\.name) })).sorted()
        for (i, name) in peerNames.enumerated() {
            series.append(Series(name: name, color: peerColors[i % peerColors.count], dash: "6 4",
                                 points: cases.compactMap { r in
                                     r.peers.first { $0.name == name }?.median.map { (Double(r.kernelSize), $0 * 1e3) }
                                 }))
        }
        series = series.filter { !$0.points.isEmpty }

        let (width, height) = (900.0, 500.0)
        let plot = (left: 80.0, top: 50.0, right: 620.0, bottom: 420.0)
        let xs = cases.map { Double($0.kernelSize) }, ys = series.flatMap { $0.points.map(\.y) }
        guard let xMin = xs.min(), let xMax = xs.max(), let yLow = ys.min(), let yHigh = ys.max() else { return "" }
        let (lx0, lx1) = (log10(xMin) - 0.05, log10(max(xMax, xMin * 1.5)) + 0.05)
        let (ly0, ly1) = (floor(log10(yLow)), ceil(log10(yHigh)) + (log10(yHigh) == ceil(log10(yHigh)) ? 0.2 : 0))
        func px(_ x: Double) -> Double { plot.left + (log10(x) - lx0) / (lx1 - lx0) * (plot.right - plot.left) }
        func py(_ y: Double) -> Double { plot.bottom - (log10(y) - ly0) / (ly1 - ly0) * (plot.bottom - plot.top) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }

        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" width="\#(Int(width))" height="\#(Int(height))" viewBox="0 0 \#(Int(width)) \#(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">"#,
                   #"<rect width="100%" height="100%" fill="white"/>"#,
                   #"<text x="\#(f(width / 2))" y="24" text-anchor="middle" font-size="16" font-weight="bold">\#(escape(title))</text>"#]
        // Grid and y ticks at every decade.
        var decade = ly0
        while decade <= ly1 + 1e-9 {
            let y = py(pow(10, decade))
            svg.append(#"<line x1="\#(f(plot.left))" y1="\#(f(y))" x2="\#(f(plot.right))" y2="\#(f(y))" stroke="rgb(224,224,224)"/>"#)
            svg.append(#"<text x="\#(f(plot.left - 8))" y="\#(f(y + 4))" text-anchor="end">\#(tickLabel(pow(10, decade)))</text>"#)
            decade += 1
        }
        // x ticks at each kernel size; a label is skipped when it would come within 8 px of
        // the previous one (labels are centred, about 7.5 px per digit at 12 px).
        var lastRight = -Double.infinity
        for x in xs {
            let p = px(x), halfWidth = 3.75 * Double(String(Int(x)).count)
            svg.append(#"<line x1="\#(f(p))" y1="\#(f(plot.bottom))" x2="\#(f(p))" y2="\#(f(plot.bottom + 5))" stroke="black"/>"#)
            if p - halfWidth >= lastRight + 8 {
                svg.append(#"<text x="\#(f(p))" y="\#(f(plot.bottom + 19))" text-anchor="middle">\#(Int(x))</text>"#)
                lastRight = p + halfWidth
            }
        }
        svg.append(#"<rect x="\#(f(plot.left))" y="\#(f(plot.top))" width="\#(f(plot.right - plot.left))" height="\#(f(plot.bottom - plot.top))" fill="none" stroke="black"/>"#)
        svg.append(#"<text x="\#(f((plot.left + plot.right) / 2))" y="\#(f(plot.bottom + 42))" text-anchor="middle">kernel side length (taps per axis, log scale)</text>"#)
        svg.append(#"<text transform="translate(22 \#(f((plot.top + plot.bottom) / 2))) rotate(-90)" text-anchor="middle">median time per call (ms, log scale)</text>"#)

        // Crossovers: between consecutive cases whose fastest path differs.
        var crossoverLabels = 0
        for (a, b) in zip(cases, cases.dropFirst()) {
            guard let fa = a.best?.path, let fb = b.best?.path, fa != fb else { continue }
            let x = pow(10, (log10(Double(a.kernelSize)) + log10(Double(b.kernelSize))) / 2)
            svg.append(#"<line x1="\#(f(px(x)))" y1="\#(f(plot.top))" x2="\#(f(px(x)))" y2="\#(f(plot.bottom))" stroke="rgb(68,68,68)" stroke-dasharray="2 4"/>"#)
            svg.append(#"<text x="\#(f(px(x) + 4))" y="\#(f(plot.top + 14 + 14 * Double(crossoverLabels % 2)))" font-size="11" fill="rgb(68,68,68)">\#(fa)→\#(fb)</text>"#)
            crossoverLabels += 1
        }
        for s in series {
            let path = s.points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            svg.append(#"<polyline points="\#(path)" fill="none" stroke="\#(s.color)" stroke-width="2"\#(s.dash.map { #" stroke-dasharray="\#($0)""# } ?? "")/>"#)
            for p in s.points {
                svg.append(#"<circle cx="\#(f(px(p.x)))" cy="\#(f(py(p.y)))" r="3" fill="\#(s.color)"/>"#)
            }
        }
        // auto's pick: a ring around the chosen path's point.
        for r in cases {
            if let t = r.median(r.autoPick) {
                svg.append(#"<circle cx="\#(f(px(Double(r.kernelSize))))" cy="\#(f(py(t * 1e3)))" r="8" fill="none" stroke="black" stroke-width="1.5"/>"#)
            }
        }
        // Legend, outside the plot on the right.
        var ly = plot.top + 6
        for s in series {
            svg.append(#"<line x1="\#(f(plot.right + 20))" y1="\#(f(ly))" x2="\#(f(plot.right + 50))" y2="\#(f(ly))" stroke="\#(s.color)" stroke-width="2"\#(s.dash.map { #" stroke-dasharray="\#($0)""# } ?? "")/>"#)
            svg.append(#"<text x="\#(f(plot.right + 58))" y="\#(f(ly + 4))">\#(escape(s.name))</text>"#)
            ly += 20
        }
        svg.append(#"<circle cx="\#(f(plot.right + 35))" cy="\#(f(ly))" r="8" fill="none" stroke="black" stroke-width="1.5"/>"#)
        svg.append(#"<text x="\#(f(plot.right + 58))" y="\#(f(ly + 4))">auto's pick</text>"#)
        ly += 20
        svg.append(#"<line x1="\#(f(plot.right + 35))" y1="\#(f(ly - 8))" x2="\#(f(plot.right + 35))" y2="\#(f(ly + 8))" stroke="rgb(68,68,68)" stroke-dasharray="2 4"/>"#)
        svg.append(#"<text x="\#(f(plot.right + 58))" y="\#(f(ly + 4))">crossover</text>"#)
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    static func tickLabel(_ ms: Double) -> String {
        if ms >= 1000 { return String(format: "%.0f s", ms / 1000) }
        if ms >= 1 { return String(format: "%.0f ms", ms) }
        return String(format: "%g ms", ms)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

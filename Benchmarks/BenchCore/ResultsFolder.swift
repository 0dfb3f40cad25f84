import Foundation

/// Writes results.json, results.csv, one SVG per group and index.html into a folder.
public enum ResultsFolder {
    /// Groups with at least two cases get a chart; file names derive from the group.
    /// (Layers, one case per group, share one bar chart instead: ``LayerChart``.)
    public static func chartNames(_ results: [CaseResult]) -> [String: String] {
        var names: [String: String] = [:]
        for group in Set(results.map(\.group)) where results.filter({ $0.group == group }).count >= 2 {
            let dtype = results.first { $0.group == group }!.dtype
            let slug = (group + " " + dtype).lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            names[group] = slug.split(separator: "-").joined(separator: "-") + ".svg"
        }
        return names
    }

    /// Charts ``write(_:to:)`` draws: one per group in ``chartNames(_:)``, one for the layers.
    public static func chartCount(_ results: [CaseResult]) -> Int {
        chartNames(results).count + (results.contains(where: LayerChart.isLayer) ? 1 : 0)
    }

    @discardableResult
    public static func write(_ results: [CaseResult], to folder: String) throws -> String {
        let url = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Report.json(results).write(to: url.appendingPathComponent("results.json"), atomically: true, encoding: .utf8)
        try Report.csv(results).write(to: url.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        let names = chartNames(results)
        var figures: [String] = []
        for group in names.keys.sorted() {
            let cases = results.filter { $0.group == group }
            let title = "\(group), \(cases[0].dtype): median time per call"
            try SVGChart.render(cases, title: title)
                .write(to: url.appendingPathComponent(names[group]!), atomically: true, encoding: .utf8)
            figures.append(figure(names[group]!, title))
        }
        let layers = results.filter(LayerChart.isLayer)
        if !layers.isEmpty {
            let name = "layers-\(layers[0].dtype).svg"
            let title = "CNN layers, \(layers[0].dtype): GFLOP/s per path and peer"
            try LayerChart.render(layers, title: title)
                .write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
            figures.append(figure(name, title))
        }
        let table = Report.table(results).split(separator: "\n").enumerated().filter { $0.offset != 1 }.map { row in
            let tag = row.offset == 0 ? "th" : "td"
            return "<tr>" + row.element.components(separatedBy: " | ").map { "<\(tag)>\(SVGChart.escape($0))</\(tag)>" }.joined() + "</tr>"
        }.joined(separator: "\n")
        let html = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Convolve bench</title>
        <style>body{font-family:sans-serif;margin:2em} table{border-collapse:collapse;font-size:13px}
        td,th{border:1px solid #ccc;padding:3px 6px} figure{margin:1em 0}</style></head>
        <body><h1>Convolve bench</h1>
        <p>Median time per call of each path; rings mark auto's pick; dashed vertical lines mark crossovers.
        Data: <a href="results.json">results.json</a>, <a href="results.csv">results.csv</a>.</p>
        \(figures.joined(separator: "\n"))
        <table>
        \(table)
        </table></body></html>

        """
        try html.write(to: url.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        return folder
    }

    private static func figure(_ file: String, _ title: String) -> String {
        #"<figure><img src="\#(file)" alt="\#(SVGChart.escape(title))"><figcaption>\#(SVGChart.escape(title))</figcaption></figure>"#
    }
}

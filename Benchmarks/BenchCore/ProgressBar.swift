import Foundation

/// A one-line progress bar on stderr (redrawn in place on a terminal, one line per
/// update otherwise), so stdout stays clean for the table or JSON.
struct ProgressBar {
    let total: Int
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let start = ContinuousClock.now

    init(total: Int) { self.total = total }

    func show(_ index: Int, _ label: String) {
        let width = 24, filled = total == 0 ? width : width * index / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let elapsed = Double((ContinuousClock.now - start).components.seconds)
        let line = String(format: "[%@] %d/%d %3.0fs %@", bar, index + 1, total, elapsed, label)
        write(isTerminal ? "\r\u{1B}[K" + line : line + "\n")
    }

    func finish() { if isTerminal { write("\r\u{1B}[K") } }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

import Foundation

/// The process's peak resident memory (Linux `VmHWM`), resettable so that each path's
/// peak can be read on its own (`/proc/self/clear_refs`, value 5).
public enum PeakMemory {
    /// Resets the peak to the current resident size. Returns false where unsupported.
    @discardableResult
    public static func reset() -> Bool {
        FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs")
            && (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
    }

    /// Peak resident bytes since the last reset, or nil where unknown.
    public static func bytes() -> Int? { field("VmHWM:") }

    /// Resident bytes now, or nil where unknown.
    public static func resident() -> Int? { field("VmRSS:") }

    private static func field(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            return digits.first.map { $0 * 1024 }
        }
        return nil
    }
}

import Foundation

/// Runs `body` with a new, empty directory under the system's temporary folder and
/// removes the directory and everything in it when `body` returns or throws, so a test
/// run leaves nothing behind.
func withScratchDirectory<T>(_ label: String, _ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convolve-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Every way an image file or image value can be refused; `description` says what was
/// wrong and what is allowed.
public enum ImageError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case notNetpbm(magic: String)
    case malformedHeader(String)
    case truncated(expectedBytes: Int, actualBytes: Int)
    case invalidSize(width: Int, height: Int)
    case unsupportedChannels(Int)
    case invalidMaxValue(Int)
    case sampleCountMismatch(expected: Int, actual: Int)
    case sampleAboveMax(Int, maxValue: Int)
    case unsupportedFormat(path: String)
    case compressionFailed(code: Int32)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): return "cannot read \(path): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .notNetpbm(magic): return "not a PGM/PPM file (magic '\(magic)'); allowed: P2, P3 (ASCII) and P5, P6 (binary)"
        case let .malformedHeader(what): return "malformed PGM/PPM header: \(what); it must be magic, width, height, maxval (whitespace-separated, # comments allowed)"
        case let .truncated(expected, actual): return "PGM/PPM data holds \(actual) bytes but the header needs \(expected)"
        case let .invalidSize(width, height): return "image size \(width)×\(height); both must be ≥ 1"
        case let .unsupportedChannels(channels): return "\(channels) channels; allowed: 1 (grey) or 3 (RGB)"
        case let .invalidMaxValue(value): return "maxval \(value); it must be 1 to 65535"
        case let .sampleCountMismatch(expected, actual): return "\(actual) samples where the size needs \(expected)"
        case let .sampleAboveMax(value, maxValue): return "sample \(value) exceeds maxval \(maxValue)"
        case let .unsupportedFormat(path): return "\(path): unknown image type; use .pgm, .ppm, .pnm (read and write) or .png (write)"
        case let .compressionFailed(code): return "zlib failed compressing PNG data (code \(code))"
        }
    }
}

/// Why a `.npy` file could not be read or written. Each message says what was found and
/// what is allowed.
public enum NPYError: Error, Equatable, Sendable, CustomStringConvertible {
    case notNPY(path: String)
    case unsupportedVersion(path: String, major: UInt8, minor: UInt8)
    case truncatedHeader(path: String)
    case malformedHeader(path: String, detail: String)
    case unsupportedDType(path: String, descr: String)
    case unsupportedRank(path: String, rank: Int)
    case sizeMismatch(path: String, expectedBytes: Int, actualBytes: Int)
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case let .notNPY(path):
            return "\(path): not a .npy file (it does not start with the magic bytes \\x93NUMPY)"
        case let .unsupportedVersion(path, major, minor):
            return "\(path): .npy format version \(major).\(minor) is not supported; versions 1.0, 2.0 and 3.0 are"
        case let .truncatedHeader(path):
            return "\(path): the file ends inside its header"
        case let .malformedHeader(path, detail):
            return "\(path): malformed header: \(detail)"
        case let .unsupportedDType(path, descr):
            return "\(path): dtype '\(descr)' is not supported; float32, float64 and integer or bool arrays (read as float64) are"
        case let .unsupportedRank(path, rank):
            return "\(path): array has \(rank) dimensions; 1 to 5 are supported"
        case let .sizeMismatch(path, expected, actual):
            return actual < expected
                ? "\(path): truncated data: the header's shape and dtype need \(expected) bytes but the file holds \(actual)"
                : "\(path): the header's shape and dtype need \(expected) bytes but the file holds \(actual): the header does not describe the data"
        case let .io(path, detail):
            return "\(path): \(detail)"
        }
    }
}

import Foundation

/// Reads and writes numpy's `.npy` format, versions 1.0 to 3.0.
///
/// Reads little- and big-endian float32 and float64 (kept as stored) and integer and
/// bool arrays (as float64), in C or Fortran order (converted to C order), with 1 to 5
/// dimensions. Writes version 1.0 (2.0 when the header needs it), little-endian, C order.
public enum NPYCodec {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    public static func read(path: String) throws(NPYError) -> NPYArray {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .io(path: path, detail: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode([UInt8](data), path: path)
    }

    public static func write(_ array: NPYArray, path: String) throws(NPYError) {
        do { try Data(encode(array)).write(to: URL(fileURLWithPath: path)) } catch {
            throw .io(path: path, detail: "cannot write the file (\(error.localizedDescription))")
        }
    }

    /// Parses a whole `.npy` file; `path` only names it in messages.
    public static func decode(_ bytes: [UInt8], path: String = "<data>") throws(NPYError) -> NPYArray {
        guard bytes.count >= 8, Array(bytes[0..<6]) == magic else { throw .notNPY(path: path) }
        let (major, minor) = (bytes[6], bytes[7])
        let lengthBytes: Int
        switch major {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default: throw .unsupportedVersion(path: path, major: major, minor: minor)
        }
        guard minor == 0 else { throw .unsupportedVersion(path: path, major: major, minor: minor) }
        guard bytes.count >= 8 + lengthBytes else { throw .truncatedHeader(path: path) }
        var headerLength = 0
        for k in 0..<lengthBytes { headerLength |= Int(bytes[8 + k]) << (8 * k) }
        let dataStart = 8 + lengthBytes + headerLength
        guard bytes.count >= dataStart else { throw .truncatedHeader(path: path) }
        let headerBytes = Array(bytes[(8 + lengthBytes)..<dataStart])
        let text = major == 3 ? String(decoding: headerBytes, as: UTF8.self)
                              : String(headerBytes.map { Character(Unicode.Scalar($0)) })
        let header: NPYHeader
        do { header = try NPYHeader.parse(text) } catch { throw .malformedHeader(path: path, detail: error.message) }
        guard (1...5).contains(header.shape.count) else { throw .unsupportedRank(path: path, rank: header.shape.count) }
        guard let dtype = DType(header.descr) else { throw .unsupportedDType(path: path, descr: header.descr) }

        var count = 1
        for n in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow else { throw .malformedHeader(path: path, detail: "shape \(header.shape) is too large") }
            count = product
        }
        let (expected, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow else { throw .malformedHeader(path: path, detail: "shape \(header.shape) is too large") }
        let actual = bytes.count - dataStart
        guard actual == expected else { throw .sizeMismatch(path: path, expectedBytes: expected, actualBytes: actual) }

        let payload = bytes[dataStart...]
        var values: NPYArray.Values
        if dtype.kind == "f" && dtype.size == 4 {
            values = .float32(native(payload, count: count, dtype) ?? (0..<count).map {
                Float(bitPattern: UInt32(dtype.word(payload, at: $0)))
            })
        } else if dtype.kind == "f" && dtype.size == 8, let stored: [Double] = native(payload, count: count, dtype) {
            values = .float64(stored)
        } else {
            values = .float64((0..<count).map { dtype.double(payload, at: $0) })
        }
        if header.fortranOrder && header.shape.count > 1 {
            values = reorderFromFortran(values, shape: header.shape)
        }
        return NPYArray(shape: header.shape, values: values)
    }

    /// The `.npy` bytes of `array`.
    public static func encode(_ array: NPYArray) -> [UInt8] {
        let descr = array.isFloat32 ? "<f4" : "<f8"
        let header = NPYHeader(descr: descr, fortranOrder: false, shape: array.shape)
        var text = header.text(prefixLength: 10)
        var version: UInt8 = 1
        if text.utf8.count > 65535 {
            version = 2
            text = header.text(prefixLength: 12)
        }
        var bytes = magic + [version, 0]
        let length = text.utf8.count
        bytes += version == 1 ? [UInt8(length & 0xff), UInt8(length >> 8)]
                              : (0..<4).map { UInt8((length >> (8 * $0)) & 0xff) }
        bytes += Array(text.utf8)
        switch array.values {
        case .float32(let v): appendLittleEndian(v, \.bitPattern, to: &bytes)
        case .float64(let v): appendLittleEndian(v, \.bitPattern, to: &bytes)
        }
        return bytes
    }

    /// `count` floats of `dtype`'s size, copied out of `payload` whole (any alignment) where
    /// they are stored in this machine's byte order; nil otherwise, for the element-by-element
    /// path. Element by element, a 1024² float32 file took about 140 instructions per
    /// element, most of a whole `conv correlate` run's (callgrind).
    private static func native<F: BinaryFloatingPoint>(_ payload: ArraySlice<UInt8>, count: Int,
                                                       _ dtype: DType) -> [F]? {
        #if _endian(little)
        guard !dtype.bigEndian, MemoryLayout<F>.size == dtype.size, payload.count == count * dtype.size else {
            return nil
        }
        return [F](unsafeUninitializedCapacity: count) { buffer, initialized in
            payload.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
        #else
        return nil
        #endif
    }

    /// Appends `values` little-endian: their memory whole on a little-endian machine, else
    /// each one's `bits` byte-swapped.
    private static func appendLittleEndian<F, W: FixedWidthInteger>(_ values: [F], _ bits: (F) -> W,
                                                                    to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + MemoryLayout<F>.size * values.count)
        #if _endian(little)
        values.withUnsafeBytes { bytes += $0 }
        #else
        for x in values { withUnsafeBytes(of: bits(x).littleEndian) { bytes += $0 } }
        #endif
    }

    /// Column-major values to row-major, for the same shape.
    private static func reorderFromFortran(_ values: NPYArray.Values, shape: [Int]) -> NPYArray.Values {
        let count = shape.reduce(1, *)
        var fortranStrides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { fortranStrides[axis] = fortranStrides[axis - 1] * shape[axis - 1] }
        // For each row-major position, the column-major offset of the same multi-index.
        var index = [Int](repeating: 0, count: shape.count)
        var source = [Int](repeating: 0, count: count)
        for position in 0..<count {
            source[position] = zip(index, fortranStrides).reduce(0) { $0 + $1.0 * $1.1 }
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        switch values {
        case .float32(let v): return .float32(source.map { v[$0] })
        case .float64(let v): return .float64(source.map { v[$0] })
        }
    }
}

/// A numpy dtype descriptor such as `<f4`, `>f8`, `|u1`, `<i8`, `|b1`.
struct DType {
    let bigEndian: Bool
    let kind: Character  // f, i, u or b
    let size: Int

    init?(_ descr: String) {
        let chars = Array(descr)
        guard chars.count >= 3, let size = Int(String(chars[2...])) else { return nil }
        switch chars[0] {
        case "<", "|", "=": bigEndian = false
        case ">": bigEndian = true
        default: return nil
        }
        kind = chars[1]
        self.size = size
        switch (kind, size) {
        case ("f", 4), ("f", 8), ("i", 1), ("i", 2), ("i", 4), ("i", 8), ("u", 1), ("u", 2), ("u", 4), ("u", 8), ("b", 1):
            break
        default:
            return nil
        }
    }

    /// The `size` bytes of element `index`, as an unsigned integer in native order.
    func word(_ payload: ArraySlice<UInt8>, at index: Int) -> UInt64 {
        let start = payload.startIndex + index * size
        var word: UInt64 = 0
        for k in 0..<size {
            let byte = UInt64(payload[start + (bigEndian ? size - 1 - k : k)])
            word |= byte << (8 * UInt64(k))
        }
        return word
    }

    /// Element `index` as a Double.
    func double(_ payload: ArraySlice<UInt8>, at index: Int) -> Double {
        let w = word(payload, at: index)
        switch (kind, size) {
        case ("f", 4): return Double(Float(bitPattern: UInt32(w)))
        case ("f", 8): return Double(bitPattern: w)
        case ("u", _), ("b", _): return Double(w)
        default:
            // Sign-extend a `size`-byte two's-complement integer.
            let shift = UInt64(64 - 8 * size)
            return Double(Int64(bitPattern: w << shift) >> Int64(shift))
        }
    }
}

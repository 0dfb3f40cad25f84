import Foundation

/// Netpbm greymaps and pixmaps: PGM (`P2` ASCII, `P5` binary) and PPM (`P3` ASCII, `P6`
/// binary), 8-bit (maxval ≤ 255, one byte per sample) or 16-bit (maxval ≤ 65535, two bytes,
/// most significant first), as netpbm's `pgm(5)`/`ppm(5)` define them.
public enum PNM {
    /// Reads a PGM or PPM file.
    public static func read(path: String) throws(ImageError) -> RasterImage {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .cannotRead(path: path, reason: error.localizedDescription)
        }
        return try decode(data)
    }

    /// Decodes the bytes of a PGM or PPM file.
    public static func decode(_ data: Data) throws(ImageError) -> RasterImage {
        let bytes = [UInt8](data)
        var position = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }
        /// The next whitespace-separated token, skipping `#` comments to end of line.
        func token() -> String? {
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "#") {
                    while position < bytes.count && bytes[position] != 0x0A && bytes[position] != 0x0D { position += 1 }
                } else if isSpace(bytes[position]) {
                    position += 1
                } else { break }
            }
            let start = position
            while position < bytes.count && !isSpace(bytes[position]) && bytes[position] != UInt8(ascii: "#") { position += 1 }
            return start < position ? String(decoding: bytes[start..<position], as: UTF8.self) : nil
        }
        guard bytes.count >= 2 else { throw .notNetpbm(magic: String(decoding: bytes, as: UTF8.self)) }
        let magic = String(decoding: bytes[0..<2], as: UTF8.self)
        guard ["P2", "P3", "P5", "P6"].contains(magic) else { throw .notNetpbm(magic: magic) }
        position = 2
        func number(_ name: String) throws(ImageError) -> Int {
            guard let t = token() else { throw .malformedHeader("missing \(name)") }
            guard let v = Int(t), v >= 0 else { throw .malformedHeader("\(name) '\(t)' is not a non-negative integer") }
            return v
        }
        let width = try number("width"), height = try number("height"), maxValue = try number("maxval")
        guard width >= 1, height >= 1, width <= 1 << 20, height <= 1 << 20 else {
            throw .invalidSize(width: width, height: height)
        }
        guard (1...65535).contains(maxValue) else { throw .invalidMaxValue(maxValue) }
        let channels = magic == "P3" || magic == "P6" ? 3 : 1
        let count = width * height * channels
        var samples = [UInt16](repeating: 0, count: count)
        if magic == "P5" || magic == "P6" {
            // Exactly one whitespace byte separates maxval from the data.
            guard position < bytes.count, isSpace(bytes[position]) else { throw .malformedHeader("no whitespace after maxval") }
            position += 1
            let size = maxValue > 255 ? 2 : 1
            guard bytes.count - position >= count * size else {
                throw .truncated(expectedBytes: count * size, actualBytes: bytes.count - position)
            }
            for i in 0..<count {
                samples[i] = size == 2
                    ? UInt16(bytes[position + 2 * i]) << 8 | UInt16(bytes[position + 2 * i + 1])
                    : UInt16(bytes[position + i])
            }
        } else {
            for i in 0..<count {
                guard let t = token() else { throw .truncated(expectedBytes: count, actualBytes: i) }
                guard let v = Int(t), v >= 0, v <= maxValue else { throw .malformedHeader("sample '\(t)' is not in 0...\(maxValue)") }
                samples[i] = UInt16(v)
            }
        }
        return try RasterImage(width: width, height: height, channels: channels, maxValue: maxValue, samples: samples)
    }

    /// Encodes `image` as binary (`P5`/`P6`, the default) or ASCII (`P2`/`P3`) PGM or PPM.
    public static func encode(_ image: RasterImage, ascii: Bool = false) -> Data {
        let magic = image.channels == 3 ? (ascii ? "P3" : "P6") : (ascii ? "P2" : "P5")
        var data = Data("\(magic)\n\(image.width) \(image.height)\n\(image.maxValue)\n".utf8)
        if ascii {
            let perRow = image.width * image.channels
            for row in 0..<image.height {
                let line = image.samples[(row * perRow)..<((row + 1) * perRow)].map(String.init).joined(separator: " ")
                data.append(Data((line + "\n").utf8))
            }
        } else if image.maxValue > 255 {
            data.append(contentsOf: image.samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        } else {
            data.append(contentsOf: image.samples.map { UInt8($0) })
        }
        return data
    }

    /// Writes `image` to `path` (binary unless `ascii`).
    public static func write(_ image: RasterImage, path: String, ascii: Bool = false) throws(ImageError) {
        do { try encode(image, ascii: ascii).write(to: URL(fileURLWithPath: path)) } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}

import CZlib
import Foundation

/// PNG output (ISO/IEC 15948): 8-bit greyscale (colour type 0) or RGB (colour type 2),
/// no interlace, every row with filter 0, the image data deflated by zlib and each chunk
/// closed by zlib's CRC-32. 16-bit images are scaled to 8 bits (`v · 255 / maxval`, rounded).
public enum PNG {
    public static func encode(_ image: RasterImage) throws(ImageError) -> Data {
        let rowBytes = image.width * image.channels
        var raw = [UInt8](repeating: 0, count: image.height * (rowBytes + 1))
        let scale = 255 / Double(image.maxValue)
        for y in 0..<image.height {
            for i in 0..<rowBytes {
                raw[y * (rowBytes + 1) + 1 + i] = UInt8((Double(image.samples[y * rowBytes + i]) * scale).rounded())
            }
        }
        var compressedSize = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        let code = compress2(&compressed, &compressedSize, raw, uLong(raw.count), 9)
        guard code == Z_OK else { throw .compressionFailed(code: code) }

        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.append(bigEndian: UInt32(image.width))
        header.append(bigEndian: UInt32(image.height))
        header.append(contentsOf: [8, image.channels == 3 ? 2 : 0, 0, 0, 0])  // depth, colour, compression, filter, interlace
        appendChunk("IHDR", header, to: &data)
        appendChunk("IDAT", Data(compressed[0..<Int(compressedSize)]), to: &data)
        appendChunk("IEND", Data(), to: &data)
        return data
    }

    public static func write(_ image: RasterImage, path: String) throws(ImageError) {
        let data = try encode(image)
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    /// Length, type, data, CRC-32 of type and data.
    private static func appendChunk(_ type: String, _ body: Data, to data: inout Data) {
        data.append(bigEndian: UInt32(body.count))
        let typed = Data(type.utf8) + body
        data.append(typed)
        let crc = typed.withUnsafeBytes { crc32(0, $0.bindMemory(to: UInt8.self).baseAddress, uInt($0.count)) }
        data.append(bigEndian: UInt32(crc))
    }
}

extension Data {
    mutating func append(bigEndian value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}

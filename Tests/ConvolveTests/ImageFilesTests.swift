import CZlib
import Foundation
import ImageFiles
import Testing

/// PGM/PPM round trips in every variant, clear errors on malformed files, and PNG files
/// whose chunks, CRCs and pixels check out independently.
@Suite struct ImageFilesTests {
    static func image(channels: Int, maxValue: Int) throws -> RasterImage {
        let (w, h) = (7, 5)
        let samples = (0..<(w * h * channels)).map { UInt16(($0 * 7919) % (maxValue + 1)) }
        return try RasterImage(width: w, height: h, channels: channels, maxValue: maxValue, samples: samples)
    }

    @Test func netpbmRoundTripsInEveryVariant() throws {
        for channels in [1, 3] {
            for maxValue in [1, 255, 1000, 65535] {
                for ascii in [false, true] {
                    let original = try Self.image(channels: channels, maxValue: maxValue)
                    let data = PNM.encode(original, ascii: ascii)
                    let magic = String(decoding: data.prefix(2), as: UTF8.self)
                    #expect(magic == (channels == 3 ? (ascii ? "P3" : "P6") : (ascii ? "P2" : "P5")))
                    #expect(try PNM.decode(data) == original, "\(magic) maxval \(maxValue)")
                }
            }
        }
    }

    @Test func headersWithCommentsAndOddWhitespaceAreRead() throws {
        let text = "P2\n# a comment\n3 2 # trailing\n\t9\n0 1 2\n3 4 9\n"
        let image = try PNM.decode(Data(text.utf8))
        #expect(image.width == 3 && image.height == 2 && image.maxValue == 9 && image.samples == [0, 1, 2, 3, 4, 9])
    }

    @Test func malformedFilesGetClearErrors() throws {
        let cases: [(String, ImageError)] = [
            ("P7\n1 1\n255\n", .notNetpbm(magic: "P7")),
            ("P5\n2\n", .malformedHeader("missing height")),
            ("P5\n2 x\n255\n", .malformedHeader("height 'x' is not a non-negative integer")),
            ("P5\n2 2\n70000\n", .invalidMaxValue(70000)),
            ("P5\n0 2\n255\n", .invalidSize(width: 0, height: 2)),
            ("P5\n2 2\n255\nabc", .truncated(expectedBytes: 4, actualBytes: 3)),
            ("P2\n2 1\n5\n1 6\n", .malformedHeader("sample '6' is not in 0...5")),
        ]
        for (text, error) in cases {
            #expect(throws: error) { try PNM.decode(Data(text.utf8)) }
            #expect(!error.description.isEmpty)
        }
        #expect(throws: ImageError.unsupportedFormat(path: "x.gif")) { try ImageFile.read(path: "x.gif") }
    }

    /// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit: independent of zlib's.
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    @Test(arguments: [1, 3])
    func pngChunksCRCsAndPixelsCheckOut(_ channels: Int) throws {
        let image = try Self.image(channels: channels, maxValue: 255)
        let bytes = [UInt8](try PNG.encode(image))
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var position = 8, types: [String] = [], idat: [UInt8] = []
        while position < bytes.count {
            let length = u32(position)
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            let body = Array(bytes[(position + 8)..<(position + 8 + length)])
            #expect(UInt32(u32(position + 8 + length)) == Self.crc(Array(bytes[(position + 4)..<(position + 8 + length)])), "\(type) CRC")
            if type == "IHDR" {
                #expect(u32(position + 8) == image.width && u32(position + 12) == image.height)
                #expect(body[8] == 8 && body[9] == (channels == 3 ? 2 : 0))
            }
            if type == "IDAT" { idat += body }
            types.append(type)
            position += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        let rowBytes = image.width * channels
        var raw = [UInt8](repeating: 0, count: image.height * (rowBytes + 1))
        var size = uLong(raw.count)
        #expect(uncompress(&raw, &size, idat, uLong(idat.count)) == Z_OK && Int(size) == raw.count)
        for y in 0..<image.height {
            #expect(raw[y * (rowBytes + 1)] == 0)  // filter type None
            for i in 0..<rowBytes { #expect(UInt16(raw[y * (rowBytes + 1) + 1 + i]) == image.samples[y * rowBytes + i]) }
        }
    }

    @Test func planesAreRoundedAndClampedIntoTheRange() throws {
        let image = try RasterImage(planes: [[-3, 0.4, 0.6, 254.5, 300, .nan]], width: 3, height: 2)
        #expect(image.samples == [0, 0, 1, 255, 255, 0])
    }
}

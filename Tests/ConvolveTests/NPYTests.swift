import Foundation
import Testing
@testable import NPYFiles

/// Every layout numpy writes is read exactly; every malformed file gets its error.
@Suite struct NPYTests {
    struct Manifest: Decodable {
        struct Valid: Decodable { let file: String; let shape: [Int]; let float32: Bool; let values: [Double] }
        struct Malformed: Decodable { let file: String; let error: String }
        struct Oracle: Decodable { let name: String; let op: String; let mode: String; let boundary: String }
        let valid: [Valid]
        let malformed: [Malformed]
        let oracle: [Oracle]
    }

    static var folder: URL { Fixtures.directory.appendingPathComponent("npy") }
    static var manifest: Manifest {
        get throws { try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) }
    }

    @Test func everyLayoutNumpyWritesIsReadInCOrder() throws {
        let manifest = try Self.manifest
        #expect(manifest.valid.count == 12)
        for entry in manifest.valid {
            let array = try NPYCodec.read(path: Self.folder.appendingPathComponent(entry.file).path)
            #expect(array.shape == entry.shape, "\(entry.file)")
            #expect(array.isFloat32 == entry.float32, "\(entry.file) keeps its float type")
            #expect(array.doubles == entry.values, "\(entry.file)")
        }
    }

    @Test func malformedFilesGetTheirErrorAndNoCrash() throws {
        let manifest = try Self.manifest
        #expect(manifest.malformed.count == 13)
        for entry in manifest.malformed {
            let path = Self.folder.appendingPathComponent(entry.file).path
            do {
                _ = try NPYCodec.read(path: path)
                Issue.record("\(entry.file) was accepted")
            } catch {
                let name = "\(error)".isEmpty ? "" : Mirror(reflecting: error).children.first?.label ?? "\(error)"
                #expect(name == entry.error, "\(entry.file): \(error)")
                #expect(error.description.contains(entry.file), "the message names the file")
            }
        }
    }

    @Test func writtenFilesRoundTripWithAlignedHeaders() throws {
        for array in [NPYArray(shape: [2, 3], values: .float32([1, -2, 3.5, 0, .infinity, -0.0])),
                      NPYArray(shape: [5], values: .float64([1e-300, 2, 3, 4, .pi])),
                      NPYArray(shape: [1, 2, 1, 2, 1], values: .float64([1, 2, 3, 4]))] {
            let bytes = NPYCodec.encode(array)
            let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            #expect((10 + headerLength) % 64 == 0 && bytes[10 + headerLength - 1] == 0x0A)
            let back = try NPYCodec.decode(bytes)
            #expect(back.shape == array.shape)
            #expect(back.doubles.elementsEqual(array.doubles) { $0 == $1 || ($0.isNaN && $1.isNaN) })
            #expect(back.isFloat32 == array.isFloat32)
        }
    }

    @Test func missingFilesAreReportedNotCrashed() {
        #expect(throws: NPYError.self) { try NPYCodec.read(path: "/nonexistent/x.npy") }
    }
}

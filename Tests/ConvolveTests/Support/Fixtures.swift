import Foundation
import Testing
@testable import Convolve

/// The committed fixtures, read from the source tree.
enum Fixtures {
    struct SignalCase: Decodable {
        let op: String, mode: String, boundary: String
        let xShape: [Int], x: [Double], kShape: [Int], k: [Double], yShape: [Int], y: [Double]

        var semantics: Semantics { op == "convolve" ? .convolution : .correlation }
        var modeValue: Mode { Mode(rawValue: mode)! }
        var boundaryValue: Boundary { try! Fixtures.boundary(boundary) }
        var label: String { "\(op) \(mode) \(boundary) x\(xShape) k\(kShape)" }
    }

    struct PadPicture: Decodable {
        let mode: String, row: [Double], before: Int, after: Int, padded: [Double]
    }

    struct Scipy: Decodable {
        let scipy: String
        let cases: [SignalCase]
        let pads: [PadPicture]
    }

    /// One ONNX Conv layer and its gradients (`make_cnn_fixtures.py`).
    struct LayerCase: Decodable, CustomTestStringConvertible {
        let stride: [Int], dilation: [Int], pads: [Int], groups: Int
        let xShape: [Int], x: [Double], wShape: [Int], w: [Double], bShape: [Int], b: [Double]
        let yShape: [Int], y: [Double], dyShape: [Int], dy: [Double]
        let dxShape: [Int], dx: [Double], dwShape: [Int], dw: [Double], dbShape: [Int], db: [Double]

        var padding: LayerPadding { .onnx(pads: pads) }
        var testDescription: String { "x\(xShape) w\(wShape) s\(stride) d\(dilation) pads \(pads) g\(groups)" }
    }

    struct Layers: Decodable {
        let numpy: String
        let onnxChecked: Int
        let cases: [LayerCase]
    }

    static var layers: Layers {
        get throws {
            let data = try Data(contentsOf: directory.appendingPathComponent("cnn_layers.json"))
            return try JSONDecoder().decode(Layers.self, from: data)
        }
    }

    /// One template-matching case (`make_match_fixtures.py`).
    struct MatchCase: Decodable {
        let imageShape: [Int], image: [Double], templateShape: [Int], template: [Double]
        let scoreShape: [Int], scores: [String: [Double]]
    }

    struct Matching: Decodable {
        let opencvChecked: Int
        let cases: [MatchCase]
    }

    static var matching: Matching {
        get throws {
            let data = try Data(contentsOf: directory.appendingPathComponent("template_matching.json"))
            return try JSONDecoder().decode(Matching.self, from: data)
        }
    }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    static var scipy: Scipy {
        get throws {
            let data = try Data(contentsOf: directory.appendingPathComponent("scipy_signal.json"))
            return try JSONDecoder().decode(Scipy.self, from: data)
        }
    }

    static func boundary(_ name: String) throws -> Boundary {
        switch name {
        case "zero": return .zero
        case "edge": return .edge
        case "reflect": return .reflect
        case "symmetric": return .symmetric
        case "wrap": return .wrap
        default:
            if name.hasPrefix("constant:"), let v = Double(name.dropFirst("constant:".count)) { return .constant(v) }
            throw Missing(description: "unknown boundary \(name)")
        }
    }
}


import ArgumentParser
import ConvCommand
import Convolve
import Foundation
import ImageFiles
import NPYFiles
import Testing

/// `conv` reproduces scipy.signal on committed oracle cases and exits 2 on bad files.
@Suite struct ConvCLITests {
    static func run(_ arguments: [String]) throws {
        var command = try Conv.parseAsRoot(arguments)
        try command.run()
    }

    @Test func oracleCasesMatchScipyWithinTheBound() throws {
        try withScratchDirectory("cli-oracle") { scratch in
            for case_ in try NPYTests.manifest.oracle {
                let file = { (suffix: String) in NPYTests.folder.appendingPathComponent("\(case_.name)_\(suffix).npy").path }
                for method in ["direct", "gemm", "fft", "auto"] {
                    let out = scratch.appendingPathComponent("\(case_.name)_\(method).npy").path
                    try Self.run([case_.op, file("x"), file("k"), "-o", out, "--mode", case_.mode,
                                  "--boundary", case_.boundary, "--method", method])
                    let y = try NPYCodec.read(path: out), expected = try NPYCodec.read(path: file("y"))
                    let x = try NPYCodec.read(path: file("x")), k = try NPYCodec.read(path: file("k"))
                    #expect(y.shape == expected.shape, "\(case_.name) \(method)")
                    #expect(y.isFloat32 == x.isFloat32, "\(case_.name): the output keeps the input's float type")
                    guard y.shape == expected.shape else { continue }
                    let geometry = try ConvolutionGeometry.signal(
                        inputShape: x.shape, kernelShape: k.shape, mode: Mode(rawValue: case_.mode)!,
                        boundary: Boundary(argument: case_.boundary)!,
                        semantics: case_.op == "convolve" ? .convolution : .correlation)
                    let bound = x.isFloat32
                        ? ErrorBound.maximumError(Method(rawValue: method)!.forcedPath ?? .fft, geometry, input: x.floats, kernel: k.floats)
                        : ErrorBound.maximumError(Method(rawValue: method)!.forcedPath ?? .fft, geometry, input: x.doubles, kernel: k.doubles)
                    let error = zip(y.doubles, expected.doubles).map { abs($0 - $1) }.max()!
                    #expect(error <= bound, "\(case_.name) \(method): \(error) > \(bound)")
                }
            }
        }
    }

    @Test func malformedInputsExitWithStatus2() throws {
        try withScratchDirectory("cli-malformed") { scratch in
            let kernel = NPYTests.folder.appendingPathComponent("c1d_full_k.npy").path
            let out = scratch.appendingPathComponent("never.npy").path
            for bad in ["bad_magic.npy", "truncated_data.npy", "header_lies.npy", "complex.npy", "scalar.npy"] {
                #expect(throws: ExitCode(2)) {
                    try Self.run(["convolve", NPYTests.folder.appendingPathComponent(bad).path, kernel, "-o", out])
                }
            }
            // A refused geometry (rank mismatch) also exits 2, and no output file appears.
            let image = NPYTests.folder.appendingPathComponent("r2d_same_reflect_x.npy").path
            #expect(throws: ExitCode(2)) { try Self.run(["correlate", image, kernel, "-o", out]) }
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func explainNamesTheChoiceAndEveryEstimate() throws {
        let x = NPYTests.folder.appendingPathComponent("c2d_valid_f4_x.npy").path
        let k = NPYTests.folder.appendingPathComponent("c2d_valid_f4_k.npy").path
        try Self.run(["explain", "convolve", x, k, "-o", "/dev/null", "--mode", "valid"])
        #expect(throws: (any Error).self) { try Self.run(["explain", "nonsense"]) }
    }
}

/// `conv conv2d` and `conv conv2d-backward` reproduce the ONNX-checked layer fixtures.
@Suite struct ConvLayerCLITests {
    static func write(_ name: String, _ shape: [Int], _ values: [Double], float32: Bool, in scratch: URL) throws -> String {
        let path = scratch.appendingPathComponent(name + ".npy").path
        try NPYCodec.write(NPYArray(shape: shape, values: float32 ? .float32(values.map(Float.init)) : .float64(values)),
                           path: path)
        return path
    }

    static func geometryOptions(_ c: Fixtures.LayerCase) -> [String] {
        let list = { (v: [Int]) in v.map(String.init).joined(separator: ",") }
        return ["--stride", list(c.stride), "--dilation", list(c.dilation), "--padding", list(c.pads),
                "--groups", String(c.groups)]
    }

    @Test func conv2dMatchesONNXConvFixtures() throws {
        try withScratchDirectory("cli-conv2d") { scratch in
            for (i, c) in try Fixtures.layers.cases.enumerated() where c.xShape.count == 4 {
                for float32 in [true, false] {
                    let x = try Self.write("x\(i)", c.xShape, c.x, float32: float32, in: scratch)
                    let w = try Self.write("w\(i)", c.wShape, c.w, float32: float32, in: scratch)
                    let b = try Self.write("b\(i)", c.bShape, c.b, float32: float32, in: scratch)
                    let out = scratch.appendingPathComponent("y\(i).npy").path
                    try ConvCLITests.run(["conv2d", x, w, "-o", out, "--bias", b] + Self.geometryOptions(c))
                    let y = try NPYCodec.read(path: out)
                    #expect(y.shape == c.yShape && y.isFloat32 == float32)
                    let tolerance = float32 ? 4 * Double(Float.ulpOfOne) * Double(c.wShape.dropFirst().reduce(1, *) + 2) : 1e-12
                    #expect(zip(y.doubles, c.y).allSatisfy { abs($0 - $1) <= tolerance }, "case \(i) float32 \(float32)")
                }
            }
        }
    }

    @Test func conv2dBackwardMatchesNumpyGradients() throws {
        try withScratchDirectory("cli-backward") { scratch in
            for (i, c) in try Fixtures.layers.cases.enumerated() where c.xShape.count == 4 {
                let dy = try Self.write("dy\(i)", c.dyShape, c.dy, float32: false, in: scratch)
                let x = try Self.write("bx\(i)", c.xShape, c.x, float32: false, in: scratch)
                let w = try Self.write("bw\(i)", c.wShape, c.w, float32: false, in: scratch)
                let files = ["dx", "dw", "db"].map { scratch.appendingPathComponent("\($0)\(i).npy").path }
                try ConvCLITests.run(["conv2d-backward", dy, x, w, "--input-grad", files[0], "--weight-grad", files[1],
                                      "--bias-grad", files[2]] + Self.geometryOptions(c))
                for (file, expected) in zip(files, [c.dx, c.dw, c.db]) {
                    let got = try NPYCodec.read(path: file)
                    #expect(zip(got.doubles, expected).allSatisfy { abs($0 - $1) <= 1e-11 }, "case \(i) \(file)")
                }
            }
        }
    }

    @Test func refusedLayersExitWithStatus2() throws {
        try withScratchDirectory("cli-refused") { scratch in
            let x = try Self.write("rx", [1, 4, 6, 6], Array(repeating: 1, count: 144), float32: true, in: scratch)
            let w = try Self.write("rw", [2, 3, 3, 3], Array(repeating: 1, count: 54), float32: true, in: scratch)
            let out = scratch.appendingPathComponent("never.npy").path
            #expect(throws: ExitCode(2)) { try ConvCLITests.run(["conv2d", x, w, "-o", out]) }
            #expect(throws: ExitCode(2)) { try ConvCLITests.run(["conv2d", x, w, "-o", out, "--groups", "3"]) }
            #expect(throws: (any Error).self) { try ConvCLITests.run(["conv2d", x, w, "-o", out, "--padding", "1,2,3"]) }
            #expect(!FileManager.default.fileExists(atPath: out))
            let w2 = try Self.write("rw2", [2, 2, 3, 3], Array(repeating: 1, count: 36), float32: true, in: scratch)
            try ConvCLITests.run(["explain", "conv2d", x, w2, "-o", out, "--groups", "2", "--padding", "same"])
        }
    }
}

/// `conv match` writes the score map of the template-matching fixtures.
@Suite struct ConvMatchCLITests {
    @Test func matchWritesTheScoreMapForEveryMethod() throws {
        try withScratchDirectory("cli-match") { scratch in
            let c = try Fixtures.matching.cases[0]
            let image = try ConvLayerCLITests.write("mimage", c.imageShape, c.image, float32: false, in: scratch)
            let template = try ConvLayerCLITests.write("mtemplate", c.templateShape, c.template, float32: false, in: scratch)
            for method in MatchMethod.allCases {
                let out = scratch.appendingPathComponent("scores-\(method).npy").path
                try ConvCLITests.run(["match", image, template, "-o", out, "--method", method.rawValue])
                let scores = try NPYCodec.read(path: out)
                #expect(scores.shape == c.scoreShape)
                let expected = c.scores[method.rawValue]!, scale = max(1, expected.map(abs).max()!)
                #expect(zip(scores.doubles, expected).allSatisfy { abs($0 - $1) <= 1e-9 * scale }, "\(method)")
            }
            // A template larger than the image exits 2.
            #expect(throws: ExitCode(2)) {
                try ConvCLITests.run(["match", template, image, "-o", scratch.appendingPathComponent("never.npy").path])
            }
        }
    }
}

/// `conv filter` and `conv match --show` on the gallery's shipped images.
@Suite struct ConvImageCLITests {
    static var gallery: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/gallery")
    }

    @Test func filterWritesTheRoundedReflectFilteredImage() throws {
        try withScratchDirectory("cli-filter") { scratch in
            let scene = Self.gallery.appendingPathComponent("scene.pgm").path
            let out = scratch.appendingPathComponent("blur.pgm").path
            try ConvCLITests.run(["filter", scene, "--kernel", "gaussian:sigma=1.5", "-o", out])
            let input = try PNM.read(path: scene), result = try PNM.read(path: out)
            #expect(result.width == input.width && result.height == input.height && result.channels == 1)
            let expected = try correlate(Tensor<Double>(shape: [input.height, input.width], elements: input.plane(0)),
                                         FilterKernels.gaussian(sigma: 1.5), mode: .same, boundary: .reflect)
            #expect(zip(result.plane(0), expected.elements).allSatisfy { abs($0 - min(255, max(0, $1.rounded()))) <= 1 })
            // A PNG of the Sobel magnitude, and a refused kernel.
            let png = scratch.appendingPathComponent("edges.png").path
            try ConvCLITests.run(["filter", scene, "--kernel", "sobel", "-o", png])
            #expect(try Data(contentsOf: URL(fileURLWithPath: png)).prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
            #expect(throws: ExitCode(2)) { try ConvCLITests.run(["filter", scene, "--kernel", "gaussian:sigma=0", "-o", out]) }
            #expect(throws: (any Error).self) { try ConvCLITests.run(["filter", scene, "--kernel", "blur", "-o", out]) }
        }
    }

    @Test func matchFindsTheTemplateAndShowsIt() throws {
        try withScratchDirectory("cli-show") { scratch in
            for scene in ["scene.pgm", "scene-dim.pgm"] {
                let scores = scratch.appendingPathComponent("scores-\(scene).npy").path
                let show = scratch.appendingPathComponent("show-\(scene).png").path
                try ConvCLITests.run(["match", Self.gallery.appendingPathComponent(scene).path,
                                      Self.gallery.appendingPathComponent("template.pgm").path, "-o", scores, "--show", show])
                let map = try NPYCodec.read(path: scores)
                let best = map.doubles.indices.max { map.doubles[$0] < map.doubles[$1] }!
                #expect(best / map.shape[1] == 150 && best % map.shape[1] == 40, "\(scene)")
                #expect(map.doubles[best] > 0.9999)
                #expect(FileManager.default.fileExists(atPath: show))
            }
            let bad = scratch.appendingPathComponent("bad.pgm").path
            try Data("P5\n4 4\n255\nxx".utf8).write(to: URL(fileURLWithPath: bad))
            #expect(throws: ExitCode(2)) { try ConvCLITests.run(["match", bad, bad, "-o", "/dev/null"]) }
        }
    }
}

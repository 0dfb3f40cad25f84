import ArgumentParser
import ConvCommand
import Convolve
import Foundation
import NPYFiles
import Testing

/// `conv` reproduces scipy.signal on committed oracle cases and exits 2 on bad files.
@Suite struct ConvCLITests {
    static func run(_ arguments: [String]) throws {
        var command = try Conv.parseAsRoot(arguments)
        try command.run()
    }

    static let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("conv-cli-tests-\(ProcessInfo.processInfo.processIdentifier)")

    @Test func oracleCasesMatchScipyWithinTheBound() throws {
        try FileManager.default.createDirectory(at: Self.scratch, withIntermediateDirectories: true)
        for case_ in try NPYTests.manifest.oracle {
            let file = { (suffix: String) in NPYTests.folder.appendingPathComponent("\(case_.name)_\(suffix).npy").path }
            for method in ["direct", "gemm", "fft", "auto"] {
                let out = Self.scratch.appendingPathComponent("\(case_.name)_\(method).npy").path
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

    @Test func malformedInputsExitWithStatus2() throws {
        try FileManager.default.createDirectory(at: Self.scratch, withIntermediateDirectories: true)
        let kernel = NPYTests.folder.appendingPathComponent("c1d_full_k.npy").path
        let out = Self.scratch.appendingPathComponent("never.npy").path
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

    @Test func explainNamesTheChoiceAndEveryEstimate() throws {
        let x = NPYTests.folder.appendingPathComponent("c2d_valid_f4_x.npy").path
        let k = NPYTests.folder.appendingPathComponent("c2d_valid_f4_k.npy").path
        try Self.run(["explain", "convolve", x, k, "-o", "/dev/null", "--mode", "valid"])
        #expect(throws: (any Error).self) { try Self.run(["explain", "nonsense"]) }
    }
}

import ArgumentParser
import Convolve
import Foundation
import ImageFiles
import NPYFiles

struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Filter an image (PGM/PPM, or a 2-D .npy) with a named kernel; colour images per channel.",
        discussion: """
        Example: conv filter IN.pgm --kernel gaussian:sigma=2 -o OUT.png
        The kernel is applied as OpenCV's filter2D applies it (correlation), with mode 'same'.
        Results are rounded and clamped to the input's range for image outputs (.pgm/.ppm/.png);
        --absolute writes |result| (signed derivatives); .npy outputs keep the real values.
        """)

    @Argument(help: "The input image: .pgm, .ppm, .pnm or a 2-D .npy.")
    var input: String

    @Option(help: "gaussian:sigma=S[,size=N][,truncate=T], box:size=N, sobel[:x|:y], scharr[:x|:y], laplacian, log:sigma=S, gaussian5x5.")
    var kernel: KernelSpec

    @Option(name: .shortAndLong, help: "The output: .png, .pgm, .ppm or .npy.")
    var output: String

    @Option(help: "zero, constant:V, edge, reflect (default, OpenCV's BORDER_REFLECT_101), symmetric or wrap.")
    var boundary: Boundary = .reflect

    @Option(help: "auto, direct, gemm, fft or reference.")
    var method: Method = .auto

    @Flag(help: "Write the absolute value (for signed results such as sobel:x or laplacian).")
    var absolute = false

    func run() throws {
        try exitingOnInputErrors {
            try reportingInputErrors {
                let (kernels, kind) = try kernel.kernels()
                let (planes, width, height, maxValue) = try readPlanes(input)
                let filtered = try planes.map { plane -> [Double] in
                    let image = try Tensor(shape: [height, width], elements: plane)
                    let responses = try kernels.map {
                        try correlate(image, $0, mode: .same, boundary: boundary, method: method).elements
                    }
                    if kind == .magnitude {
                        return zip(responses[0], responses[1]).map { ($0 * $0 + $1 * $1).squareRoot() }
                    }
                    return absolute ? responses[0].map(abs) : responses[0]
                }
                try writePlanes(filtered, width: width, height: height, maxValue: maxValue, to: output)
            }
        }
    }
}

/// Reads an image file or a 2-D .npy as planes of Double, with the range to write back to.
func readPlanes(_ path: String) throws -> (planes: [[Double]], width: Int, height: Int, maxValue: Int) {
    if path.lowercased().hasSuffix(".npy") {
        let a = try NPYCodec.read(path: path)
        guard a.shape.count == 2 else { throw InputFailure(message: "\(path) has \(a.shape.count) axes; an image must be 2-D") }
        return ([a.doubles], a.shape[1], a.shape[0], 255)
    }
    let image = try ImageFile.read(path: path)
    return ((0..<image.channels).map(image.plane), image.width, image.height, image.maxValue)
}

/// Writes planes as an image (rounded, clamped) or as a .npy (planes stacked when several).
func writePlanes(_ planes: [[Double]], width: Int, height: Int, maxValue: Int, to path: String) throws {
    if path.lowercased().hasSuffix(".npy") {
        let shape = planes.count == 1 ? [height, width] : [planes.count, height, width]
        try NPYCodec.write(NPYArray(shape: shape, values: .float64(planes.flatMap { $0 })), path: path)
        return
    }
    try ImageFile.write(try RasterImage(planes: planes, width: width, height: height, maxValue: maxValue), path: path)
}

import ArgumentParser
import Convolve
import ImageFiles
import NPYFiles

extension MatchMethod: ExpressibleByArgument {}

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Template matching: the score of TEMPLATE at every position inside IMAGE (the 'valid' map).",
        discussion: "zncc equals OpenCV's TM_CCOEFF_NORMED and skimage's match_template. Example: conv match IMAGE.npy TEMPLATE.npy -o SCORES.npy --method zncc")

    @Argument(help: "The image: a 2-D .npy (its float type is the result's) or .pgm/.ppm (colour as luma).")
    var image: String

    @Argument(help: "The template, the same kinds of file, no larger than the image on either axis.")
    var template: String

    @Option(name: .shortAndLong, help: "Where to write the scores (.npy, (H − h + 1) × (W − w + 1)).")
    var output: String

    @Option(help: "zncc, ccorr, ccorr-normed, sqdiff or sqdiff-normed.")
    var method: MatchMethod = .zncc

    @Option(help: "The path for the correlation: auto, direct, gemm, fft or reference.")
    var path: Method = .auto

    @Option(help: "Also write the image with the best match outlined in red (.png or .ppm).")
    var show: String?

    func run() throws {
        try exitingOnInputErrors {
            try reportingInputErrors {
                let isNPY = image.lowercased().hasSuffix(".npy")
                if isNPY, try NPYCodec.read(path: image).isFloat32 { try match(Float.self) } else { try match(Double.self) }
            }
        }
    }

    private func match<T: ConvolveScalar>(_: T.Type) throws {
        let (picture, width, height) = try readGrey(image)
        let (patch, w, h) = try readGrey(template)
        let scores = try matchTemplate(Tensor<T>(shape: [height, width], elements: picture.map { T($0) }),
                                       Tensor<T>(shape: [h, w], elements: patch.map { T($0) }), method: method, path: path)
        try writeTensor(scores, to: output)
        if let show {
            // The best position: the largest score, or the smallest squared difference.
            let values = scores.elements.map { Double($0) }
            let lowest = method == .sqdiff || method == .sqdiffNormed
            let best = values.indices.min { lowest ? values[$0] < values[$1] : values[$0] > values[$1] }!
            try outline(picture, width: width, height: height, y: best / scores.shape[1], x: best % scores.shape[1],
                        h: h, w: w, to: show)
        }
    }

    /// The image as grey (RGB as luma) with a 2-pixel red rectangle around `h × w` at (y, x),
    /// scaled to 0–255.
    private func outline(_ grey: [Double], width: Int, height: Int, y: Int, x: Int, h: Int, w: Int, to path: String) throws {
        let (low, high) = (grey.min()!, grey.max()!)
        let scale = high > low ? 255 / (high - low) : 0
        var planes = [[Double]](repeating: grey.map { ($0 - low) * scale }, count: 3)
        for yy in max(0, y - 2)..<min(height, y + h + 2) {
            for xx in max(0, x - 2)..<min(width, x + w + 2) {
                let inside = yy >= y && yy < y + h && xx >= x && xx < x + w
                guard !inside else { continue }
                planes[0][yy * width + xx] = 255
                planes[1][yy * width + xx] = 0
                planes[2][yy * width + xx] = 0
            }
        }
        try writePlanes(planes, width: width, height: height, maxValue: 255, to: path)
    }
}

/// A 2-D .npy, or an image file as grey (RGB as Rec. 601 luma): values, width, height.
func readGrey(_ path: String) throws -> (values: [Double], width: Int, height: Int) {
    if path.lowercased().hasSuffix(".npy") {
        let a = try NPYCodec.read(path: path)
        guard a.shape.count == 2 else { throw InputFailure(message: "\(path) has \(a.shape.count) axes; it must be 2-D") }
        return (a.doubles, a.shape[1], a.shape[0])
    }
    let image = try ImageFile.read(path: path)
    return (image.luma, image.width, image.height)
}

import ArgumentParser
import Convolve
import NPYFiles

extension MatchMethod: ExpressibleByArgument {}

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Template matching: the score of TEMPLATE at every position inside IMAGE (the 'valid' map).",
        discussion: "zncc equals OpenCV's TM_CCOEFF_NORMED and skimage's match_template. Example: conv match IMAGE.npy TEMPLATE.npy -o SCORES.npy --method zncc")

    @Argument(help: "The image (.npy, 2-D); its float type is the result's.")
    var image: String

    @Argument(help: "The template (.npy, 2-D, no larger than the image on either axis).")
    var template: String

    @Option(name: .shortAndLong, help: "Where to write the scores (.npy, (H − h + 1) × (W − w + 1)).")
    var output: String

    @Option(help: "zncc, ccorr, ccorr-normed, sqdiff or sqdiff-normed.")
    var method: MatchMethod = .zncc

    @Option(help: "The path for the correlation: auto, direct, gemm, fft or reference.")
    var path: Method = .auto

    func run() throws {
        try exitingOnInputErrors {
            try reportingInputErrors {
                if try NPYCodec.read(path: image).isFloat32 { try match(Float.self) } else { try match(Double.self) }
            }
        }
    }

    private func match<T: ConvolveScalar>(_: T.Type) throws {
        let scores = try matchTemplate(readTensor(image, as: T.self), readTensor(template, as: T.self),
                                       method: method, path: path)
        try writeTensor(scores, to: output)
    }
}

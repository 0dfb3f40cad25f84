import ArgumentParser
import Convolve
import NPYFiles

/// The geometry options `conv conv2d` and `conv conv2d-backward` share.
struct LayerArguments: ParsableArguments {
    @Option(help: "Stride: S for both axes, or SH,SW.")
    var stride = "1"

    @Option(help: "Zero padding: P, PH,PW, TOP,LEFT,BOTTOM,RIGHT (ONNX pads order), same (stride 1) or valid.")
    var padding = "0"

    @Option(help: "Dilation: D for both axes, or DH,DW.")
    var dilation = "1"

    @Option(help: "Groups: input and output channels split into G independent groups.")
    var groups = 1

    @Option(help: "auto, direct, gemm, fft or reference.")
    var method: Method = .auto

    static let rank = 2

    func integers(_ text: String, _ name: String) throws -> [Int] {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
            throw ValidationError("--\(name) takes comma-separated integers, got '\(text)'")
        }
        return values.map { $0! }
    }

    func strides() throws -> [Int] { try integers(stride, "stride") }
    func dilations() throws -> [Int] { try integers(dilation, "dilation") }

    func layerPadding() throws -> LayerPadding {
        switch padding {
        case "same": return .same
        case "valid": return .valid
        default:
            let p = try integers(padding, "padding")
            switch p.count {
            case 1, Self.rank: return .symmetric(p)
            case 2 * Self.rank: return .onnx(pads: p)
            default:
                throw ValidationError("--padding takes 1, \(Self.rank) or \(2 * Self.rank) values, got \(p.count)")
            }
        }
    }

    mutating func validate() throws {
        _ = try strides()
        _ = try dilations()
        _ = try layerPadding()
    }
}

/// Reads a .npy file as a tensor of `T` (float32 files as Float, others as Double, then converted).
func readTensor<T: ConvolveScalar>(_ path: String, as _: T.Type) throws -> Tensor<T> {
    let a = try NPYCodec.read(path: path)
    let values: [T] = T.self == Float.self ? a.floats.map { T(Double($0)) } : a.doubles.map { T($0) }
    return try Tensor(shape: a.shape, elements: values)
}

/// Writes `t` as float32 or float64 .npy, by `T`.
func writeTensor<T: ConvolveScalar>(_ t: Tensor<T>, to path: String) throws {
    let values: NPYArray.Values = T.self == Float.self
        ? .float32(t.elements.map { Float(Double($0)) }) : .float64(t.elements.map { Double($0) })
    try NPYCodec.write(NPYArray(shape: t.shape, values: values), path: path)
}

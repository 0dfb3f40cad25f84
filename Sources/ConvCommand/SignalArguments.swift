import ArgumentParser
import Convolve
import ImageFiles
import NPYFiles

/// The arguments `conv convolve` and `conv correlate` share.
struct SignalArguments: ParsableArguments {
    @Argument(help: "The input array (.npy, 1 to 3 dimensions).")
    var input: String

    @Argument(help: "The kernel array (.npy, as many dimensions as the input).")
    var kernel: String

    @Option(name: .shortAndLong, help: "Where to write the result (.npy, the input's float type).")
    var output: String

    @Option(help: "full, same or valid (as scipy.signal).")
    var mode: Mode = .full

    @Option(help: "zero, constant:V, edge, reflect, symmetric or wrap (as numpy.pad).")
    var boundary: Boundary = .zero

    @Option(help: "auto, direct, gemm, fft or reference.")
    var method: Method = .auto
}

extension Mode: ExpressibleByArgument {}
extension Method: ExpressibleByArgument {}

extension Boundary: ExpressibleByArgument {
    /// Parses `zero`, `constant:V`, `edge`, `reflect`, `symmetric`, `wrap`.
    public init?(argument: String) {
        switch argument {
        case "zero": self = .zero
        case "edge": self = .edge
        case "reflect": self = .reflect
        case "symmetric": self = .symmetric
        case "wrap": self = .wrap
        default:
            guard argument.hasPrefix("constant:"), let v = Double(argument.dropFirst("constant:".count)) else {
                return nil
            }
            self = .constant(v)
        }
    }
}

/// Runs `convolve` or `correlate` on the files named in `arguments`, in the input's type.
func runSignal(_ arguments: SignalArguments, semantics: Semantics) throws {
    try reportingInputErrors {
        let x = try NPYCodec.read(path: arguments.input)
        let k = try NPYCodec.read(path: arguments.kernel)
        let result: NPYArray
        if x.isFloat32 {
            let y = try signal(Tensor<Float>(shape: x.shape, elements: x.floats),
                               Tensor<Float>(shape: k.shape, elements: k.floats), arguments, semantics)
            result = NPYArray(shape: y.shape, values: .float32(y.elements))
        } else {
            let y = try signal(Tensor<Double>(shape: x.shape, elements: x.doubles),
                               Tensor<Double>(shape: k.shape, elements: k.doubles), arguments, semantics)
            result = NPYArray(shape: y.shape, values: .float64(y.elements))
        }
        try NPYCodec.write(result, path: arguments.output)
    }
}

private func signal<T: ConvolveScalar>(_ x: Tensor<T>, _ k: Tensor<T>, _ a: SignalArguments,
                                       _ semantics: Semantics) throws -> Tensor<T> {
    semantics == .convolution
        ? try convolve(x, k, mode: a.mode, boundary: a.boundary, method: a.method)
        : try correlate(x, k, mode: a.mode, boundary: a.boundary, method: a.method)
}

/// Runs `body`, turning file and input errors into a message on stderr and exit status 2.
func reportingInputErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as NPYError {
        throw InputFailure(message: error.description)
    } catch let error as ConvolutionError {
        throw InputFailure(message: "refused: \(error.description)")
    } catch let error as ImageError {
        throw InputFailure(message: error.description)
    }
}

/// A refused input: ArgumentParser prints `message` and exits with status 2.
struct InputFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

import ArgumentParser
import Convolve
import NPYFiles

struct ConvolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convolve", abstract: "scipy.signal.convolve(X, K, mode): the kernel flipped.")

    @OptionGroup var arguments: SignalArguments

    func run() throws { try exitingOnInputErrors { try runSignal(arguments, semantics: .convolution) } }
}

struct CorrelateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correlate", abstract: "scipy.signal.correlate(X, K, mode): the kernel as given.")

    @OptionGroup var arguments: SignalArguments

    func run() throws { try exitingOnInputErrors { try runSignal(arguments, semantics: .correlation) } }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print the path auto would choose for a command, and every path's estimated cost.",
        discussion: "Examples: conv explain convolve X.npy K.npy -o Y.npy --mode same; conv explain conv2d X.npy W.npy -o Y.npy --padding 1")

    @Argument(parsing: .captureForPassthrough, help: "A conv command and its arguments.")
    var command: [String] = []

    func run() throws {
        let parsed = try Conv.parseAsRoot(command)
        try exitingOnInputErrors {
            try reportingInputErrors {
                let geometry: ConvolutionGeometry, isFloat32: Bool, finite: Bool, method: Method
                switch parsed {
                case let c as ConvolveCommand:
                    (geometry, isFloat32, finite) = try signalGeometry(c.arguments, .convolution)
                    method = c.arguments.method
                case let c as CorrelateCommand:
                    (geometry, isFloat32, finite) = try signalGeometry(c.arguments, .correlation)
                    method = c.arguments.method
                case let c as Conv2dCommand:
                    (geometry, isFloat32, finite) = try c.geometry()
                    method = c.layer.method
                default:
                    throw ValidationError("explain takes a convolve, correlate or conv2d command")
                }
                let choice = isFloat32
                    ? explain(geometry, scalar: Float.self, inputIsFinite: finite)
                    : explain(geometry, scalar: Double.self, inputIsFinite: finite)
                print(geometry)
                if let forced = method.forcedPath {
                    print("method \(method) forces \(forced); auto would choose:")
                }
                print(choice)
            }
        }
    }

    private func signalGeometry(_ arguments: SignalArguments, _ semantics: Semantics) throws
        -> (ConvolutionGeometry, Bool, Bool) {
        let x = try NPYCodec.read(path: arguments.input), k = try NPYCodec.read(path: arguments.kernel)
        let finite = (x.doubles + k.doubles).allSatisfy(\.isFinite)
        let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: arguments.mode,
                                                      boundary: arguments.boundary, semantics: semantics)
        return (geometry, x.isFloat32, finite)
    }
}

/// Prints an input failure to stderr and exits with status 2; other errors pass through.
func exitingOnInputErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as InputFailure {
        var standardError = StandardError()
        print("conv: \(failure.message)", to: &standardError)
        throw ExitCode(inputErrorStatus)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleStandardError.write(string)
    }
}

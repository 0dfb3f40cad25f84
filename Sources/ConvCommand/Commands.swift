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
        discussion: "Example: conv explain convolve X.npy K.npy -o Y.npy --mode same")

    @Argument(parsing: .captureForPassthrough, help: "A conv command and its arguments.")
    var command: [String] = []

    func run() throws {
        let parsed = try Conv.parseAsRoot(command)
        let arguments: SignalArguments, semantics: Semantics
        switch parsed {
        case let c as ConvolveCommand: (arguments, semantics) = (c.arguments, .convolution)
        case let c as CorrelateCommand: (arguments, semantics) = (c.arguments, .correlation)
        default: throw ValidationError("explain takes a convolve or correlate command")
        }
        try exitingOnInputErrors {
            try reportingInputErrors {
                let x = try NPYCodec.read(path: arguments.input), k = try NPYCodec.read(path: arguments.kernel)
                let finite = (x.doubles + k.doubles).allSatisfy(\.isFinite)
                let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape,
                                                              mode: arguments.mode, boundary: arguments.boundary,
                                                              semantics: semantics)
                let choice = x.isFloat32
                    ? explain(geometry, scalar: Float.self, inputIsFinite: finite)
                    : explain(geometry, scalar: Double.self, inputIsFinite: finite)
                print(geometry)
                if let forced = arguments.method.forcedPath {
                    print("method \(arguments.method) forces \(forced); auto would choose:")
                }
                print(choice)
            }
        }
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

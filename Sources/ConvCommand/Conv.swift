import ArgumentParser

/// `conv`: the oracle command-line tool over `.npy` files. Thin: parse, read, call the
/// library, write. Malformed files and refused inputs exit with status 2 and a message.
public struct Conv: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "conv",
        abstract: "Convolve and correlate .npy arrays with scipy.signal's conventions, and run CNN layers as ONNX Conv does.",
        subcommands: [ConvolveCommand.self, CorrelateCommand.self, Conv2dCommand.self, Conv2dBackwardCommand.self,
                      MatchCommand.self, FilterCommand.self,
                      ExplainCommand.self])

    public init() {}
}

/// Exit status for bad input files and refused arguments.
let inputErrorStatus: Int32 = 2

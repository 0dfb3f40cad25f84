import ArgumentParser
import Convolve
import NPYFiles

struct Conv2dCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv2d",
        abstract: "ONNX Conv / torch.nn.functional.conv2d: NCHW input, OIHW weights, cross-correlation.",
        discussion: "Example: conv conv2d X.npy W.npy -o Y.npy --bias B.npy --stride 2 --padding 3")

    @Argument(help: "The input (.npy, [N, C, H, W]); its float type is the result's.")
    var input: String

    @Argument(help: "The weights (.npy, [O, C/groups, kH, kW]).")
    var weight: String

    @Option(name: .shortAndLong, help: "Where to write the result (.npy, [N, O, H_out, W_out]).")
    var output: String

    @Option(help: "A bias (.npy, [O]).")
    var bias: String?

    @OptionGroup var layer: LayerArguments

    func run() throws {
        try exitingOnInputErrors {
            try reportingInputErrors {
                if try NPYCodec.read(path: input).isFloat32 { try forward(Float.self) } else { try forward(Double.self) }
            }
        }
    }

    private func forward<T: ConvolveScalar>(_: T.Type) throws {
        let x = try readTensor(input, as: T.self), w = try readTensor(weight, as: T.self)
        let b = try bias.map { try readTensor($0, as: T.self) }
        let y = try conv2d(x, weight: w, bias: b, stride: layer.strides(), padding: layer.layerPadding(),
                           dilation: layer.dilations(), groups: layer.groups, method: layer.method)
        try writeTensor(y, to: output)
    }

    /// The geometry this command computes, for `conv explain`.
    func geometry() throws -> (ConvolutionGeometry, isFloat32: Bool, isFinite: Bool) {
        let x = try NPYCodec.read(path: input), w = try NPYCodec.read(path: weight)
        guard x.shape.count == 4 else {
            throw ConvolutionError.unsupportedRank(argument: "input [N, C, spatial…]", rank: x.shape.count, allowed: 4...4)
        }
        return (try .layer(inputShape: x.shape, weightShape: w.shape, stride: layer.strides(),
                           padding: layer.layerPadding(), dilation: layer.dilations(), groups: layer.groups),
                x.isFloat32, (x.doubles + w.doubles).allSatisfy(\.isFinite))
    }
}

struct Conv2dBackwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv2d-backward",
        abstract: "Gradients of conv2d with respect to its input, weights and bias, given the output's gradient.",
        discussion: "Example: conv conv2d-backward DY.npy X.npy W.npy --input-grad DX.npy --weight-grad DW.npy --stride 2")

    @Argument(help: "The gradient of the loss with respect to the output (.npy, [N, O, H_out, W_out]).")
    var outputGradient: String

    @Argument(help: "The forward input (.npy, [N, C, H, W]); its float type is the results'.")
    var input: String

    @Argument(help: "The weights (.npy, [O, C/groups, kH, kW]).")
    var weight: String

    @Option(help: "Where to write the input gradient (.npy, the input's shape).")
    var inputGrad: String

    @Option(help: "Where to write the weight gradient (.npy, the weights' shape).")
    var weightGrad: String

    @Option(help: "Where to write the bias gradient (.npy, [O]).")
    var biasGrad: String?

    @OptionGroup var layer: LayerArguments

    func run() throws {
        try exitingOnInputErrors {
            try reportingInputErrors {
                if try NPYCodec.read(path: input).isFloat32 { try backward(Float.self) } else { try backward(Double.self) }
            }
        }
    }

    private func backward<T: ConvolveScalar>(_: T.Type) throws {
        let dy = try readTensor(outputGradient, as: T.self)
        let x = try readTensor(input, as: T.self), w = try readTensor(weight, as: T.self)
        let g = try conv2dBackward(outputGradient: dy, input: x, weight: w, stride: layer.strides(),
                                   padding: layer.layerPadding(), dilation: layer.dilations(), groups: layer.groups,
                                   method: layer.method)
        try writeTensor(g.input, to: inputGrad)
        try writeTensor(g.weight, to: weightGrad)
        if let biasGrad { try writeTensor(g.bias, to: biasGrad) }
    }
}

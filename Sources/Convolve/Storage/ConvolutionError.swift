/// Every way a call can be refused. Each case names the argument at fault; its
/// `description` says what was wrong and what is allowed. A call that throws has
/// written nothing to any buffer the caller passed.
public enum ConvolutionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A tensor's number of axes is outside what the operation supports.
    case unsupportedRank(argument: String, rank: Int, allowed: ClosedRange<Int>)
    /// Input and kernel have different numbers of axes.
    case rankMismatch(input: Int, kernel: Int)
    /// A per-axis option has the wrong number of entries.
    case optionRankMismatch(option: String, count: Int, expected: Int)
    /// An axis of length zero.
    case emptyAxis(argument: String, axis: Int)
    /// An extent below zero.
    case negativeExtent(argument: String, axis: Int, extent: Int)
    /// `elements.count` differs from the product of `shape`.
    case elementCountMismatch(argument: String, shape: [Int], count: Int)
    /// The product of the extents, or a derived size, does not fit in `Int`.
    case sizeOverflow(argument: String, shape: [Int])
    /// A stride below 1.
    case invalidStride(axis: Int, stride: Int)
    /// A dilation below 1.
    case invalidDilation(axis: Int, dilation: Int)
    /// A negative padding.
    case invalidPadding(axis: Int, before: Int, after: Int)
    /// The padded input is shorter than the dilated kernel along `axis`, so no output exists.
    case noOutput(axis: Int, paddedInput: Int, dilatedKernel: Int)
    /// 'valid' mode needs one of input and kernel to be at least as large as the other on every axis.
    case validModeNeedsCoveringShapes(input: [Int], kernel: [Int])
    /// A reflecting boundary on an axis of length 1 has nothing to reflect.
    case boundaryNeedsTwoSamples(boundary: String, axis: Int)
    /// The FFT path was forced on data holding NaN or ±∞, which it would spread to every output.
    case nonFiniteInputForFFT(argument: String)
    /// The workspace budget cannot hold the smallest unit a path works in (`unit`: one
    /// im2col column, one Winograd tile's transforms).
    case workspaceBudgetTooSmall(unit: String, neededBytes: Int, budgetBytes: Int)
    /// A caller-provided output has the wrong shape.
    case outputShapeMismatch(expected: [Int], actual: [Int])
    /// Channels or groups that do not divide as grouped convolution requires.
    case invalidGroups(groups: Int, inputChannels: Int, outputChannels: Int)
    /// A batch, channel or group count below 1.
    case invalidCount(argument: String, value: Int)
    /// A thread count below 1.
    case invalidThreadCount(Int)
    /// A tensor whose shape differs from the one the call needs.
    case shapeMismatch(argument: String, expected: [Int], actual: [Int])
    /// A layer's weight has `weightChannels` input channels per group where the input's
    /// `inputChannels` split into `groups` groups need `inputChannels / groups`.
    case weightChannelMismatch(inputChannels: Int, weightChannels: Int, groups: Int)
    /// A bias that is not a vector of one value per output channel.
    case biasShapeMismatch(outputChannels: Int, shape: [Int])
    /// 'same' padding was asked for with a stride above 1, where it is not defined.
    case samePaddingNeedsUnitStride(stride: [Int])
    /// A forced path that cannot compute this geometry at all; `reason` names its limit.
    case pathUnsupported(path: String, reason: String)
    /// A template larger than the image it is matched against.
    case templateLargerThanImage(image: [Int], template: [Int])
    /// A named kernel's parameter out of range.
    case invalidKernelParameter(kernel: String, parameter: String, value: Double, allowed: String)
    /// An FFTW wisdom file that could not be read, written or accepted; `reason` says which.
    case wisdomFile(path: String, reason: String)
    /// An autotune file that could not be read, written or parsed; `reason` says which.
    case tuningFile(path: String, reason: String)
    /// A cost profile that could not be read, written or parsed; `reason` says which.
    case costProfileFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unsupportedRank(argument, rank, allowed):
            return "\(argument) has \(rank) axes; allowed: \(allowed.lowerBound) to \(allowed.upperBound)"
        case let .rankMismatch(input, kernel):
            return "input has \(input) axes but kernel has \(kernel); they must have the same number of axes"
        case let .optionRankMismatch(option, count, expected):
            return "\(option) has \(count) entries; it needs one per spatial axis (\(expected)) or a single value"
        case let .emptyAxis(argument, axis):
            return "\(argument) axis \(axis) has length 0; every axis needs at least one element"
        case let .negativeExtent(argument, axis, extent):
            return "\(argument) axis \(axis) has extent \(extent); extents must be ≥ 0"
        case let .elementCountMismatch(argument, shape, count):
            return "\(argument) holds \(count) elements but shape \(shape) needs \(Shape.product(shape))"
        case let .sizeOverflow(argument, shape):
            return "\(argument) of shape \(shape) has more elements than Int can count (at most \(Int.max))"
        case let .invalidStride(axis, stride):
            return "stride on axis \(axis) is \(stride); strides must be ≥ 1"
        case let .invalidDilation(axis, dilation):
            return "dilation on axis \(axis) is \(dilation); dilations must be ≥ 1"
        case let .invalidPadding(axis, before, after):
            return "padding on axis \(axis) is (\(before), \(after)); padding must be ≥ 0"
        case let .noOutput(axis, paddedInput, dilatedKernel):
            return "axis \(axis): the padded input (\(paddedInput)) is shorter than the dilated kernel (\(dilatedKernel)), so there is no output; the padded input must be at least as long as dilation·(kernel−1)+1"
        case let .validModeNeedsCoveringShapes(input, kernel):
            return "mode 'valid' with input \(input) and kernel \(kernel): one must be at least as large as the other on every axis"
        case let .boundaryNeedsTwoSamples(boundary, axis):
            return "boundary '\(boundary)' on axis \(axis) of length 1: reflection needs at least 2 samples; use 'edge' or 'symmetric' there"
        case let .nonFiniteInputForFFT(argument):
            return "\(argument) holds NaN or ±infinity; the FFT path would spread it to every output. Use method 'direct' or 'gemm', or 'auto' (which avoids FFT here)"
        case let .workspaceBudgetTooSmall(unit, needed, budget):
            return "\(unit) needs \(needed) bytes, but the workspace budget is \(budget) bytes; raise workspaceBudget to at least \(needed) or use another method"
        case let .outputShapeMismatch(expected, actual):
            return "output has shape \(actual); this call produces shape \(expected)"
        case let .invalidGroups(groups, inputChannels, outputChannels):
            return "groups = \(groups) must be ≥ 1 and divide both input channels (\(inputChannels)) and output channels (\(outputChannels))"
        case let .invalidCount(argument, value):
            return "\(argument) is \(value); it must be ≥ 1"
        case let .invalidThreadCount(threads):
            return "thread count \(threads); it must be ≥ 1"
        case let .shapeMismatch(argument, expected, actual):
            return "\(argument) has shape \(actual); this call needs shape \(expected)"
        case let .weightChannelMismatch(inputChannels, weightChannels, groups):
            return "weight has \(weightChannels) input channels per group, but the input's \(inputChannels) channels in \(groups) group(s) need \(inputChannels / groups); the weight's shape must be [outputChannels, inputChannels/groups, kernel…]"
        case let .biasShapeMismatch(outputChannels, shape):
            return "bias has shape \(shape); it must be [\(outputChannels)], one value per output channel"
        case let .templateLargerThanImage(image, template):
            return "template \(template) is larger than image \(image) on some axis; it must fit inside the image"
        case let .invalidKernelParameter(kernel, parameter, value, allowed):
            return "\(kernel) kernel: \(parameter) = \(value); it must be \(allowed)"
        case let .wisdomFile(path, reason):
            return "FFTW wisdom file \(path) \(reason)"
        case let .tuningFile(path, reason):
            return "autotune file \(path) \(reason)"
        case let .costProfileFile(path, reason):
            return "cost profile \(path) \(reason)"
        case let .pathUnsupported(path, reason):
            return "the \(path) path cannot compute this: \(reason); use method auto, direct, gemm or fft, which compute every geometry"
        case let .samePaddingNeedsUnitStride(stride):
            return "padding 'same' with stride \(stride): 'same' is defined only for stride 1 (as in PyTorch); give explicit padding for strided layers"
        }
    }
}

/// What to compute, independent of how: the one problem description every face lowers
/// into and every path implements.
///
/// Tensors are laid out batch-first and channel-first (NC + spatial, row-major):
/// input `[batch, inputChannels, n_1, …, n_d]`, kernel `[outputChannels,
/// inputChannels/groups, k_1, …, k_d]`, output `[batch, outputChannels, o_1, …, o_d]`,
/// with d = 1, 2 or 3 spatial axes. With `P` the input extended along each axis by
/// `padBefore`/`padAfter` positions using `boundary`, `G = groups`, `Cg = inputChannels/G`,
/// `Og = outputChannels/G` and `g = ⌊o / Og⌋`, every path computes
///
///     out[b, o, y] = Σ_{c < Cg} Σ_r P[b, g·Cg + c, y·stride + r·dilation] · K'[o, c, r]
///
/// (products and sums per axis), where `K' = K` for correlation and `K'` is `K`
/// reversed along every spatial axis for convolution. The output extent per axis is
/// `o = ⌊(n + padBefore + padAfter − dilation·(k − 1) − 1) / stride⌋ + 1`.
public struct ConvolutionGeometry: Hashable, Sendable, CustomStringConvertible {
    public let batch: Int
    public let inputChannels: Int
    public let outputChannels: Int
    public let groups: Int
    /// Spatial extents of the input, `n_1 … n_d`.
    public let inputExtent: [Int]
    /// Spatial extents of the kernel, `k_1 … k_d`.
    public let kernelExtent: [Int]
    public let stride: [Int]
    public let dilation: [Int]
    public let padBefore: [Int]
    public let padAfter: [Int]
    public let boundary: Boundary
    public let semantics: Semantics
    /// Spatial extents of the output, derived once here.
    public let outputExtent: [Int]

    /// Validates and derives the output extent.
    ///
    /// Per-axis options (`stride`, `dilation`, `padBefore`, `padAfter`) take one value per
    /// spatial axis, or a single value for all axes, or nothing for the default
    /// (stride 1, dilation 1, no padding).
    public init(
        batch: Int = 1, inputChannels: Int = 1, outputChannels: Int = 1, groups: Int = 1,
        inputExtent: [Int], kernelExtent: [Int],
        stride: [Int] = [], dilation: [Int] = [], padBefore: [Int] = [], padAfter: [Int] = [],
        boundary: Boundary = .zero, semantics: Semantics = .correlation
    ) throws(ConvolutionError) {
        let rank = inputExtent.count
        guard (1...3).contains(rank) else {
            throw .unsupportedRank(argument: "input (spatial axes)", rank: rank, allowed: 1...3)
        }
        guard kernelExtent.count == rank else {
            throw .rankMismatch(input: rank, kernel: kernelExtent.count)
        }
        for (name, value) in [("batch", batch), ("inputChannels", inputChannels),
                              ("outputChannels", outputChannels), ("groups", groups)] where value < 1 {
            throw .invalidCount(argument: name, value: value)
        }
        guard inputChannels % groups == 0, outputChannels % groups == 0 else {
            throw .invalidGroups(groups: groups, inputChannels: inputChannels, outputChannels: outputChannels)
        }
        func perAxis(_ values: [Int], _ name: String, default value: Int) throws(ConvolutionError) -> [Int] {
            if values.isEmpty { return Array(repeating: value, count: rank) }
            if values.count == 1 { return Array(repeating: values[0], count: rank) }
            guard values.count == rank else {
                throw .optionRankMismatch(option: name, count: values.count, expected: rank)
            }
            return values
        }
        let stride = try perAxis(stride, "stride", default: 1)
        let dilation = try perAxis(dilation, "dilation", default: 1)
        let padBefore = try perAxis(padBefore, "padBefore", default: 0)
        let padAfter = try perAxis(padAfter, "padAfter", default: 0)

        var outputExtent: [Int] = []
        for axis in 0..<rank {
            guard inputExtent[axis] > 0 else { throw .emptyAxis(argument: "input", axis: axis) }
            guard kernelExtent[axis] > 0 else { throw .emptyAxis(argument: "kernel", axis: axis) }
            guard stride[axis] >= 1 else { throw .invalidStride(axis: axis, stride: stride[axis]) }
            guard dilation[axis] >= 1 else { throw .invalidDilation(axis: axis, dilation: dilation[axis]) }
            guard padBefore[axis] >= 0, padAfter[axis] >= 0 else {
                throw .invalidPadding(axis: axis, before: padBefore[axis], after: padAfter[axis])
            }
            if padBefore[axis] > 0 || padAfter[axis] > 0, inputExtent[axis] < boundary.minimumLength {
                throw .boundaryNeedsTwoSamples(boundary: boundary.description, axis: axis)
            }
            let padded = try Self.checkedSum([inputExtent[axis], padBefore[axis], padAfter[axis]])
            let (span, spanOverflow) = dilation[axis].multipliedReportingOverflow(by: kernelExtent[axis] - 1)
            guard !spanOverflow else { throw .sizeOverflow(argument: "dilated kernel", shape: kernelExtent) }
            let dilated = span + 1
            guard padded >= dilated else {
                throw .noOutput(axis: axis, paddedInput: padded, dilatedKernel: dilated)
            }
            outputExtent.append((padded - dilated) / stride[axis] + 1)
        }
        self.batch = batch
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.groups = groups
        self.inputExtent = inputExtent
        self.kernelExtent = kernelExtent
        self.stride = stride
        self.dilation = dilation
        self.padBefore = padBefore
        self.padAfter = padAfter
        self.boundary = boundary
        self.semantics = semantics
        self.outputExtent = outputExtent
        // Every tensor and workspace size derived later must be countable.
        _ = try Shape.elementCount(inputShape, argument: "input")
        _ = try Shape.elementCount(kernelShape, argument: "kernel")
        _ = try Shape.elementCount(outputShape, argument: "output")
        _ = try Shape.elementCount([batch, inputChannels] + paddedExtent, argument: "padded input")
        _ = try Shape.elementCount([outputChannels, inputChannels / groups] + kernelExtent + outputExtent,
                                   argument: "multiply-add count")
    }

    private static func checkedSum(_ terms: [Int]) throws(ConvolutionError) -> Int {
        var sum = 0
        for term in terms {
            let (s, overflow) = sum.addingReportingOverflow(term)
            guard !overflow else { throw .sizeOverflow(argument: "padded input", shape: terms) }
            sum = s
        }
        return sum
    }

    /// The number of spatial axes, 1 to 3.
    public var spatialRank: Int { inputExtent.count }
    /// Input channels per group, `Cg`.
    public var groupInputChannels: Int { inputChannels / groups }
    /// Output channels per group, `Og`.
    public var groupOutputChannels: Int { outputChannels / groups }
    /// `n + padBefore + padAfter` per axis.
    public var paddedExtent: [Int] { (0..<spatialRank).map { inputExtent[$0] + padBefore[$0] + padAfter[$0] } }
    /// `dilation·(k − 1) + 1` per axis.
    public var dilatedKernelExtent: [Int] { (0..<spatialRank).map { dilation[$0] * (kernelExtent[$0] - 1) + 1 } }
    public var inputShape: [Int] { [batch, inputChannels] + inputExtent }
    public var kernelShape: [Int] { [outputChannels, groupInputChannels] + kernelExtent }
    public var outputShape: [Int] { [batch, outputChannels] + outputExtent }
    /// Kernel taps per output value and input channel, `∏ k`.
    public var kernelVolume: Int { Shape.product(kernelExtent) }
    /// Output positions per output channel, `∏ o`.
    public var outputVolume: Int { Shape.product(outputExtent) }
    /// Multiply-adds of the sliding-window sum: `batch · outputChannels · Cg · ∏o · ∏k`.
    public var multiplyAdds: Int { batch * outputChannels * groupInputChannels * outputVolume * kernelVolume }
    /// True when no padding is applied on any axis.
    public var isUnpadded: Bool { padBefore.allSatisfy { $0 == 0 } && padAfter.allSatisfy { $0 == 0 } }

    public var description: String {
        var parts = ["\(semantics) \(spatialRank)-D", "input \(inputShape)", "kernel \(kernelShape)",
                     "output \(outputShape)"]
        if stride.contains(where: { $0 != 1 }) { parts.append("stride \(stride)") }
        if dilation.contains(where: { $0 != 1 }) { parts.append("dilation \(dilation)") }
        if !isUnpadded { parts.append("pad \(padBefore)/\(padAfter) \(boundary)") }
        if groups != 1 { parts.append("groups \(groups)") }
        return parts.joined(separator: ", ")
    }
}

/// The CNN face: batched, multi-channel layers with ONNX Conv's and
/// `torch.nn.functional.conv1d/2d/3d`'s semantics, lowered into a ``ConvolutionGeometry``.
///
/// CNN "convolution" is cross-correlation: no kernel flip,
///
///     y[b, o, i] = bias[o] + Σ_{c < C/G} Σ_r x̃[b, g·C/G + c, i·s + r·d] · w[o, c, r],   g = ⌊o / (O/G)⌋,
///
/// with `x̃` the input zero-padded per axis, `s` the stride, `d` the dilation, `G` the groups.

extension ConvolutionGeometry {
    /// The geometry of a layer applying weights of `weightShape` `[O, C/groups, k_1, …, k_d]`
    /// to input of `inputShape` `[N, C, n_1, …, n_d]` (d = 1, 2 or 3): NCW/OIW, NCHW/OIHW or
    /// NCDHW/OIDHW. `stride` and `dilation` take one value per spatial axis or one for all.
    public static func layer(
        inputShape: [Int], weightShape: [Int], stride: [Int] = [1], padding: LayerPadding = .valid,
        dilation: [Int] = [1], groups: Int = 1
    ) throws(ConvolutionError) -> ConvolutionGeometry {
        guard (3...5).contains(inputShape.count) else {
            throw .unsupportedRank(argument: "input [N, C, spatial…]", rank: inputShape.count, allowed: 3...5)
        }
        guard weightShape.count == inputShape.count else {
            throw .rankMismatch(input: inputShape.count, kernel: weightShape.count)
        }
        for (name, shape) in [("input", inputShape), ("weight", weightShape)] {
            for (axis, extent) in shape.enumerated() where extent < 0 {
                throw .negativeExtent(argument: name, axis: axis, extent: extent)
            }
        }
        let channels = inputShape[1], outputs = weightShape[0], weightChannels = weightShape[1]
        guard groups >= 1 else { throw .invalidCount(argument: "groups", value: groups) }
        guard channels % groups == 0, outputs % groups == 0 else {
            throw .invalidGroups(groups: groups, inputChannels: channels, outputChannels: outputs)
        }
        guard weightChannels * groups == channels else {
            throw .weightChannelMismatch(inputChannels: channels, weightChannels: weightChannels, groups: groups)
        }
        let rank = inputShape.count - 2
        func perAxis(_ values: [Int], _ name: String) throws(ConvolutionError) -> [Int] {
            if values.isEmpty { return Array(repeating: 1, count: rank) }
            if values.count == 1 { return Array(repeating: values[0], count: rank) }
            guard values.count == rank else {
                throw .optionRankMismatch(option: name, count: values.count, expected: rank)
            }
            return values
        }
        let stride = try perAxis(stride, "stride"), dilation = try perAxis(dilation, "dilation")
        let kernelExtent = Array(weightShape[2...])
        let (before, after) = try padding.amounts(kernelExtent: kernelExtent, dilation: dilation, stride: stride)
        return try ConvolutionGeometry(
            batch: inputShape[0], inputChannels: channels, outputChannels: outputs, groups: groups,
            inputExtent: Array(inputShape[2...]), kernelExtent: kernelExtent, stride: stride, dilation: dilation,
            padBefore: before, padAfter: after, boundary: .zero, semantics: .correlation)
    }
}

/// A layer of any spatial rank (1 to 3): `input` `[N, C, spatial…]`, `weight`
/// `[O, C/groups, kernel…]`, optional `bias` `[O]`; the result is `[N, O, output…]`.
/// See ``conv2d(_:weight:bias:stride:padding:dilation:groups:method:options:)``.
@_specialize(where T == Float)
@_specialize(where T == Double)
public func convNd<T: ConvolveScalar>(
    _ input: Tensor<T>, weight: Tensor<T>, bias: Tensor<T>? = nil, stride: [Int] = [1],
    padding: LayerPadding = .valid, dilation: [Int] = [1], groups: Int = 1,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    let geometry = try ConvolutionGeometry.layer(inputShape: input.shape, weightShape: weight.shape, stride: stride,
                                                 padding: padding, dilation: dilation, groups: groups)
    try LayerBias.validate(bias, geometry)
    let elements = try Engine.run(geometry, input: input.elements, kernel: weight.elements, bias: bias?.elements,
                                  method: method, options: options)
    return Tensor(validShape: geometry.outputShape, elements: elements)
}

/// `torch.nn.functional.conv1d` / ONNX Conv over NCW input and OIW weights.
public func conv1d<T: ConvolveScalar>(
    _ input: Tensor<T>, weight: Tensor<T>, bias: Tensor<T>? = nil, stride: [Int] = [1],
    padding: LayerPadding = .valid, dilation: [Int] = [1], groups: Int = 1,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    try LayerBias.requireRank(input, 3)
    return try convNd(input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                      groups: groups, method: method, options: options)
}

/// `torch.nn.functional.conv2d` / ONNX Conv: NCHW input `[N, C, H, W]`, OIHW weights
/// `[O, C/groups, kH, kW]`, optional bias `[O]`, result `[N, O, H_out, W_out]` with
/// `H_out = ⌊(H + pad_top + pad_bottom − dilation·(kH − 1) − 1)/stride⌋ + 1` (likewise W).
///
/// - Parameters:
///   - stride, dilation: one value for both axes or `[sH, sW]`.
///   - padding: zeros added around the input; see ``LayerPadding``.
///   - groups: input and output channels split into this many independent groups;
///     `groups = C` with `O = C·m` is a depthwise convolution.
///   - method: `auto` (the chooser), or a forced path.
/// - Throws: ``ConvolutionError`` for a wrong rank, channels not divisible by `groups`,
///   a weight/input channel mismatch, a bias of the wrong length, a kernel larger than the
///   padded input, a stride or dilation below 1, or 'same' with stride > 1.
@_specialize(where T == Float)
@_specialize(where T == Double)
public func conv2d<T: ConvolveScalar>(
    _ input: Tensor<T>, weight: Tensor<T>, bias: Tensor<T>? = nil, stride: [Int] = [1],
    padding: LayerPadding = .valid, dilation: [Int] = [1], groups: Int = 1,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    try LayerBias.requireRank(input, 4)
    return try convNd(input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                      groups: groups, method: method, options: options)
}

/// `torch.nn.functional.conv3d` / ONNX Conv over NCDHW input and OIDHW weights.
public func conv3d<T: ConvolveScalar>(
    _ input: Tensor<T>, weight: Tensor<T>, bias: Tensor<T>? = nil, stride: [Int] = [1],
    padding: LayerPadding = .valid, dilation: [Int] = [1], groups: Int = 1,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    try LayerBias.requireRank(input, 5)
    return try convNd(input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                      groups: groups, method: method, options: options)
}

/// The bias of a layer: its validation (the engine adds it, ``OutputBias``).
enum LayerBias {
    static func validate<T>(_ bias: Tensor<T>?, _ geometry: ConvolutionGeometry) throws(ConvolutionError) {
        guard let bias else { return }
        guard bias.shape == [geometry.outputChannels] else {
            throw .biasShapeMismatch(outputChannels: geometry.outputChannels, shape: bias.shape)
        }
    }

    static func requireRank<T>(_ input: Tensor<T>, _ rank: Int) throws(ConvolutionError) {
        guard input.rank == rank else {
            throw .unsupportedRank(argument: "input [N, C, spatial…]", rank: input.rank, allowed: rank...rank)
        }
    }
}

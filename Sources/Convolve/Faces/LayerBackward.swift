/// The backward pass of a CNN layer: the gradients of a loss `L` with respect to the
/// layer's input, weights and bias, given `∂L/∂y`. Computed by ``inputGradient(_:outputGradient:kernel:method:options:)``,
/// ``kernelGradient(_:outputGradient:input:method:options:)`` and ``biasGradient(_:outputGradient:)``
/// on the layer's geometry.
public struct LayerGradients<T: ConvolveScalar>: Sendable {
    /// `∂L/∂x`, the input's shape `[N, C, spatial…]`.
    public let input: Tensor<T>
    /// `∂L/∂w`, the weight's shape `[O, C/groups, kernel…]`.
    public let weight: Tensor<T>
    /// `∂L/∂bias`, `[O]`.
    public let bias: Tensor<T>
}

/// The gradients of ``convNd(_:weight:bias:stride:padding:dilation:groups:method:options:)``
/// with respect to `input`, `weight` and the bias, given `outputGradient` (`∂L/∂y`, the
/// forward output's shape). `method` applies to both engine calls (input and weight).
@_specialize(where T == Float)
@_specialize(where T == Double)
public func convNdBackward<T: ConvolveScalar>(
    outputGradient: Tensor<T>, input: Tensor<T>, weight: Tensor<T>, stride: [Int] = [1],
    padding: LayerPadding = .valid, dilation: [Int] = [1], groups: Int = 1,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> LayerGradients<T> {
    let geometry = try ConvolutionGeometry.layer(inputShape: input.shape, weightShape: weight.shape, stride: stride,
                                                 padding: padding, dilation: dilation, groups: groups)
    try outputGradient.requireShape(geometry.outputShape, "outputGradient")
    try options.validate()
    return LayerGradients(
        input: try inputGradient(geometry, outputGradient: outputGradient, kernel: weight, method: method,
                                 options: options),
        weight: try kernelGradient(geometry, outputGradient: outputGradient, input: input, method: method,
                                   options: options),
        bias: try biasGradient(geometry, outputGradient: outputGradient))
}

/// The gradients of ``conv2d(_:weight:bias:stride:padding:dilation:groups:method:options:)``;
/// see ``convNdBackward(outputGradient:input:weight:stride:padding:dilation:groups:method:options:)``.
public func conv2dBackward<T: ConvolveScalar>(
    outputGradient: Tensor<T>, input: Tensor<T>, weight: Tensor<T>, stride: [Int] = [1],
    padding: LayerPadding = .valid, dilation: [Int] = [1], groups: Int = 1,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> LayerGradients<T> {
    try LayerBias.requireRank(input, 4)
    return try convNdBackward(outputGradient: outputGradient, input: input, weight: weight, stride: stride,
                              padding: padding, dilation: dilation, groups: groups, method: method, options: options)
}

extension ConvolutionLayer {
    /// The gradients of this layer at `input`, given `outputGradient` (`∂L/∂y`).
    public func backward(outputGradient: Tensor<T>, input: Tensor<T>) throws(ConvolutionError) -> LayerGradients<T> {
        try convNdBackward(outputGradient: outputGradient, input: input, weight: weight, stride: stride,
                           padding: padding, dilation: dilation, groups: groups, method: method, options: options)
    }
}

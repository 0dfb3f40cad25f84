/// The engine over any ``ConvolutionGeometry``: batches, channels, groups, stride,
/// dilation, padding and boundary. Both faces are thin layers over this.
///
/// `input` has `geometry.inputShape`, `kernel` has `geometry.kernelShape`; the result has
/// `geometry.outputShape`, computed as the geometry's doc comment states.
/// - Throws: ``ConvolutionError`` when a shape disagrees with the geometry or the method
///   cannot run it; nothing is computed then.
@_specialize(where T == Float)
@_specialize(where T == Double)
public func compute<T: ConvolveScalar>(
    _ geometry: ConvolutionGeometry, input: Tensor<T>, kernel: Tensor<T>,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    try input.requireShape(geometry.inputShape, "input")
    try kernel.requireShape(geometry.kernelShape, "kernel")
    let elements = try Engine.run(geometry, input: input.elements, kernel: kernel.elements,
                                  method: method, options: options)
    return Tensor(validShape: geometry.outputShape, elements: elements)
}

/// Frees the scratch memory Convolve keeps between calls (at most 256 MiB, reused by later
/// calls of similar size to avoid page faults). Safe at any time, from any thread.
public func releaseCachedWorkspaces() {
    WorkspacePool.removeAll()
}

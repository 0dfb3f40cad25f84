/// The signal-processing face: N-D `convolve` and `correlate` with scipy.signal's
/// conventions, lowered into a single-channel ``ConvolutionGeometry``.

extension ConvolutionGeometry {
    /// The geometry of `scipy.signal.convolve(x, k, mode)` (`semantics: .convolution`) or
    /// `scipy.signal.correlate(x, k, mode)` (`.correlation`) for 1-D to 3-D `x` and `k`,
    /// with the input extended by `boundary` (numpy.pad's modes) in `full` and `same`.
    ///
    /// Per axis: `full` pads `k − 1` on both sides; `same` pads `⌊k/2⌋` before and
    /// `⌊(k − 1)/2⌋` after; `valid` pads nothing, or, when the kernel is the larger
    /// operand on every axis, `k − n` zeros on both sides, which yields scipy's
    /// `k − n + 1` central outputs of the full result.
    public static func signal(
        inputShape: [Int], kernelShape: [Int], mode: Mode, boundary: Boundary = .zero, semantics: Semantics
    ) throws(ConvolutionError) -> ConvolutionGeometry {
        guard (1...3).contains(inputShape.count) else {
            throw .unsupportedRank(argument: "input", rank: inputShape.count, allowed: 1...3)
        }
        guard kernelShape.count == inputShape.count else {
            throw .rankMismatch(input: inputShape.count, kernel: kernelShape.count)
        }
        for (name, shape) in [("input", inputShape), ("kernel", kernelShape)] {
            for (axis, extent) in shape.enumerated() {
                if extent < 0 { throw .negativeExtent(argument: name, axis: axis, extent: extent) }
                if extent == 0 { throw .emptyAxis(argument: name, axis: axis) }
            }
        }
        let pairs = Array(zip(inputShape, kernelShape))
        var before: [Int], after: [Int], extension_ = boundary
        switch mode {
        case .full:
            before = kernelShape.map { $0 - 1 }
            after = before
        case .same:
            before = kernelShape.map { $0 / 2 }
            after = kernelShape.map { ($0 - 1) / 2 }
        case .valid:
            extension_ = .zero
            if pairs.allSatisfy({ $0 >= $1 }) {
                before = Array(repeating: 0, count: inputShape.count)
            } else if pairs.allSatisfy({ $1 >= $0 }) {
                before = pairs.map { $1 - $0 }
            } else {
                throw .validModeNeedsCoveringShapes(input: inputShape, kernel: kernelShape)
            }
            after = before
        }
        return try ConvolutionGeometry(
            inputExtent: inputShape, kernelExtent: kernelShape,
            padBefore: before, padAfter: after, boundary: extension_, semantics: semantics)
    }
}

/// `scipy.signal.convolve(input, kernel, mode)`: `y[i] = Σ_j x̃[j] · k[i − j]`, `x̃` the
/// input extended by `boundary`, for 1- to 3-D tensors of equal rank.
///
/// - Parameters:
///   - mode: `full` (scipy's default), `same` or `valid`; see ``Mode``.
///   - boundary: how the input is extended in `full` and `same` (numpy.pad's modes);
///     `zero` gives scipy.signal's results.
///   - method: a path, or `auto` to let the chooser pick (never FFT on NaN or ±∞).
/// - Throws: ``ConvolutionError`` naming the bad argument; nothing is computed then.
@_specialize(where T == Float)
@_specialize(where T == Double)
public func convolve<T: ConvolveScalar>(
    _ input: Tensor<T>, _ kernel: Tensor<T>, mode: Mode = .full, boundary: Boundary = .zero,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    try signalOperation(input, kernel, mode: mode, boundary: boundary, semantics: .convolution,
                        method: method, options: options)
}

/// `scipy.signal.correlate(input, kernel, mode)`: `y[i] = Σ_j x̃[i + j] · k[j]`, with
/// scipy's alignment of the kernel for each mode (`correlate(x, k) = convolve(x, flip(k))`).
/// Parameters and errors as ``convolve(_:_:mode:boundary:method:options:)``.
@_specialize(where T == Float)
@_specialize(where T == Double)
public func correlate<T: ConvolveScalar>(
    _ input: Tensor<T>, _ kernel: Tensor<T>, mode: Mode = .full, boundary: Boundary = .zero,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    try signalOperation(input, kernel, mode: mode, boundary: boundary, semantics: .correlation,
                        method: method, options: options)
}

/// ``convolve(_:_:mode:boundary:method:options:)`` writing into `output`, which must
/// already have the result's shape. Everything is validated before `output` is touched,
/// so on error it is left as it was.
public func convolve<T: ConvolveScalar>(
    _ input: Tensor<T>, _ kernel: Tensor<T>, into output: inout Tensor<T>, mode: Mode = .full,
    boundary: Boundary = .zero, method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) {
    try signalOperation(input, kernel, into: &output, mode: mode, boundary: boundary, semantics: .convolution,
                        method: method, options: options)
}

/// ``correlate(_:_:mode:boundary:method:options:)`` writing into `output`, which must
/// already have the result's shape. On error `output` is left as it was.
public func correlate<T: ConvolveScalar>(
    _ input: Tensor<T>, _ kernel: Tensor<T>, into output: inout Tensor<T>, mode: Mode = .full,
    boundary: Boundary = .zero, method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) {
    try signalOperation(input, kernel, into: &output, mode: mode, boundary: boundary, semantics: .correlation,
                        method: method, options: options)
}

/// What `auto` would choose for `convolve`/`correlate` of these shapes, and why. With a
/// 2-D rank-1 `kernel` given, `auto` may instead run a row and a column pass
/// (``SeparableChoice``); ``explainSeparable(input:kernel:mode:boundary:semantics:options:)`` says when.
public func explainSignal<T: ConvolveScalar>(
    inputShape: [Int], kernelShape: [Int], mode: Mode = .full, boundary: Boundary = .zero,
    semantics: Semantics = .convolution, scalar: T.Type, options: ConvolutionOptions = .init(),
    inputIsFinite: Bool = true
) throws(ConvolutionError) -> PathChoice {
    let geometry = try ConvolutionGeometry.signal(inputShape: inputShape, kernelShape: kernelShape, mode: mode,
                                                  boundary: boundary, semantics: semantics)
    return explain(geometry, scalar: T.self, options: options, inputIsFinite: inputIsFinite)
}

/// Whether `auto` runs this 2-D `convolve`/`correlate` as two 1-D passes of a rank-1
/// kernel, with both estimates: nil when the kernel is not rank 1 (or the problem not 2-D).
public func explainSeparable<T: ConvolveScalar>(
    input: Tensor<T>, kernel: Tensor<T>, mode: Mode = .full, boundary: Boundary = .zero,
    semantics: Semantics = .convolution, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> (separable: Bool, passesSeconds: Double, bestPathSeconds: Double)? {
    let geometry = try ConvolutionGeometry.signal(inputShape: input.shape, kernelShape: kernel.shape, mode: mode,
                                                  boundary: boundary, semantics: semantics)
    guard let plan = SeparableChoice.plan(geometry, kernel: kernel, mode: mode, boundary: boundary, options: options,
                                          inputIsFinite: input.isFinite) else { return nil }
    let best = PathChooser.choose(geometry, scalarSize: MemoryLayout<T>.size, options: options,
                                  inputIsFinite: input.isFinite && kernel.isFinite).estimates.values.min()!
    return (plan.seconds * 1.25 < best, plan.seconds, best)
}

private func signalOperation<T: ConvolveScalar>(
    _ input: Tensor<T>, _ kernel: Tensor<T>, mode: Mode, boundary: Boundary, semantics: Semantics,
    method: Method, options: ConvolutionOptions
) throws(ConvolutionError) -> Tensor<T> {
    let geometry = try ConvolutionGeometry.signal(inputShape: input.shape, kernelShape: kernel.shape,
                                                  mode: mode, boundary: boundary, semantics: semantics)
    if method == .auto, let separable = try separableRoute(geometry, input, kernel, mode, boundary, options) {
        return try filterSeparable(input, separable, mode: mode, boundary: boundary, semantics: semantics,
                                   options: options)
    }
    let elements = try Engine.run(geometry, input: input.elements, kernel: kernel.elements,
                                  method: method, options: options)
    return Tensor(validShape: geometry.outputExtent, elements: elements)
}

/// The rank-1 factors when `auto` should run two 1-D passes instead of the best 2-D path
/// (estimated at least 1.25× faster; see ``SeparableChoice``).
private func separableRoute<T: ConvolveScalar>(
    _ geometry: ConvolutionGeometry, _ input: Tensor<T>, _ kernel: Tensor<T>, _ mode: Mode, _ boundary: Boundary,
    _ options: ConvolutionOptions
) throws(ConvolutionError) -> SeparableKernel<T>? {
    try options.validate()
    // Priced as for finite data, without reading the input: non-finite data only excludes
    // the FFT path, which each pass (or the 2-D call) then checks for itself.
    guard let plan = SeparableChoice.plan(geometry, kernel: kernel, mode: mode, boundary: boundary, options: options,
                                          inputIsFinite: true) else { return nil }
    let best = PathChooser.choose(geometry, scalarSize: MemoryLayout<T>.size, options: options,
                                  inputIsFinite: kernel.isFinite).estimates.values.min()!
    return plan.seconds * 1.25 < best ? plan.kernel : nil
}

@_specialize(where T == Float)
@_specialize(where T == Double)
private func signalOperation<T: ConvolveScalar>(
    _ input: Tensor<T>, _ kernel: Tensor<T>, into output: inout Tensor<T>, mode: Mode, boundary: Boundary,
    semantics: Semantics, method: Method, options: ConvolutionOptions
) throws(ConvolutionError) {
    let geometry = try ConvolutionGeometry.signal(inputShape: input.shape, kernelShape: kernel.shape,
                                                  mode: mode, boundary: boundary, semantics: semantics)
    guard output.shape == geometry.outputExtent else {
        throw .outputShapeMismatch(expected: geometry.outputExtent, actual: output.shape)
    }
    if method == .auto, let separable = try separableRoute(geometry, input, kernel, mode, boundary, options) {
        output = try filterSeparable(input, separable, mode: mode, boundary: boundary, semantics: semantics,
                                     options: options)
        return
    }
    try input.withUnsafeBufferPointer { x throws(ConvolutionError) in
        try kernel.withUnsafeBufferPointer { k throws(ConvolutionError) in
            // `auto` may defer the input's check: its outputs are written again, not refused.
            let prepared = try Engine.prepare(geometry, input: x, kernel: k, method: method, options: options,
                                              deferInputCheck: method.forcedPath != .fft)
            try output.withUnsafeMutableBufferPointer { y throws(ConvolutionError) in
                try Engine.executeChecked(prepared, input: x, kernel: k, output: y)
            }
        }
    }
}

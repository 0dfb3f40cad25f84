/// One kernel applied to many inputs with the signal face's semantics: the reusable form
/// of ``convolve(_:_:mode:boundary:method:options:)`` and ``correlate(_:_:mode:boundary:method:options:)``
/// (one filter, many images or signal blocks), with the same results.
///
/// What is prepared: on the FFT path, the kernel's spectrum per transform layout (one per
/// distinct input size, tiled or not; at most 8 kept), made on the first call at that size
/// with plans measured by FFTW (`FFTW_MEASURE`, unless `options.fftPlanning` says
/// otherwise); later calls transform only their inputs. On the direct path, where it sums
/// in channel vectors, the kernel packed for them, once. The other paths have nothing to
/// prepare. `auto` chooses per input size as the one-shot call does, except that it never
/// takes the separable two-pass route. Safe to call from several threads at once.
public final class SignalFilter<T: ConvolveScalar>: Sendable {
    public let kernel: Tensor<T>
    public let mode: Mode
    public let boundary: Boundary
    public let semantics: Semantics
    public let method: Method
    public let options: ConvolutionOptions
    /// The kernel in correlation orientation (reversed on every axis for convolution):
    /// what the spectra and the packed weights are made of.
    private let correlationKernel: [T]
    private let spectra = PreparedSpectra<T>()
    private let vectorWeights = PreparedVectorWeights<T>()

    /// Checks what does not depend on the input: the kernel's rank (1 to 3 axes), that it
    /// has no empty axis, and the options.
    public init(
        kernel: Tensor<T>, mode: Mode = .full, boundary: Boundary = .zero, semantics: Semantics = .convolution,
        method: Method = .auto, options: ConvolutionOptions = .init()
    ) throws(ConvolutionError) {
        try options.validate()
        _ = try ConvolutionGeometry.signal(inputShape: kernel.shape, kernelShape: kernel.shape, mode: mode,
                                           boundary: .zero, semantics: semantics)
        self.kernel = kernel
        self.mode = mode
        self.boundary = boundary
        self.semantics = semantics
        self.method = method
        self.options = options.planning(default: .measure)
        correlationKernel = semantics == .convolution ? Array(kernel.elements.reversed()) : kernel.elements
    }

    /// The geometry of this filter on input of `inputShape`.
    public func geometry(inputShape: [Int]) throws(ConvolutionError) -> ConvolutionGeometry {
        try .signal(inputShape: inputShape, kernelShape: kernel.shape, mode: mode, boundary: boundary,
                    semantics: semantics)
    }

    /// What `auto` would run for input of `inputShape`, and why: chosen without the
    /// kernels' transforms, which this filter makes once and keeps.
    public func explain(inputShape: [Int]) throws(ConvolutionError) -> PathChoice {
        Convolve.explain(try geometry(inputShape: inputShape), scalar: T.self, options: options, kernelsPrepared: true)
    }

    /// The filtered `input`: `convolve(input, kernel, …)` or `correlate(input, kernel, …)`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func callAsFunction(_ input: Tensor<T>) throws(ConvolutionError) -> Tensor<T> {
        let geometry = try geometry(inputShape: input.shape)
        let elements = try Engine.run(geometry, input: input.elements, kernel: kernel.elements, method: method,
                                      options: options) { path in
            let spectra = path == .fft ? correlationKernel.withUnsafeBufferPointer {
                self.spectra.spectra(for: geometry, kernel: $0.baseAddress!, options: options)
            } : nil
            let weights = path == .direct && method != .reference ? correlationKernel.withUnsafeBufferPointer {
                vectorWeights.weights(for: geometry, kernel: $0.baseAddress!, options: options)
            } : nil
            return (spectra, nil, weights)
        }
        return Tensor(validShape: geometry.outputExtent, elements: elements)
    }

    /// Bytes of prepared spectra and packed weights held now.
    public var preparedBytes: Int { spectra.bytes + vectorWeights.bytes }

    /// Drops the prepared spectra and packed weights; later calls prepare again.
    public func releasePrepared() {
        spectra.removeAll()
        vectorWeights.removeAll()
    }
}

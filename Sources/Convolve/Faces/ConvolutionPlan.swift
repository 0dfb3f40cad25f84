/// One geometry and one kernel, prepared once and applied to many inputs of exactly that
/// shape: the geometry face's reusable form of ``compute(_:input:kernel:method:options:)``
/// (what FFTW's plans are to its transforms).
///
/// Built eagerly: the path is fixed at construction (forced, or chosen by the cost model
/// without the kernel's transforms, which are made here once),
/// and for the FFT path the kernel's spectra and both transform plans are made then, with
/// `FFTW_MEASURE` unless `options.fftPlanning` says otherwise, so every call transforms
/// only its input; for the Winograd path the kernel tiles are made then; for the direct path,
/// where it sums in channel vectors, the kernel packed for them. Safe to call from several
/// threads at once.
public final class ConvolutionPlan<T: ConvolveScalar>: Sendable {
    public let geometry: ConvolutionGeometry
    public let kernel: Tensor<T>
    /// The path every call runs.
    public let path: Path
    public let options: ConvolutionOptions
    private let spectra: FFTKernelSpectra<T>?
    private let tiles: WinogradKernelTiles<T>?
    private let vectorWeights: ChannelVectorWeights<T>?
    /// What each call runs: the planned path, or ``Method/reference`` (the direct path's
    /// extended sums) when that was asked for.
    private let method: Method

    /// - Throws: ``ConvolutionError`` when `kernel` is not `geometry.kernelShape`, the
    ///   options are invalid, or a forced path cannot run `geometry` (for FFT, also when
    ///   the kernel holds NaN or ±∞).
    public init(_ geometry: ConvolutionGeometry, kernel: Tensor<T>, method: Method = .auto,
                options: ConvolutionOptions = .init()) throws(ConvolutionError) {
        try options.validate()
        try kernel.requireShape(geometry.kernelShape, "kernel")
        let options = options.planning(default: .measure)
        let path: Path
        if let forced = method.forcedPath {
            try Engine.implementation(of: forced).check(geometry, options: options)
            if forced == .fft && !kernel.isFinite { throw .nonFiniteInputForFFT(argument: "kernel") }
            path = forced
        } else {
            path = PathChooser.choose(geometry, scalarSize: MemoryLayout<T>.size, options: options,
                                      inputIsFinite: kernel.isFinite, kernelsPrepared: true).path
        }
        let oriented = geometry.semantics == .convolution
            ? kernel.withUnsafeBufferPointer { Engine.flipSpatial($0, geometry) } : kernel.elements
        (spectra, tiles, vectorWeights) = oriented.withUnsafeBufferPointer { k in
            switch path {
            case .fft: return (FFTPath.prepare(geometry, kernel: k.baseAddress!, options: options), nil, nil)
            case .winograd: return (nil, WinogradKernelTiles<T>(geometry, kernel: k.baseAddress!), nil)
            case .direct where method != .reference:
                return (nil, nil, ChannelVectorWeights<T>.ifUsed(geometry, kernel: k.baseAddress!, options: options))
            case .direct, .gemm: return (nil, nil, nil)
            }
        }
        self.method = method == .reference ? .reference : Method(rawValue: path.rawValue)!
        self.geometry = geometry
        self.kernel = kernel
        self.path = path
        self.options = options
    }

    /// `compute(geometry, input, kernel)` on the planned path.
    /// - Throws: ``ConvolutionError`` when `input` is not `geometry.inputShape`, or (FFT
    ///   path) holds NaN or ±∞.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func callAsFunction(_ input: Tensor<T>) throws(ConvolutionError) -> Tensor<T> {
        try input.requireShape(geometry.inputShape, "input")
        let elements = try Engine.run(geometry, input: input.elements, kernel: kernel.elements, method: method,
                                      options: options) { _ in (spectra, tiles, vectorWeights) }
        return Tensor(validShape: geometry.outputShape, elements: elements)
    }

    /// Bytes of prepared kernels held.
    public var preparedBytes: Int { (spectra?.bytes ?? 0) + (tiles?.bytes ?? 0) + (vectorWeights?.bytes ?? 0) }
}

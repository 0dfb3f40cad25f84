import Synchronization

/// A CNN layer with fixed weights, prepared once and applied to many inputs: the reusable
/// form of ``convNd(_:weight:bias:stride:padding:dilation:groups:method:options:)``, with
/// the same semantics and results.
///
/// What is prepared:
/// - **FFT**: the kernel spectra, per transform layout (one per distinct input size, at
///   most ``maximumCachedLayouts`` kept), computed on the first call that runs the FFT path
///   at that size; later calls transform only their inputs. Plans are measured
///   (`FFTW_MEASURE`) unless `options.fftPlanning` says otherwise.
/// - **Winograd**: the kernels transformed to tiles (`G g Gᵀ`), once per tile size.
/// - **GEMM**: the weights already are the row-major `[O/G × (C/G)·∏k]` matrix each
///   group's GEMM takes, so they are used in place, never copied. (OpenBLAS offers no
///   separate pre-packing call; it packs panels inside each GEMM.)
/// - **direct**: where it sums in channel vectors, the weights packed for them
///   (`ChannelVectorWeights`: blocks of 16 output channels, tap-major), once; the other
///   direct forms read the weights as they are. With the weights known finite, small
///   zero-padded planes leave out the taps that read only the padding without checking the
///   outputs (`ChannelVectorTapClasses`): the same bits.
///
/// Safe to call from several threads at once.
public final class ConvolutionLayer<T: ConvolveScalar>: Sendable {
    /// `[O, C/groups, k_1, …, k_d]`.
    public let weight: Tensor<T>
    /// `[O]`, or nil.
    public let bias: Tensor<T>?
    public let stride: [Int]
    public let padding: LayerPadding
    public let dilation: [Int]
    public let groups: Int
    public let method: Method
    public let options: ConvolutionOptions

    /// Kernel spectra kept for at most this many transform layouts.
    public static var maximumCachedLayouts: Int { PreparedSpectra<T>.maximumLayouts }

    private let spectra = PreparedSpectra<T>()
    /// Winograd kernel tiles by tile size `m`.
    private let tiles = Mutex<[Int: WinogradKernelTiles<T>]>([:])
    /// The weights packed for the direct path's channel vectors (one value serves every input size).
    private let vectorWeights = PreparedVectorWeights<T>()

    /// Checks everything that does not depend on the input: the weight's rank (3 to 5
    /// axes), groups, the bias's length, stride, dilation and padding.
    public init(
        weight: Tensor<T>, bias: Tensor<T>? = nil, stride: [Int] = [1], padding: LayerPadding = .valid,
        dilation: [Int] = [1], groups: Int = 1, method: Method = .auto, options: ConvolutionOptions = .init()
    ) throws(ConvolutionError) {
        try options.validate()
        guard (3...5).contains(weight.rank) else {
            throw .unsupportedRank(argument: "weight [O, C/groups, kernel…]", rank: weight.rank, allowed: 3...5)
        }
        // Validate against the smallest input the kernel fits without padding.
        let rank = weight.rank - 2
        let dilations = dilation.count == 1 ? Array(repeating: dilation[0], count: rank) : dilation
        var extent = Array(repeating: 1, count: rank)
        if dilations.count == rank {
            for axis in 0..<rank {
                let (span, overflow) = max(1, dilations[axis]).multipliedReportingOverflow(by: weight.shape[axis + 2] - 1)
                extent[axis] = overflow ? 1 : span + 1
            }
        }
        let nominal = [1, weight.shape[1] * max(1, groups)] + extent
        let geometry = try ConvolutionGeometry.layer(inputShape: nominal, weightShape: weight.shape, stride: stride,
                                                     padding: padding, dilation: dilation, groups: groups)
        try LayerBias.validate(bias, geometry)
        self.weight = weight
        self.bias = bias
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.method = method
        self.options = options.planning(default: .measure)
    }

    /// The geometry this layer computes for input of `inputShape` `[N, C, spatial…]`.
    public func geometry(inputShape: [Int]) throws(ConvolutionError) -> ConvolutionGeometry {
        try .layer(inputShape: inputShape, weightShape: weight.shape, stride: stride, padding: padding,
                   dilation: dilation, groups: groups)
    }

    /// What `auto` would run for input of `inputShape`, and why: chosen without the
    /// kernels' transforms, which this layer makes once and keeps.
    public func explain(inputShape: [Int]) throws(ConvolutionError) -> PathChoice {
        Convolve.explain(try geometry(inputShape: inputShape), scalar: T.self, options: options, kernelsPrepared: true)
    }

    /// `y = bias + correlate(x̃, weight)` for `input` `[N, C, spatial…]`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func callAsFunction(_ input: Tensor<T>) throws(ConvolutionError) -> Tensor<T> {
        let geometry = try geometry(inputShape: input.shape)
        let elements = try Engine.run(geometry, input: input.elements, kernel: weight.elements,
                                      bias: bias?.elements, method: method, options: options) { path in
            (path == .fft ? spectra(for: geometry) : nil, path == .winograd ? tiles(for: geometry) : nil,
             path == .direct ? vectorWeights(for: geometry) : nil)
        }
        return Tensor(validShape: geometry.outputShape, elements: elements)
    }

    /// Bytes of prepared kernels (FFT spectra, Winograd tiles, channel-vector weights) held now.
    public var preparedBytes: Int {
        spectra.bytes + tiles.withLock { $0.values.reduce(0) { $0 + $1.bytes } }
            + vectorWeights.bytes
    }

    /// Drops the prepared kernels; later calls prepare again.
    public func releasePrepared() {
        spectra.removeAll()
        tiles.withLock { $0.removeAll() }
        vectorWeights.removeAll()
    }

    /// The weights packed for the channel vectors (``PreparedVectorWeights``); none for
    /// ``Method/reference``, whose sums never run in them.
    private func vectorWeights(for geometry: ConvolutionGeometry) -> ChannelVectorWeights<T>? {
        guard method != .reference else { return nil }
        return weight.withUnsafeBufferPointer { vectorWeights.weights(for: geometry, kernel: $0.baseAddress!, options: options) }
    }

    private func tiles(for geometry: ConvolutionGeometry) -> WinogradKernelTiles<T> {
        let size = WinogradPath.tile(for: geometry).outputs
        if let cached = tiles.withLock({ $0[size] }) { return cached }
        let made = weight.withUnsafeBufferPointer { WinogradKernelTiles<T>(geometry, kernel: $0.baseAddress!) }
        return tiles.withLock { cache in
            if let cached = cache[size] { return cached }
            cache[size] = made
            return made
        }
    }

    private func spectra(for geometry: ConvolutionGeometry) -> FFTKernelSpectra<T> {
        weight.withUnsafeBufferPointer { spectra.spectra(for: geometry, kernel: $0.baseAddress!, options: options) }
    }
}

/// The precision-specific entry points of the AVX2 + FMA and AVX-512 kernels
/// (`CVectorKernels`), one conformance per scalar type (`Float` binds the `_f32`
/// functions, `Double` the `_f64` ones). Nothing outside `Kernels/` calls these: the direct
/// path uses ``VectorDirectRows``, ``VectorChannelBlocks``, ``VectorChannelVectors``,
/// ``VectorDepthwiseLanes`` and
/// ``VectorStrideTwoRows``, template matching
/// ``VectorWindowStatistics``, the FFT path ``VectorSpectrum``, the Winograd path
/// ``VectorWinograd``; each only in a form the processor runs
/// (``VectorInstructions/isAvailable``).
public protocol VectorKernelScalar: BinaryFloatingPoint {
    /// Runs the direct row kernel on the `ConvolveDirectRows` at `arguments` (see
    /// ``VectorDirectRows``).
    static func directRowsAVX2FMA(_ arguments: UnsafeRawPointer)

    /// The same in AVX-512 (see ``VectorDirectRows``).
    static func directRowsAVX512(_ arguments: UnsafeRawPointer)

    /// Runs the channel-block kernel on the `ConvolveChannelBlock` at `arguments` (see
    /// ``VectorChannelBlocks``), AVX2 + FMA.
    static func channelBlockAVX2FMA(_ arguments: UnsafeRawPointer)

    /// The same in AVX-512.
    static func channelBlockAVX512(_ arguments: UnsafeRawPointer)

    /// Runs the channel-vector kernel on the `ConvolveChannelVectors` at `arguments` (see
    /// ``VectorChannelVectors``), AVX2 + FMA.
    static func channelVectorsAVX2FMA(_ arguments: UnsafeRawPointer)

    /// The same in AVX-512 (blocks of twice the channels).
    static func channelVectorsAVX512(_ arguments: UnsafeRawPointer)

    /// Packs weights for the channel-vector kernel (see ``VectorChannelVectors/pack(_:channels:taps:into:instructions:)``).
    static func channelVectorsPack(_ weights: UnsafePointer<Self>, channels: Int, taps: Int,
                                   into packed: UnsafeMutablePointer<Self>)

    /// The same for the AVX-512 kernel.
    static func channelVectorsPackAVX512(_ weights: UnsafePointer<Self>, channels: Int, taps: Int,
                                         into packed: UnsafeMutablePointer<Self>)

    /// Runs the depthwise lanes kernel on the `ConvolveDepthwiseLanes` at `arguments` (see
    /// ``VectorDepthwiseLanes``), AVX2 + FMA.
    static func depthwiseLanesAVX2FMA(_ arguments: UnsafeRawPointer)

    /// The same in AVX-512.
    static func depthwiseLanesAVX512(_ arguments: UnsafeRawPointer)

    /// Runs the stride-2 plane kernel on the `ConvolveStrideTwoRows` at `arguments` (see
    /// ``VectorStrideTwoRows``), AVX2 + FMA.
    static func strideTwoRowsAVX2FMA(_ arguments: UnsafeRawPointer)

    /// For `x < width`, `v = Double(row[x])`: `squares[x] += v·v`, `sums[x] += v`,
    /// `magnitudes[x] += |v|` (each when given).
    static func columnsAddAVX2(_ row: UnsafePointer<Self>, width: Int, squares: UnsafeMutablePointer<Double>,
                               sums: UnsafeMutablePointer<Double>?, magnitudes: UnsafeMutablePointer<Double>?)

    /// For `x < width`, `a`, `b` the incoming and outgoing pixels as `Double`:
    /// `squares[x] = (squares[x] + a·a) − b·b`, `sums[x] = (sums[x] + a) − b` (when given).
    static func columnsStepAVX2(_ incoming: UnsafePointer<Self>, _ outgoing: UnsafePointer<Self>, width: Int,
                                squares: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>?)

    /// For `i < bins`: `out[i] = x[i]·conj(k[i])`, or `out[i] += …` with `accumulate`,
    /// interleaved complex values; `out` may be `x` (see ``VectorSpectrum``).
    static func multiplyConjugateAVX2(_ x: UnsafePointer<Self>, _ k: UnsafePointer<Self>,
                                      into out: UnsafeMutablePointer<Self>, bins: Int, accumulate: Bool)

    /// `destination[i] = source[2i]` for `i < count`; returns `Σ source[2i]·0`.
    static func copyEvenAVX2(_ source: UnsafePointer<Self>, into destination: UnsafeMutablePointer<Self>,
                             count: Int) -> Self

    /// `out[2i] = a[i]`, `out[2i + 1] = b[i]` (0 without `b`) for `i < count`.
    static func interleaveAVX2(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>?,
                               into out: UnsafeMutablePointer<Self>, count: Int)

    /// `U = G g Gᵀ` of F(`outputs`×`outputs`, 3×3) for the first ⌊count / 8⌋·8 (`Double`:
    /// ⌊count / 4⌋·4) kernels at `g`, element `ξ` of kernel `n` to `u[ξ·step + n]`; returns
    /// how many it transformed (see ``VectorWinograd``).
    static func winogradKernelsAVX2(_ g: UnsafePointer<Self>, count: Int, outputs: Int,
                                    into u: UnsafeMutablePointer<Self>, step: Int) -> Int

    /// `V = Bᵀ D B` of eight windows `m` apart from `d` (the tile of ``WinogradTile/vectorCode``), element
    /// `ξ` of tile `k` to `v[ξ·step + k]`; false, with nothing done, where this precision has
    /// no such form (`Double`).
    static func winogradInputs8AVX2(_ d: UnsafePointer<Self>, rowStride: Int, tile: Int,
                                    into v: UnsafeMutablePointer<Self>, step: Int) -> Bool

    /// The same for eight windows at `plane + offsets[k]`.
    static func winogradInputs8AVX2(_ plane: UnsafePointer<Self>, offsets: UnsafePointer<Int>, rowStride: Int,
                                    tile: Int, into v: UnsafeMutablePointer<Self>, step: Int) -> Bool

    /// `Y = Aᵀ M A` of eight tiles, element `ξ` of tile `k` at `m[ξ·step + k]`, plus `bias`
    /// when given, tile `k` to `y + corners[k]`; false, with nothing done, where this
    /// precision has no such form.
    static func winogradOutputs8AVX2(_ m: UnsafePointer<Self>, step: Int, tile: Int,
                                     into y: UnsafeMutablePointer<Self>, corners: UnsafePointer<Int>,
                                     rowStride: Int, bias: Self?) -> Bool
}

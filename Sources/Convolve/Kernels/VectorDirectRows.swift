import CVectorKernels

/// The direct path's row kernel compiled for AVX2 + FMA (`CVectorKernels`), for processors
/// that run those instructions.
///
/// Swift compiles for baseline x86-64 (SSE2: 4 lanes, a separate multiply and add) and
/// cannot target AVX2 one function at a time; a library cannot use unsafe flags. So this
/// one loop is C, each function compiled with `__attribute__((target("avx2,fma")))` and
/// called only when the processor says it runs them. It computes what
/// ``DirectRowKernel/rows(_:padded:weights:channels:oz:oy:x:out0:out1:instructions:)``
/// does, with 8 (`Float`) or 4 (`Double`) lanes and one fused multiply-add per tap:
///
///     out₀[x] = Σ_c Σ_rz Σ_ry Σ_rx w[c, rz, ry, rx] · P_c[oz·sz + rz·dz, oy·sy + ry·dy, x + rx]
///     out₁[x] = the same at oy + 1 (stride and dilation 1 along y)
///
/// each output the chain `acc = fma(w, p, acc)` over the taps in that order from 0, so
/// every output gets the same rounding whatever block, span or thread it falls in. It
/// reads no slack past the rows (the last outputs use masked loads and stores).
enum VectorDirectRows {
    /// Whether the processor and the operating system run AVX2 and FMA.
    static let available: Bool = convolve_direct_avx2_fma_available() != 0

    /// Outputs `xs` of row `(oz, oy)` into `out0` and, when given, of row `oy + 1` into
    /// `out1`; the arguments are ``DirectRowKernel``'s.
    @inline(__always)
    static func rows<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, weights: UnsafePointer<T>, channels: Int,
        oz: Int, oy: Int, x xs: Range<Int>, out0: UnsafeMutablePointer<T>, out1: UnsafeMutablePointer<T>?
    ) {
        let px = g.padded.x
        let origin = padded + (oz * g.stride.z * g.padded.y + oy * g.stride.y) * px
        var arguments = ConvolveDirectRows(
            padded: UnsafeRawPointer(origin), weights: UnsafeRawPointer(weights),
            channels: channels, kz: g.kernel.z, ky: g.kernel.y, kx: g.kernel.x,
            channelStride: g.padded.volume, sliceStride: g.dilation.z * g.padded.y * px,
            rowStride: g.dilation.y * px, x0: xs.lowerBound, x1: xs.upperBound,
            out0: UnsafeMutableRawPointer(out0), out1: out1.map { UnsafeMutableRawPointer($0) })
        withUnsafePointer(to: &arguments) { T.directRowsAVX2FMA(UnsafeRawPointer($0)) }
    }
}

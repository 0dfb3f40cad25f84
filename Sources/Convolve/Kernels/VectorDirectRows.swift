import CVectorKernels

/// The direct path's row kernel compiled for AVX2 + FMA and for AVX-512 (`CVectorKernels`),
/// for processors that run those instructions.
///
/// Swift compiles for baseline x86-64 (SSE2: 4 lanes, a separate multiply and add) and
/// cannot target AVX2 one function at a time; a library cannot use unsafe flags. So this
/// one loop is C, each function compiled with `__attribute__((target(…)))` and called
/// only when the processor says it runs them. It computes what
/// ``DirectRowKernel/rows(_:padded:weights:channels:oz:oy:count:x:out:outRowStride:instructions:)``
/// does, with 8 (AVX2) or 16 (AVX-512) `Float` lanes (half as many `Double`) and one fused
/// multiply-add per tap:
///
///     out_j[x] = Σ_c Σ_rz Σ_ry Σ_rx w[c, rz, ry, rx] · P_c[oz·sz + rz·dz, (oy + j)·sy + ry·dy, x + rx]
///
/// for `count` output rows `j`, each output the chain `acc = fma(w, p, acc)` over the taps
/// in that order from 0, so every output gets the same rounding whatever block, span,
/// thread, grouping of rows or instruction set it falls in. Where stride and dilation
/// along y are 1 it computes two rows at a time (four or six in AVX-512, which has the
/// registers: ``DirectRowKernel/rowGroup(_:instructions:)``), each input vector loaded once
/// for all of them. It reads no slack past the rows (the
/// last outputs use masked loads and stores).
enum VectorDirectRows {
    /// Whether the processor and the operating system run AVX2 and FMA.
    static let avx2Available: Bool = convolve_direct_avx2_fma_available() != 0

    /// Whether they also run AVX-512 Foundation.
    static let avx512Available: Bool = convolve_direct_avx512_available() != 0

    /// Outputs `xs` of rows `(oz, oy + j)`, `j < count`, into `out + j · outRowStride`
    /// (with `accumulate`, added to what is there: each chain continues from the output's
    /// value); the arguments are ``DirectRowKernel``'s, `avx512` picks the wider form (the
    /// caller checks ``avx512Available``).
    @inline(__always)
    static func rows<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, weights: UnsafePointer<T>, channels: Int,
        oz: Int, oy: Int, count: Int, x xs: Range<Int>, out: UnsafeMutablePointer<T>, outRowStride: Int,
        accumulate: Bool = false, avx512: Bool
    ) {
        let px = g.padded.x
        let origin = padded + (oz * g.stride.z * g.padded.y + oy * g.stride.y) * px
        var arguments = ConvolveDirectRows(
            padded: UnsafeRawPointer(origin), weights: UnsafeRawPointer(weights),
            channels: channels, kz: g.kernel.z, ky: g.kernel.y, kx: g.kernel.x,
            channelStride: g.padded.volume, sliceStride: g.dilation.z * g.padded.y * px,
            rowStride: g.dilation.y * px, x0: xs.lowerBound, x1: xs.upperBound,
            rows: count, rowStep: g.stride.y * px, out: UnsafeMutableRawPointer(out), outRowStride: outRowStride,
            accumulate: accumulate ? 1 : 0)
        withUnsafePointer(to: &arguments) {
            if avx512 { T.directRowsAVX512(UnsafeRawPointer($0)) } else { T.directRowsAVX2FMA(UnsafeRawPointer($0)) }
        }
    }
}

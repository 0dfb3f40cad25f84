import CVectorKernels

/// The direct path's depthwise lanes kernel compiled for AVX2 + FMA and for AVX-512
/// (`CVectorKernels/DepthwiseLanes.c`), for processors that run them (the same checks as
/// ``VectorDirectRows``). Channels `c < channels` of a depthwise layer, ``lanes(scalarSize:avx512:)``
/// at a time in the lanes of one vector, each plane padded with `fill`:
///
///     out_c[oy, ox] = Σ_ry Σ_rx w_c[ry, rx] · P_c[oy·s_y + ry·d_y, ox·s_x + rx·d_x]
///
/// each output the chain `acc = fma(w, p, acc)` over `(ry, rx)` from 0 (the row kernel's
/// chain for one input channel), plus `bias[c]` when given (added as the sums are stored:
/// the bits of adding it afterwards). 2-D planes only (a 1-D layer is one row).
enum VectorDepthwiseLanes {
    /// Channels one vector holds: 32 (AVX2) or 64 (AVX-512) bytes of scalars of `scalarSize` bytes.
    static func lanes(scalarSize: Int, avx512: Bool) -> Int { (avx512 ? 64 : 32) / scalarSize }

    /// Scalars of scratch one call needs: a vector per padded sample, output and tap.
    static func scratchCount(_ g: Geometry3, lanes: Int) -> Int {
        lanes * (g.padded.y * g.padded.x + g.output.y * g.output.x + g.kernel.y * g.kernel.x)
    }

    /// `channels` planes from `input` (`g.input` apart) into `out` (`g.output` apart) with
    /// kernels `weights` (`k_y·k_x` apart) and `bias` (one per channel, or nil).
    @inline(__always)
    static func run<T: ConvolveScalar>(
        _ g: Geometry3, input: UnsafePointer<T>, weights: UnsafePointer<T>, bias: UnsafePointer<T>?, channels: Int,
        fill: T, out: UnsafeMutablePointer<T>, scratch: UnsafeMutablePointer<T>, avx512: Bool
    ) {
        withUnsafePointer(to: fill) { fill in
            var arguments = ConvolveDepthwiseLanes(
                input: UnsafeRawPointer(input), inputStride: g.input.volume, height: g.input.y, width: g.input.x,
                weights: UnsafeRawPointer(weights), ky: g.kernel.y, kx: g.kernel.x,
                strideY: g.stride.y, strideX: g.stride.x, dilationY: g.dilation.y, dilationX: g.dilation.x,
                padTop: g.before.y, padLeft: g.before.x, paddedHeight: g.padded.y, paddedWidth: g.padded.x,
                out: UnsafeMutableRawPointer(out), outStride: g.output.volume, outHeight: g.output.y,
                outWidth: g.output.x, channels: channels, bias: bias.map { UnsafeRawPointer($0) },
                fill: UnsafeRawPointer(fill), scratch: UnsafeMutableRawPointer(scratch))
            withUnsafePointer(to: &arguments) {
                if avx512 { T.depthwiseLanesAVX512(UnsafeRawPointer($0)) } else { T.depthwiseLanesAVX2FMA(UnsafeRawPointer($0)) }
            }
        }
    }
}

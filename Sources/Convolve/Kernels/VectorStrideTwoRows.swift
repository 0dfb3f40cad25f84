import CVectorKernels

/// The direct path's stride-2 plane kernel compiled for AVX2 + FMA
/// (`CVectorKernels/StrideTwoRows.c`), for processors that run a vector form
/// (``VectorInstructions/runsVectorForm``: an AVX-512 processor runs AVX2 too). One plane of a depthwise layer with stride 2 along x:
///
///     out[oy, ox] = Σ_ry Σ_rx w[ry, rx] · P[oy·s_y + ry·d_y, 2·ox + rx]
///
/// from the padded plane `P`, each output the chain `acc = fma(w, p, acc)` over `(ry, rx)`
/// from 0, plus `bias` when given (added as the sums are stored: the bits of adding it
/// afterwards). The even samples of each tap's window are taken in registers (a shuffle a
/// vector), so the plane is read once as it lies, with no column phases written.
enum VectorStrideTwoRows {
    /// Scalars the kernel may read past the padded plane's last row (its slack):
    /// `2·L − 1` for `L` outputs a vector.
    static func slack(scalarSize: Int) -> Int { 2 * 32 / scalarSize - 1 }

    /// Output rows `0..<g.output.y` of one plane into `out` (`g.output.x` apart) from the
    /// padded plane `padded` (`g.padded.x` apart, ``slack(scalarSize:)`` scalars after its
    /// last row readable) with the `k_y·k_x` taps `weights`.
    @inline(__always)
    static func run<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, weights: UnsafePointer<T>, bias: UnsafePointer<T>?,
        out: UnsafeMutablePointer<T>
    ) {
        var arguments = ConvolveStrideTwoRows(
            padded: UnsafeRawPointer(padded), paddedWidth: g.padded.x, weights: UnsafeRawPointer(weights),
            ky: g.kernel.y, kx: g.kernel.x, strideY: g.stride.y, dilationY: g.dilation.y,
            out: UnsafeMutableRawPointer(out), outHeight: g.output.y, outWidth: g.output.x,
            bias: bias.map { UnsafeRawPointer($0) })
        withUnsafePointer(to: &arguments) { T.strideTwoRowsAVX2FMA(UnsafeRawPointer($0)) }
    }
}

/// Dilated `r×r` layers (3×3, 5×5) on the Winograd path, by phases. With stride 1 and dilation
/// `(d_y, d_x)`, output `(y, x) = (p_y + a·d_y, p_x + b·d_x)` of phase `(p_y, p_x)` reads
///
///     out[y, x] = Σ_{i,j<r} P[y + i·d_y, x + j·d_x] · K[i, j] = Σ_{i,j<r} Q_p[a + i, b + j] · K[i, j],
///     Q_p[m, n] = P[p_y + m·d_y, p_x + n·d_x],
///
/// so each of the `d_y·d_x` phases is an undilated 'valid' `r×r` correlation of the phase
/// plane `Q_p` (every `d`-th padded sample), which F(m×m, r×r) computes with its
/// multiplications saved (a DeepLab-style atrous layer c256@28² at dilation 2 is four
/// c256@14² layers). The undilated path runs each batch item's `d_y·d_x` phases as
/// images of `⌈P_y/d_y⌉ × ⌈P_x/d_x⌉` (the largest phase's extent, zero past `P`), several
/// items' in one call, each channel's phase written straight from the input into the
/// path's tile frame (``PaddedInput/writePhase(_:geometry:phase:into:frame:)``); their outputs,
/// `(⌈P_y/d_y⌉ − r + 1) × (⌈P_x/d_x⌉ − r + 1)`, at least each phase's `⌈(O_y − p_y)/d_y⌉` rows and
/// `⌈(O_x − p_x)/d_x⌉` columns (the rest dropped), are interleaved into the output.
/// Every output is the undilated path's sum over the same taps and samples, so the error
/// bound is the undilated one.
extension WinogradPath {
    /// The undilated geometry of `batch` items' phases of a dilated 2-D `geometry` (stride
    /// 1): `d_y·d_x·batch` images of `⌈P_y/d_y⌉ × ⌈P_x/d_x⌉`, the same channels and groups,
    /// unpadded, correlation (the paths receive kernels already flipped); nil for dilation 1.
    static func dilationPhases(_ geometry: ConvolutionGeometry, batch: Int) -> ConvolutionGeometry? {
        guard geometry.spatialRank == 2, geometry.dilation != [1, 1] else { return nil }
        let d = geometry.dilation, p = geometry.paddedExtent
        return try? ConvolutionGeometry(
            batch: batch * d[0] * d[1], inputChannels: geometry.inputChannels,
            outputChannels: geometry.outputChannels, groups: geometry.groups,
            inputExtent: [(p[0] + d[0] - 1) / d[0], (p[1] + d[1] - 1) / d[1]], kernelExtent: geometry.kernelExtent)
    }

    /// Scalars of scratch the phases take beside the undilated path's own: one batch
    /// item's phase outputs (zero for dilation 1).
    static func dilationScratch(_ geometry: ConvolutionGeometry) -> Int {
        dilationPhases(geometry, batch: 1).map { Shape.product($0.outputShape) } ?? 0
    }

    /// ``run(_:tile:input:kernel:output:options:prepared:bias:)`` for a dilated `geometry`:
    /// as many batch items at a time as half of `workspaceBudget` holds the phase outputs of
    /// (the whole batch, usually), their ``dilationPhases(_:batch:)`` one call of the
    /// undilated path, so the kernels are transformed once per call and small phase planes
    /// of several items share the products. Image `i` of a call is phase `i mod d_y·d_x` of
    /// item `⌊i / d_y·d_x⌋`.
    static func runDilated<T: ConvolveScalar, W: WinogradTile>(
        _ geometry: ConvolutionGeometry, tile: W.Type, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions, prepared: WinogradKernelTiles<T>?,
        bias: UnsafePointer<T>?
    ) {
        let g = Geometry3(geometry), dx = geometry.dilation[1], phaseCount = geometry.dilation[0] * dx
        let c = geometry.inputChannels, o = geometry.outputChannels
        let perItem = dilationScratch(geometry)
        let items = max(1, min(geometry.batch, options.workspaceBudget / 2 / max(1, perItem * MemoryLayout<T>.stride)))
        WorkspacePool.withBuffer(T.self, count: items * perItem) { sums in
            for b0 in stride(from: 0, to: geometry.batch, by: items) {
                let count = min(items, geometry.batch - b0)
                guard let phases = dilationPhases(geometry, batch: count) else { return }
                let r = Extent3(phases.outputExtent)
                runUndilated(phases, tile: W.self, input: input, kernel: kernel, output: sums, options: options,
                             prepared: prepared, bias: bias) { image, ch, into, frame in
                    let (item, p) = image.quotientAndRemainder(dividingBy: phaseCount)
                    PaddedInput.writePhase(input + ((b0 + item) * c + ch) * g.input.volume, geometry: g,
                                           phase: Extent3(z: 0, y: p / dx, x: p % dx), into: into, frame: frame)
                }
                for item in 0..<count {
                    interleave(g, phases: sums + item * perItem, phaseOutput: r, channels: o,
                               into: output + (b0 + item) * o * g.output.volume, workers: max(1, min(options.threads, o)))
                }
            }
        }
    }

    /// `out[p_y + a·d_y, p_x + b·d_x] = phase p's output [a, b]` for each of `channels`
    /// output planes, phase `p`'s output of channel `o` at `phases + (p·channels + o)·|r|`.
    private static func interleave<T: ConvolveScalar>(
        _ g: Geometry3, phases: UnsafePointer<T>, phaseOutput r: Extent3, channels: Int,
        into output: UnsafeMutablePointer<T>, workers: Int
    ) {
        let (dy, dx) = (g.dilation.y, g.dilation.x), ox = g.output.x
        Parallel.run(workers: workers, items: channels) { _, items in
            for oc in items {
                let plane = output + oc * g.output.volume
                for p in 0..<dy * dx {
                    let (py, px) = (p / dx, p % dx)
                    let from = phases + (p * channels + oc) * r.volume
                    let rows = (g.output.y - py + dy - 1) / dy, columns = (ox - px + dx - 1) / dx
                    for a in 0..<rows {
                        let source = from + a * r.x, row = plane + (py + a * dy) * ox + px
                        for j in 0..<columns { row[j &* dx] = source[j] }
                    }
                }
            }
        }
    }
}

/// Winograd's F(4×4, 3×3) (``WinogradTransforms``) for 2-D 3×3 kernels with stride 1 and
/// dilation 1, the shape of most CNN layers. The output is cut into 4×4 tiles, each read
/// from a 6×6 window of the padded input. Per batch item and group:
///
///     U_ξ[o, c] = (G g_oc Gᵀ)_ξ,   V_ξ[c, t] = (Bᵀ d_ct B)_ξ,   M_ξ = U_ξ · V_ξ  (36 GEMMs),
///     Y_ot = Aᵀ M_·[o, t] A
///
/// for the 36 elements `ξ` of a 6×6 tile: 36 multiplications per 16 outputs and input
/// channel instead of 144, the sum over input channels done by BLAS. Tiles are processed
/// in chunks so `V` and `M` stay within ``ConvolutionOptions/workspaceBudget``. The price is
/// accuracy: the transforms' constants (up to 8 in `Aᵀ`, 1/24 in `G`) widen the error bound
/// (``ErrorBound``, `docs/numerics.md`).
enum WinogradPath: ConvolutionPath {
    /// Why this path cannot compute `geometry`, or nil when it can.
    static func unsupported(_ geometry: ConvolutionGeometry) -> String? {
        guard geometry.spatialRank == 2 else { return "it computes 2-D problems only (here \(geometry.spatialRank)-D)" }
        guard geometry.kernelExtent == [3, 3] else {
            return "it computes 3×3 kernels only (here \(geometry.kernelExtent.map(String.init).joined(separator: "×")))"
        }
        guard geometry.stride == [1, 1] else { return "it needs stride 1 (here \(geometry.stride))" }
        guard geometry.dilation == [1, 1] else { return "it needs dilation 1 (here \(geometry.dilation))" }
        return nil
    }

    /// Kernels transformed together before their elements are spread out to `U`.
    static let kernelBlock = 64

    /// Scalars of `V` and `M` per tile: `36 · (Cg + Og)`.
    static func bytesPerTile(_ geometry: ConvolutionGeometry, scalarSize: Int) -> Int {
        36 * (geometry.groupInputChannels + geometry.groupOutputChannels) * scalarSize
    }

    static func check(_ geometry: ConvolutionGeometry, options: ConvolutionOptions) throws(ConvolutionError) {
        if let reason = unsupported(geometry) { throw .pathUnsupported(path: "winograd", reason: reason) }
        // Checked for the wider type, so a geometry that passes passes for both.
        try options.requireWorkspace(bytesPerTile(geometry, scalarSize: MemoryLayout<Double>.size),
                                     for: "one Winograd tile's transforms")
    }

    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) {
        let g = Geometry3(geometry)
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let (oy, ox) = (g.output.y, g.output.x)
        let (tilesY, tilesX) = ((oy + 3) / 4, (ox + 3) / 4)
        let tiles = tilesY * tilesX
        // Padded planes extended with zeros to whole 6×6 windows.
        let frame = Extent3(z: 1, y: 4 * tilesY + 2, x: 4 * tilesX + 2)
        let chunk = max(1, min(tiles, options.workspaceBudget / bytesPerTile(geometry, scalarSize: MemoryLayout<T>.stride)))
        let workers = max(1, min(options.threads, cg, og))
        let planes = cg * frame.volume, transformed = 36 * og * cg
        let perWorker = 36 + 16
        let count = planes + transformed + 36 * (cg + og) * chunk + workers * (perWorker + 36 * kernelBlock)
        WorkspacePool.withBuffer(T.self, count: count) { scratch in
            let padded = scratch, u = padded + planes, v = u + transformed, m = v + 36 * cg * chunk
            func local(_ w: Int) -> UnsafeMutablePointer<T> { m + 36 * og * chunk + w * perWorker }
            let blocks = local(workers)

            for group in 0..<geometry.groups {
                // U_ξ[o, c] at u[ξ·Og·Cg + o·Cg + c], made in blocks of `kernelBlock` kernels
                // (tile by tile into `blocks`, then element by element into u) so every write is a run.
                let kernelCount = og * cg, blockCount = (kernelCount + kernelBlock - 1) / kernelBlock
                Parallel.run(workers: workers) { w in
                    let block = blocks + w * 36 * kernelBlock
                    for index in Parallel.share(blockCount, worker: w, of: workers) {
                        let first = index * kernelBlock, count = min(kernelBlock, kernelCount - first)
                        for i in 0..<count {
                            WinogradTransforms.kernelTile(kernel + (group * kernelCount + first + i) * 9,
                                                          scratch: local(w), into: block + i, step: kernelBlock)
                        }
                        for xi in 0..<36 {
                            (u + xi * kernelCount + first).update(from: block + xi * kernelBlock, count: count)
                        }
                    }
                }
                for b in 0..<geometry.batch {
                    Parallel.run(workers: workers) { w in
                        for c in Parallel.share(cg, worker: w, of: workers) {
                            let plane = input + (b * geometry.inputChannels + group * cg + c) * g.input.volume
                            PaddedInput.write(plane, into: padded + c * frame.volume, frame: frame, geometry: g)
                        }
                    }
                    var first = 0
                    while first < tiles {
                        let n = min(chunk, tiles - first)
                        // V_ξ[c, t] at v[ξ·Cg·n + c·n + t].
                        Parallel.run(workers: workers) { w in
                            for c in Parallel.share(cg, worker: w, of: workers) {
                                let plane = padded + c * frame.volume
                                for t in 0..<n {
                                    let (ty, tx) = ((first + t) / tilesX, (first + t) % tilesX)
                                    WinogradTransforms.inputTile(plane + 4 * ty * frame.x + 4 * tx, rowStride: frame.x,
                                                                 scratch: local(w), into: v + c * n + t, step: cg * n)
                                }
                            }
                        }
                        for xi in 0..<36 {
                            BLAS.multiply(m: og, n: n, k: cg, a: u + xi * og * cg, lda: cg, b: v + xi * cg * n, ldb: n,
                                          c: m + xi * og * n, ldc: n, threads: options.threads)
                        }
                        Parallel.run(workers: workers) { w in
                            let tile = local(w) + 36
                            for oc in Parallel.share(og, worker: w, of: workers) {
                                let plane = output + (b * geometry.outputChannels + group * og + oc) * g.output.volume
                                for t in 0..<n {
                                    let (ty, tx) = ((first + t) / tilesX, (first + t) % tilesX)
                                    WinogradTransforms.outputTile(m + oc * n + t, step: og * n, scratch: local(w),
                                                                  into: tile)
                                    let rows = min(4, oy - 4 * ty), columns = min(4, ox - 4 * tx)
                                    for r in 0..<rows {
                                        (plane + (4 * ty + r) * ox + 4 * tx).update(from: tile + 4 * r, count: columns)
                                    }
                                }
                            }
                        }
                        first += n
                    }
                }
            }
        }
    }
}

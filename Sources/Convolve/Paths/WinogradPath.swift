/// Winograd's F(m×m, r×r) (``WinogradTile``: ``WinogradF4`` or ``WinogradF2`` for 3×3
/// kernels, ``WinogradF2K5`` for 5×5) for 2-D kernels with stride 1, the shape of most CNN
/// layers (dilated ones by phases, `WinogradDilation.swift`). The output is cut
/// into `m×m` tiles, each read from an `α×α` window of the padded input (`α = m + r − 1`). Per
/// batch item and group:
///
///     U_ξ[o, c] = (G g_oc Gᵀ)_ξ,   V_ξ[c, t] = (Bᵀ d_ct B)_ξ,   M_ξ = U_ξ · V_ξ  (α² GEMMs),
///     Y_ot = Aᵀ M_·[o, t] A
///
/// for the `α²` elements `ξ` of a tile: with F(4×4, 3×3) 36 multiplications per 16 outputs and
/// input channel instead of 144, with F(2×2, 5×5) 36 per 4 instead of 100, the sum over
/// input channels done by BLAS. For 3×3 kernels the tile is chosen by the cost model
/// (``tile(for:)``): F(4×4) saves more, F(2×2) has four times the tiles, which keeps the
/// GEMMs wide on small feature maps. Tiles are processed in chunks
/// so `V` and `M` stay within ``ConvolutionOptions/workspaceBudget``. The price is accuracy:
/// the transforms' constants widen the error bound (``ErrorBound``, `docs/numerics.md`).
enum WinogradPath: ConvolutionPath {
    /// Why this path cannot compute `geometry`, or nil when it can.
    static func unsupported(_ geometry: ConvolutionGeometry) -> String? {
        guard geometry.spatialRank == 2 else { return "it computes 2-D problems only (here \(geometry.spatialRank)-D)" }
        guard geometry.kernelExtent == [3, 3] || geometry.kernelExtent == [5, 5] else {
            return "it computes 3×3 and 5×5 kernels only (here \(geometry.kernelExtent.map(String.init).joined(separator: "×")))"
        }
        guard geometry.stride == [1, 1] else { return "it needs stride 1 (here \(geometry.stride))" }
        return nil
    }

    /// Where eight input windows of one tile row starting at or before chunk tile `t` (tile
    /// column `tx`) can be deinterleaved and transformed at once, covering `t`: the first of them, `t` itself when
    /// the row and the chunk (`n` tiles) hold eight from there, else the row's last eight
    /// when they lie in the chunk; nil otherwise.
    @inline(__always)
    static func eightTiles(t: Int, tx: Int, n: Int, tilesX: Int) -> Int? {
        guard tilesX >= 8 else { return nil }
        let start = t - max(0, tx + 8 - tilesX)
        return start >= 0 && start + 8 <= n ? start : nil
    }

    /// Kernels per work item of the kernel transform (what the workers share out).
    static let kernelBlock = 64

    /// Scalars from `U_ξ` to `U_ξ+1` for `count` kernels: `count` and a cache line more. The
    /// transform writes the `α²` elements of a kernel to `α²` places this far apart; with
    /// `count` a multiple of 1,024 they would all fall in one cache set (c256@14²: 65,536
    /// kernels, 256 KiB apart), more places than the L1 and L2 have ways.
    static func kernelTileStride(count: Int, scalarSize: Int) -> Int { count + 64 / scalarSize }

    /// The tiles the path uses on `geometry`: the one the cost model estimates faster (for
    /// `Float`, one thread), so the choice, and the error bound, depend on the geometry only.
    static func tile(for geometry: ConvolutionGeometry) -> any WinogradTile.Type {
        CostModel.current.winogradTile(geometry)
    }

    /// Bytes of `V` and `M` per tile: `α² · (Cg + Og)` scalars with F(4×4)'s `α² = 36`, the
    /// largest of the tiles' (F(2×2, 5×5)'s too), so the check holds for every tile.
    static func bytesPerTile(_ geometry: ConvolutionGeometry, scalarSize: Int) -> Int {
        WinogradF4.elements * (geometry.groupInputChannels + geometry.groupOutputChannels) * scalarSize
    }

    /// Bytes of `V` and `M` one chunk of tiles aims to keep within, so the transforms'
    /// writes are still in the cache when the products read them: on an AMD Zen 4 (1 MiB
    /// of L2 per core) F(4×4) on c64@112² ran 6.8 ms in one chunk of 784 tiles, 5.1–5.6
    /// in chunks of 98 to 392, and c16@224² 5.3 ms in one chunk, 3.0 in chunks of 392
    /// (release probe, best of 30).
    static let chunkCacheBytes = 2 << 20

    /// Chunks of at least 64 tiles (`n`, the products' columns) keep OpenBLAS at its rate.
    static let chunkMinimumTiles = 64

    /// Tiles per chunk: as many as fit ``chunkCacheBytes`` (but at least
    /// ``chunkMinimumTiles``) and `workspaceBudget`, the `tiles` then split into chunks of
    /// equal size, so no narrow last chunk is left.
    static func chunkTiles(_ geometry: ConvolutionGeometry, tiles: Int, scalarSize: Int, workspaceBudget: Int) -> Int {
        let perTile = bytesPerTile(geometry, scalarSize: scalarSize)
        let target = max(1, min(workspaceBudget / perTile, max(chunkMinimumTiles, chunkCacheBytes / perTile)))
        let chunks = (tiles + target - 1) / target
        return (tiles + chunks - 1) / chunks
    }

    /// Batch items whose tiles go through the products together: enough that a block
    /// holds the tiles of one chunk (``chunkTiles(_:tiles:scalarSize:workspaceBudget:)``'s
    /// aim) where one item has fewer, at most the batch, with their padded planes within
    /// half of `workspaceBudget`. Small maps in a batch then multiply wide products: c512@7²
    /// has 16 F(2×2) tiles an item, and products of 16 columns ran far below OpenBLAS's rate.
    static func imagesPerBlock(_ geometry: ConvolutionGeometry, tilesPerImage: Int, scalarSize: Int,
                               workspaceBudget: Int) -> Int {
        let perTile = bytesPerTile(geometry, scalarSize: scalarSize)
        let target = max(1, min(workspaceBudget / perTile, max(chunkMinimumTiles, chunkCacheBytes / perTile)))
        // A padded plane as the path extends it to whole windows (at most `m − 1 ≤ 3` more per axis).
        let planeBytes = geometry.groupInputChannels * Shape.product(geometry.paddedExtent.map { $0 + 8 }) * scalarSize
        let fitting = max(1, workspaceBudget / 2 / max(1, planeBytes))
        return max(1, min(geometry.batch, (target + tilesPerImage - 1) / tilesPerImage, fitting))
    }

    static func check(_ geometry: ConvolutionGeometry, options: ConvolutionOptions) throws(ConvolutionError) {
        if let reason = unsupported(geometry) { throw .pathUnsupported(path: "winograd", reason: reason) }
        // Checked for the wider type, so a geometry that passes passes for both.
        try options.requireWorkspace(bytesPerTile(geometry, scalarSize: MemoryLayout<Double>.size),
                                     for: "one Winograd tile's transforms")
        try options.requireWorkspace(dilationScratch(geometry) * MemoryLayout<Double>.size,
                                     for: "one batch item's outputs in dilation phases")
    }

    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) {
        run(geometry, input: input, kernel: kernel, output: output, options: options, prepared: nil)
    }

    /// As ``run(_:input:kernel:output:options:)``, with a prepared layer's kernel tiles
    /// when they are of the tile size this geometry uses, and a layer's `bias` (`O` values)
    /// added to each output as the output transform stores it (one rounding, the bits of
    /// ``OutputBias``'s pass after it).
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions, prepared: WinogradKernelTiles<T>?,
        bias: UnsafePointer<T>? = nil
    ) {
        // Concrete tile types at the call, so each transform is specialised and inlined.
        let tile = tile(for: geometry)
        if tile == WinogradF2K5.self {
            run(geometry, tile: WinogradF2K5.self, input: input, kernel: kernel, output: output, options: options,
                prepared: prepared?.isFor(WinogradF2K5.self) == true ? prepared : nil, bias: bias)
        } else if tile == WinogradF2.self {
            run(geometry, tile: WinogradF2.self, input: input, kernel: kernel, output: output, options: options,
                prepared: prepared?.isFor(WinogradF2.self) == true ? prepared : nil, bias: bias)
        } else {
            run(geometry, tile: WinogradF4.self, input: input, kernel: kernel, output: output, options: options,
                prepared: prepared?.isFor(WinogradF4.self) == true ? prepared : nil, bias: bias)
        }
    }

    /// `U_ξ[i] = (G g_i Gᵀ)_ξ` for the `count` `r×r` kernels at `kernels`, into `u[ξ·step + i]`
    /// (`step` from ``kernelTileStride(count:scalarSize:)``), in blocks of ``kernelBlock``
    /// kernels shared between `workers`: eight (AVX2 `Double`: four) at a time in
    /// ``VectorWinograd`` where it runs (3×3 kernels), else in `SIMD8` lanes, the last few
    /// one by one.
    static func transformKernels<T: ConvolveScalar, W: WinogradTile>(
        _: W.Type, _ kernels: UnsafePointer<T>, count kernelCount: Int, into u: UnsafeMutablePointer<T>, step: Int,
        workers: Int
    ) {
        let blockCount = (kernelCount + kernelBlock - 1) / kernelBlock
        Parallel.run(workers: workers, items: blockCount) { _, items in
            let r = W.taps, n = W.kernelElements
            withUnsafeTemporaryAllocation(of: SIMD8<T>.self, capacity: n + r * W.window + W.elements) { lanes in
                withUnsafeTemporaryAllocation(of: T.self, capacity: r * W.window) { scalars in
                    for index in items {
                        let first = index * kernelBlock, count = min(kernelBlock, kernelCount - first)
                        let g = kernels + first * n, block = u + first
                        var i = VectorWinograd.runs && r == 3
                            ? VectorWinograd.transformKernels(g, count: count, outputs: W.outputs, into: block, step: step)
                            : 0
                        while i + 8 <= count {
                            W.kernelTiles8(g + i * n, scratch: lanes.baseAddress!, into: block + i, step: step)
                            i += 8
                        }
                        while i < count {
                            W.kernelTile(g + i * n, scratch: scalars.baseAddress!, into: block + i, step: step)
                            i += 1
                        }
                    }
                }
            }
        }
    }

    /// With `prepared` (a layer's transformed kernels for tile `W`), the kernels are not
    /// transformed again; with `bias`, `bias[o]` is added to output channel `o`.
    static func run<T: ConvolveScalar, W: WinogradTile>(
        _ geometry: ConvolutionGeometry, tile _: W.Type, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions, prepared: WinogradKernelTiles<T>? = nil,
        bias: UnsafePointer<T>? = nil
    ) {
        precondition(prepared == nil || prepared!.isFor(W.self), "prepared tiles are of this tile")
        if geometry.dilation != [1, 1] {
            runDilated(geometry, tile: W.self, input: input, kernel: kernel, output: output, options: options,
                       prepared: prepared, bias: bias)
        } else {
            runUndilated(geometry, tile: W.self, input: input, kernel: kernel, output: output, options: options,
                         prepared: prepared, bias: bias)
        }
    }

    /// ``run(_:tile:input:kernel:output:options:prepared:bias:)`` for dilation 1. With
    /// `writePlane`, batch item `b`'s channel `c` is written into its zero-extended padded
    /// frame by `writePlane(b, c, frame, extents)` (``WinogradPath/runDilated(_:tile:input:kernel:output:options:prepared:bias:)``'s
    /// phases), not padded from `input`.
    static func runUndilated<T: ConvolveScalar, W: WinogradTile>(
        _ geometry: ConvolutionGeometry, tile _: W.Type, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions, prepared: WinogradKernelTiles<T>?,
        bias: UnsafePointer<T>?, writePlane: ((Int, Int, UnsafeMutablePointer<T>, Extent3) -> Void)? = nil
    ) {
        let g = Geometry3(geometry)
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let (oy, ox) = (g.output.y, g.output.x)
        let m = W.outputs, e = W.elements
        let (tilesY, tilesX) = ((oy + m - 1) / m, (ox + m - 1) / m)
        let perImage = tilesY * tilesX
        // Padded planes extended with zeros to whole windows.
        let frame = Extent3(z: 1, y: m * tilesY + W.taps - 1, x: m * tilesX + W.taps - 1)
        let images = imagesPerBlock(geometry, tilesPerImage: perImage, scalarSize: MemoryLayout<T>.stride,
                                    workspaceBudget: options.workspaceBudget)
        let chunk = chunkTiles(geometry, tiles: images * perImage, scalarSize: MemoryLayout<T>.stride,
                               workspaceBudget: options.workspaceBudget)
        let workers = max(1, min(options.threads, cg, og)), gemmWorkers = max(1, min(options.threads, e))
        let vectorTiles = VectorWinograd.tilesRun(T.self)
        // Set once here: the workers' BLAS calls then find it at 1 and never set it concurrently.
        BLAS.useOneThread()
        // The planes, then the slack inputTiles8's deinterleaving loads read past the last row.
        let uStride = kernelTileStride(count: og * cg, scalarSize: MemoryLayout<T>.stride)
        let planes = images * cg * frame.volume + 8 * m, transformed = prepared == nil ? e * uStride : 0
        let perWorker = e + m * m
        // V_ξ and M_ξ are `skew` scalars more than a whole matrix apart: strides that are
        // multiples of 4 KiB would put the α² elements a tile writes in one cache set.
        let skew = 64 / MemoryLayout<T>.stride
        let vSpan = cg * chunk + skew, mSpan = og * chunk + skew
        let count = planes + transformed + e * (vSpan + mSpan) + workers * perWorker
        WorkspacePool.withBuffer(T.self, count: count) { scratch in
            let padded = scratch, uScratch = padded + planes, v = uScratch + transformed, product = v + e * vSpan
            func local(_ w: Int) -> UnsafeMutablePointer<T> { product + e * mSpan + w * perWorker }

            for group in 0..<geometry.groups {
                // U_ξ[o, c] at u[ξ·uStride + o·Cg + c]: prepared, or made here.
                let u: UnsafePointer<T>
                if let prepared {
                    u = prepared.group(group)
                } else {
                    transformKernels(W.self, kernel + group * og * cg * W.kernelElements, count: og * cg, into: uScratch,
                                     step: uStride, workers: workers)
                    u = UnsafePointer(uScratch)
                }
                // Blocks of `images` batch items, their tiles one list: tile `i` of the block is
                // tile (i mod perImage) of item b0 + ⌊i / perImage⌋, its planes `image·Cg·|frame|`
                // and outputs `image·O·|o|` on; a row of tiles lies within one item.
                for b0 in stride(from: 0, to: geometry.batch, by: images) {
                    let tiles = min(images, geometry.batch - b0) * perImage
                    Parallel.run(workers: workers, items: tiles / perImage * cg) { w, items in
                        for item in items {
                            let (b, c) = (b0 + item / cg, item % cg), into = padded + item * frame.volume
                            if let writePlane {
                                writePlane(b, group * cg + c, into, frame)
                                continue
                            }
                            let plane = input + (b * geometry.inputChannels + group * cg + c) * g.input.volume
                            PaddedInput.write(plane, into: into, frame: frame, geometry: g)
                        }
                    }
                    let imagePlanes = cg * frame.volume, imageOutputs = geometry.outputChannels * g.output.volume
                    /// Block tile `i`'s item in the block and tile row and column.
                    @inline(__always) func place(_ i: Int) -> (image: Int, y: Int, x: Int) {
                        let (image, tile) = i.quotientAndRemainder(dividingBy: perImage)
                        return (image, tile / tilesX, tile % tilesX)
                    }
                    /// Where block tiles `i ..< i + 8` lie, `image·imageStride + m·(y·rowStride + x)`
                    /// each, stepped from tile to tile rather than divided out, and formed into
                    /// the vector from scalars in registers (lanes stored one by one and then read
                    /// whole stall the loads that forward them); and whether all eight tiles lie
                    /// whole inside the output.
                    @inline(__always) func eightPlaces(_ i: Int, imageStride: Int, rowStride: Int)
                        -> (offsets: SIMD8<Int>, whole: Bool) {
                        var (image, y, x) = place(i), whole = true
                        @inline(__always) func next() -> Int {
                            let offset = image * imageStride + m * (y * rowStride + x)
                            whole = whole && m * (y + 1) <= oy && m * (x + 1) <= ox
                            x += 1
                            if x == tilesX { (x, y) = (0, y + 1) }
                            if y == tilesY { (y, image) = (0, image + 1) }
                            return offset
                        }
                        let o0 = next(), o1 = next(), o2 = next(), o3 = next()
                        let o4 = next(), o5 = next(), o6 = next(), o7 = next()
                        return (SIMD8(o0, o1, o2, o3, o4, o5, o6, o7), whole)
                    }
                    var first = 0
                    while first < tiles {
                        let n = min(chunk, tiles - first)
                        // V_ξ[c, t] at v[ξ·vStride + c·n + t], M_ξ[o, t] at product[ξ·mStride + o·n + t].
                        let vStride = cg * n + skew, mStride = og * n + skew
                        Parallel.run(workers: workers, items: cg) { w, items in
                            withUnsafeTemporaryAllocation(of: SIMD8<T>.self, capacity: 2 * e) { lanes in
                                for c in items {
                                    let plane = padded + c * frame.volume
                                    var t = 0
                                    while t < n {
                                        let (image, ty, tx) = place(first + t)
                                        let window = plane + image * imagePlanes + m * (ty * frame.x + tx)
                                        // Eight tiles of one tile row at once where the chunk has them; a
                                        // row's last tiles as the row's last eight (the overlap is written
                                        // twice, with the same bits).
                                        if let g = eightTiles(t: t, tx: tx, n: n, tilesX: tilesX) {
                                            let row = window - m * (t - g), into = v + c * n + g
                                            if vectorTiles {
                                                VectorWinograd.inputTiles8(row, rowStride: frame.x, tile: W.vectorCode,
                                                                           into: into, step: vStride)
                                            } else {
                                                W.inputTiles8(row, rowStride: frame.x, scratch: lanes.baseAddress!,
                                                              into: into, step: vStride)
                                            }
                                            t = g + 8
                                        } else if t + 8 <= n {
                                            // Eight tiles across rows (short rows, a row's end): gathered.
                                            let offsets = eightPlaces(first + t, imageStride: imagePlanes,
                                                                      rowStride: frame.x).offsets
                                            if vectorTiles {
                                                VectorWinograd.inputTiles8(plane, offsets: offsets, rowStride: frame.x,
                                                                           tile: W.vectorCode, into: v + c * n + t,
                                                                           step: vStride)
                                            } else {
                                                W.inputTiles8(plane, offsets: offsets, rowStride: frame.x,
                                                              scratch: lanes.baseAddress!, into: v + c * n + t,
                                                              step: vStride)
                                            }
                                            t += 8
                                        } else {
                                            W.inputTile(window, rowStride: frame.x, scratch: local(w),
                                                        into: v + c * n + t, step: vStride)
                                            t += 1
                                        }
                                    }
                                }
                            }
                        }
                        // The α² products are small: share them between workers, one BLAS thread each.
                        Parallel.run(workers: gemmWorkers, items: e) { w, items in
                            for xi in items {
                                BLAS.multiply(m: og, n: n, k: cg, a: u + xi * uStride, lda: cg, b: v + xi * vStride,
                                              ldb: n, c: product + xi * mStride, ldc: n)
                            }
                        }
                        Parallel.run(workers: workers, items: og) { w, items in
                            let tile = local(w) + e
                            withUnsafeTemporaryAllocation(of: SIMD8<T>.self, capacity: 2 * e) { lanes in
                                for oc in items {
                                    let plane = output + (b0 * geometry.outputChannels + group * og + oc) * g.output.volume
                                    let added = bias.map { $0[group * og + oc] }
                                    var t = 0
                                    while t < n {
                                        let (image, ty, tx) = place(first + t)
                                        let corner = plane + image * imageOutputs + m * ty * ox + m * tx
                                        // Eight whole tiles at once, scattered to their places.
                                        if t + 8 <= n {
                                            let (corners, whole) = eightPlaces(first + t, imageStride: imageOutputs,
                                                                               rowStride: ox)
                                            if whole && vectorTiles {
                                                VectorWinograd.outputTiles8(product + oc * n + t, step: mStride, tile: W.vectorCode,
                                                                            into: plane, corners: corners, rowStride: ox,
                                                                            bias: added)
                                                t += 8
                                                continue
                                            }
                                            if whole {
                                                W.outputTiles8(product + oc * n + t, step: mStride,
                                                               scratch: lanes.baseAddress!, into: plane, corners: corners,
                                                               rowStride: ox, bias: added)
                                                t += 8
                                                continue
                                            }
                                        }
                                        W.outputTile(product + oc * n + t, step: mStride, scratch: local(w), into: tile)
                                        let rows = min(m, oy - m * ty), columns = min(m, ox - m * tx)
                                        for r in 0..<rows {
                                            for s in 0..<columns {
                                                corner[r * ox + s] = added.map { tile[m * r + s] + $0 } ?? tile[m * r + s]
                                            }
                                        }
                                        t += 1
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

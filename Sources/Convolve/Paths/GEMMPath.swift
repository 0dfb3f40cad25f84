/// im2col + GEMM: per batch item and group (a *unit*), the patches under every output
/// position are unrolled into a matrix `B[Cg·∏k × ∏o]` (row `(c, rz, ry, rx)`, column =
/// output position), and BLAS computes `out[Og × ∏o] = K'[Og × Cg·∏k] · B`.
///
/// `B` is built for a segment of output positions at a time, so it never exceeds
/// ``ConvolutionOptions/workspaceBudget``. A 1×1 kernel with stride 1 and no padding needs
/// no unrolling: the input channels already are `B`. Other unpadded layers unroll straight
/// from the input planes (the padded plane is the plane); padded ones pad each channel
/// first (``PaddedInput``).
///
/// Threads are the engine's own (``GEMMSplit``): each worker unrolls and multiplies its
/// share on one OpenBLAS thread, so the unrolling runs in parallel too and OpenBLAS's own
/// pool never runs beside the workers.
enum GEMMPath: ConvolutionPath {
    /// Bytes of one im2col column (one output position's patch), `Cg · ∏k · size(T)`.
    static func columnBytes(_ geometry: ConvolutionGeometry, scalarSize: Int) -> Int {
        geometry.groupInputChannels * geometry.kernelVolume * scalarSize
    }

    /// True when the input can be multiplied as it is, without im2col.
    static func isPointwise(_ geometry: ConvolutionGeometry) -> Bool {
        geometry.kernelVolume == 1 && geometry.isUnpadded && geometry.stride.allSatisfy { $0 == 1 }
    }

    static func check(_ geometry: ConvolutionGeometry, options: ConvolutionOptions) throws(ConvolutionError) {
        guard !isPointwise(geometry) else { return }
        // Checked for the wider type, so a geometry that passes passes for both.
        try options.requireWorkspace(columnBytes(geometry, scalarSize: MemoryLayout<Double>.size),
                                     for: "one im2col column of patches")
    }

    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) {
        let g = Geometry3(geometry)
        let split = GEMMSplit(geometry, scalarSize: MemoryLayout<T>.stride, threads: options.threads,
                              workspaceBudget: options.workspaceBudget)
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let rows = cg * g.kernel.volume, positions = g.output.volume
        let inVolume = g.input.volume, padVolume = g.padded.volume, workers = split.workers
        BLAS.useOneThread()

        /// Batch item and group of unit `u`: its input planes, weights and output rows.
        func planes(_ u: Int) -> UnsafePointer<T> {
            input + ((u / geometry.groups) * geometry.inputChannels + (u % geometry.groups) * cg) * inVolume
        }
        func weights(_ u: Int) -> UnsafePointer<T> { kernel + (u % geometry.groups) * og * rows }
        func outputs(_ u: Int) -> UnsafeMutablePointer<T> {
            output + ((u / geometry.groups) * geometry.outputChannels + (u % geometry.groups) * og) * positions
        }
        /// Output channels `o0 ..< o1` of unit `u` at positions `start ..< start + count`,
        /// from columns `b` (leading dimension `ldb`).
        func multiply(_ u: Int, channels o0: Int, _ o1: Int, start: Int, count: Int, b: UnsafePointer<T>, ldb: Int) {
            guard o1 > o0, count > 0 else { return }
            BLAS.multiply(m: o1 - o0, n: count, k: rows, a: weights(u) + o0 * rows, lda: rows, b: b, ldb: ldb,
                          c: outputs(u) + o0 * positions + start, ldc: positions)
        }

        if isPointwise(geometry) {
            // The input planes are B: share units, or one unit's columns or channels.
            switch split.share {
            case .units:
                Parallel.run(workers: workers, items: split.units) { _, items in
                    for u in items { multiply(u, channels: 0, og, start: 0, count: positions, b: planes(u), ldb: positions) }
                }
            case .columns, .channels:
                for u in 0..<split.units {
                    Parallel.run(workers: workers, items: split.pieces) { _, items in
                        for piece in items {
                            let (o, p) = split.range(piece)
                            multiply(u, channels: o.lowerBound, o.upperBound, start: p.lowerBound, count: p.count,
                                     b: planes(u) + p.lowerBound, ldb: positions)
                        }
                    }
                }
            }
            return
        }

        let unpadded = geometry.isUnpadded
        let paddedCount = unpadded ? 0 : cg * padVolume * split.paddedCopies
        let columnsCount = rows * split.segment * split.columnCopies
        WorkspacePool.withBuffer(T.self, count: paddedCount + columnsCount) { scratch in
            let paddedScratch = scratch, columnScratch = scratch + paddedCount
            /// Channel `c` of unit `u` padded into plane `c` of `into` (planes of `|padded|`).
            func pad(_ u: Int, channel c: Int, into: UnsafeMutablePointer<T>) {
                PaddedInput.write(planes(u) + c * inVolume, into: into + c * padVolume, frame: g.padded, geometry: g)
            }
            /// Unit `u`'s padded planes, padded by one worker into its copy `w` of the scratch.
            func padAlone(_ u: Int, copy w: Int) -> UnsafePointer<T> {
                guard !unpadded else { return planes(u) }
                let into = paddedScratch + w * cg * padVolume
                for c in 0..<cg { pad(u, channel: c, into: into) }
                return UnsafePointer(into)
            }
            /// Unit `u`'s padded planes, its channels shared between the workers.
            func padTogether(_ u: Int) -> UnsafePointer<T> {
                guard !unpadded else { return planes(u) }
                Parallel.run(workers: workers, items: cg) { _, items in
                    for c in items { pad(u, channel: c, into: paddedScratch) }
                }
                return UnsafePointer(paddedScratch)
            }
            switch split.share {
            case .units:
                // Whole units per worker, each with its own padded planes and columns.
                Parallel.run(workers: workers, items: split.units) { w, items in
                    let columns = columnScratch + w * rows * split.segment
                    for u in items {
                        let padded = padAlone(u, copy: w)
                        for start in stride(from: 0, to: positions, by: split.segment) {
                            let count = min(split.segment, positions - start)
                            unroll(g, padded: padded, channels: cg, start: start, count: count, into: columns, leading: count)
                            multiply(u, channels: 0, og, start: start, count: count, b: columns, ldb: count)
                        }
                    }
                }
            case .columns:
                // One unit at a time: its channels padded by all workers, then its positions
                // shared, each worker unrolling and multiplying its own segments.
                for u in 0..<split.units {
                    let padded = padTogether(u)
                    Parallel.run(workers: workers, items: split.pieces) { w, items in
                        let columns = columnScratch + w * rows * split.segment
                        for piece in items {
                            let p = split.range(piece).positions
                            unroll(g, padded: padded, channels: cg, start: p.lowerBound, count: p.count, into: columns,
                                   leading: p.count)
                            multiply(u, channels: 0, og, start: p.lowerBound, count: p.count, b: columns, ldb: p.count)
                        }
                    }
                }
            case .channels:
                // Few positions, many output channels: each segment unrolled once by all
                // workers (a share of its columns each), then its output channels shared.
                for u in 0..<split.units {
                    let padded = padTogether(u)
                    for start in stride(from: 0, to: positions, by: split.segment) {
                        let count = min(split.segment, positions - start)
                        Parallel.run(workers: workers, items: workers) { _, items in
                            for part in items {
                                let first = part * count / workers, end = (part + 1) * count / workers
                                guard end > first else { continue }
                                unroll(g, padded: padded, channels: cg, start: start + first, count: end - first,
                                       into: columnScratch + first, leading: count)
                            }
                        }
                        Parallel.run(workers: workers, items: split.pieces) { _, items in
                            for piece in items {
                                let o = split.range(piece).channels
                                multiply(u, channels: o.lowerBound, o.upperBound, start: start, count: count,
                                         b: columnScratch, ldb: count)
                            }
                        }
                    }
                }
            }
        }
    }

    /// im2col for output positions `start ..< start + count` (flattened `(oz, oy, ox)`):
    /// `columns[row · leading + j] = P_c[(oz·sz + rz·dz, oy·sy + ry·dy, ox·sx + rx·dx)]`.
    private static func unroll<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, channels: Int, start: Int, count: Int,
        into columns: UnsafeMutablePointer<T>, leading: Int
    ) {
        let sx = g.stride.x, ox = g.output.x, oy = g.output.y
        var row = columns
        for c in 0..<channels {
            let plane = padded + c * g.padded.volume
            for rz in 0..<g.kernel.z {
                for ry in 0..<g.kernel.y {
                    for rx in 0..<g.kernel.x {
                        var destination = row
                        var position = start
                        let end = start + count
                        while position < end {
                            let x = position % ox, line = position / ox
                            let run = min(ox - x, end - position)
                            let source = plane + g.paddedOffset(oz: line / oy, oy: line % oy, rz: rz, ry: ry, rx: rx) + x * sx
                            if sx == 1 {
                                destination.update(from: source, count: run)
                            } else {
                                for i in 0..<run { destination[i] = source[i &* sx] }
                            }
                            destination += run
                            position += run
                        }
                        row += leading
                    }
                }
            }
        }
    }
}

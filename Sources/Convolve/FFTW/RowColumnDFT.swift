/// A 2-D complex DFT of `H × W` points done as FFTW's batched 1-D transforms, rows first,
/// then columns, with the spectrum left **transposed**: bin `(u, v)` (`u < H` down the
/// columns, `v < W` along the rows) of
///
///     X[u, v] = Σ_{m<H} Σ_{n<W} x[m, n] · e^{∓2πi (u·m/H + v·n/W)}
///
/// is stored at `v·H + u`. The inverse reads that layout and writes row-major again.
/// Products of two spectra bin by bin do not care where a bin is kept, so the FFT path's
/// paired tiles never need the spectrum back in row-major order.
///
/// Why: with `FFTW_ESTIMATE`, FFTW's own 2-D complex plans walk the columns at a large
/// power-of-two stride and ran up to 10× slower than this on this machine (one forward
/// and one inverse, float, `Benchmarks/fftw/row_column.c`: 256² 0.76 against 5.5 ms, 384²
/// 1.75 against 4.8, 512² 3.3 against 31.6, 640 × 1024 10.1 against 23.3; level at 160²). Here each block of 8 columns
/// is copied into 8 contiguous rows of the result and transformed there at once, while it
/// is still in cache; with `FFTW_MEASURE` this takes 0.73–0.96 of FFTW's plans' time.
///
/// The row-major side may be pruned: a forward transform whose input is zero from row `r`
/// on transforms only the first `r` rows (zeros transform to zeros), and an inverse whose
/// caller keeps only the first `r` rows computes only those (both rounded up to a block).
/// Overlap-save tiles keep their first outputs and kernels sit in a frame's first rows,
/// so both prunings apply there.
///
/// Not thread-safe to create or destroy (hold ``fftwPlannerLock``); execution is.
struct RowColumnDFT<T: FFTWScalar> {
    let height: Int
    let width: Int
    /// Rows (or columns) per batched FFTW plan: 8 columns of complex `Float` are one cache
    /// line per row read by the transposing copy.
    static var block: Int { 8 }
    /// `block` rows of `width` points, then the last `height % block` rows (nil if none).
    private let rows: OpaquePointer
    private let rowsRest: OpaquePointer?
    /// `block` transposed columns of `height` points, then the last `width % block`.
    private let columns: OpaquePointer
    private let columnsRest: OpaquePointer?
    /// The same out of place, from one block of scratch to the next: under
    /// `FFTW_ESTIMATE` FFTW runs the in-place batches buffered (`dft-buffered`: a copy out
    /// and a copy back around each batch), and 8 transforms of 256 or 320 points took
    /// 2.4–2.7 and 3.3–3.7 µs in place against 1.8–2.1 and 2.4–2.7 out of place (a C
    /// loop against `libfftw3f`, best of three runs of 6,400–8,000 calls).
    private let columnsApart: OpaquePointer
    private let columnsApartRest: OpaquePointer?
    /// The row batches out of place, from a frame to another (``filter(_:rows:kept:inverse:scratch:_:)``):
    /// 8 rows of 320 points, 3.3–3.7 µs in place, 2.4–2.7 out of place (the same C loop).
    private let rowsApart: OpaquePointer
    private let rowsApartRest: OpaquePointer?

    /// Plans the batched transforms, in place and out of place, on a scratch array (they are executed on
    /// other arrays of FFTW's alignment; every block starts a multiple of `block` rows or
    /// columns in, which keeps it). `sign` −1 forward, +1 backward. Call with
    /// ``fftwPlannerLock`` held and FFTW's planner threads set.
    init(height: Int, width: Int, sign: Int32, flags: UInt32) {
        self.height = height
        self.width = width
        let b = Self.block
        let scratch = FFTWBuffer<T>(count: 4 * height * width)
        let apart = scratch.pointer + Self.blockCount(height: height, width: width)
        let frame = scratch.pointer + 2 * height * width
        func plan(_ length: Int, _ count: Int, into output: UnsafeMutablePointer<T>? = nil) -> OpaquePointer? {
            guard count > 0 else { return nil }
            guard let made = T.fftwPlanRowsDFT(length: Int32(length), count: Int32(count), distance: Int32(length),
                                               input: scratch.pointer, output: output ?? scratch.pointer,
                                               sign: sign, flags: flags)
            else { fatalError("FFTW could not plan \(count) complex transforms of \(length) points") }
            return made
        }
        rows = plan(width, min(b, height))!
        rowsRest = height > b && height % b != 0 ? plan(width, height % b) : nil
        columns = plan(height, min(b, width))!
        columnsRest = width > b && width % b != 0 ? plan(height, width % b) : nil
        columnsApart = plan(height, min(b, width), into: apart)!
        columnsApartRest = width > b && width % b != 0 ? plan(height, width % b, into: apart) : nil
        rowsApart = plan(width, min(b, height), into: frame)!
        rowsApartRest = height > b && height % b != 0 ? plan(width, height % b, into: frame) : nil
    }

    /// Scalars of one block of transposed columns: `2·min(block, W)·H` (a multiple of 16
    /// scalars, so a block after it keeps FFTW's alignment).
    static func blockCount(height: Int, width: Int) -> Int { 2 * min(block, width) * height }

    /// Scalars of the scratch ``filter(_:rows:kept:inverse:scratch:_:)`` takes: a frame
    /// (`2·H·W`) and two blocks.
    static func filterScratchCount(height: Int, width: Int) -> Int {
        2 * height * width + 2 * blockCount(height: height, width: width)
    }

    /// Destroys the FFTW plans. Call once, with ``fftwPlannerLock`` held.
    func destroy() {
        for plan in [rows, rowsRest, columns, columnsRest, columnsApart, columnsApartRest, rowsApart, rowsApartRest] {
            if let plan { T.fftwDestroyPlan(plan) }
        }
    }

    /// The transform of `input` (`H × W` row-major interleaved pairs, destroyed; zero from
    /// row `rows` on) into `output` (`W × H`, transposed). With `workers` above 1 the blocks
    /// of rows, then the blocks of columns, are shared out between them (``Parallel``): the
    /// same batches on the same memory, so the same bits.
    func forward(_ input: UnsafeMutablePointer<T>, _ output: UnsafeMutablePointer<T>, rows nonzero: Int,
                 workers: Int = 1) {
        let b = Self.block
        let rowBlocks = (min(height, nonzero) + b - 1) / b, columnBlocks = (width + b - 1) / b
        Parallel.run(workers: min(workers, rowBlocks), items: rowBlocks) { _, items in
            for i in items { transformRowBlock(input, into: input, first: i * b) }
        }
        Parallel.run(workers: min(workers, columnBlocks), items: columnBlocks) { _, items in
            for i in items {
                let j0 = i * b, count = min(b, width - j0)
                let block = output + 2 * j0 * height
                Self.transpose(input + 2 * j0, sourceStride: width, rows: height, columns: count, into: block,
                               targetStride: height)
                T.fftwExecuteDFT(count == b || width <= b ? columns : columnsRest!, input: block, output: block)
            }
        }
    }

    /// The transform of `input` (`W × H` transposed, as ``forward(_:_:rows:)`` leaves it;
    /// destroyed) into `output` (`H × W` row-major): only rows `0 ..< rows` are computed,
    /// the others hold unspecified values.
    func backward(_ input: UnsafeMutablePointer<T>, _ output: UnsafeMutablePointer<T>, rows kept: Int) {
        let b = Self.block, kept = min(height, kept)
        for j0 in stride(from: 0, to: width, by: b) {
            let count = min(b, width - j0)
            let block = input + 2 * j0 * height
            T.fftwExecuteDFT(count == b || width <= b ? columns : columnsRest!, input: block, output: block)
            Self.transpose(block, sourceStride: height, rows: count, columns: kept, into: output + 2 * j0,
                           targetStride: width)
        }
        transformRows(output, into: output, count: kept)
    }

    /// The forward transform of `data` (`H × W` row-major pairs, zero from row `rows` on),
    /// `apply` on its spectrum, and the backward transform by `inverse` (a plan of the same
    /// size and the other sign), done one block of ``block`` columns at a time while the
    /// block is in cache: the spectrum and the product never travel through memory. `data`
    /// is overwritten by the result, valid in rows `0 ..< kept`. `apply(block, first,
    /// bins)` receives `bins` consecutive bins of the transposed spectrum (the layout
    /// ``forward(_:_:rows:)`` writes) from bin `first` on, in `block`, and transforms
    /// them in place; `scratch` holds ``filterScratchCount(height:width:)`` scalars at
    /// FFTW's alignment: a frame the rows are transformed into (and the inverse's rows
    /// back out of), and two blocks the columns are transformed between, all out of place.
    func filter(_ data: UnsafeMutablePointer<T>, rows nonzero: Int, kept: Int, inverse: RowColumnDFT<T>,
                scratch: UnsafeMutablePointer<T>,
                _ apply: (_ block: UnsafeMutablePointer<T>, _ first: Int, _ bins: Int) -> Void) {
        precondition(inverse.height == height && inverse.width == width, "one size for both directions")
        let b = Self.block, kept = min(height, kept)
        // Rows from `data` into the scratch frame; the rows past the input's are zero there.
        let frame = scratch, columns = scratch + 2 * height * width
        let spectrum = columns + Self.blockCount(height: height, width: width)
        let transformed = transformRows(data, into: frame, count: min(height, nonzero))
        if transformed < height {
            (frame + 2 * transformed * width).update(repeating: 0, count: 2 * (height - transformed) * width)
        }
        for j0 in stride(from: 0, to: width, by: b) {
            let count = min(b, width - j0), whole = count == b || width <= b
            Self.transpose(frame + 2 * j0, sourceStride: width, rows: height, columns: count, into: columns,
                           targetStride: height)
            T.fftwExecuteDFT(whole ? columnsApart : columnsApartRest!, input: columns, output: spectrum)
            apply(spectrum, j0 * height, count * height)
            T.fftwExecuteDFT(whole ? inverse.columnsApart : inverse.columnsApartRest!, input: spectrum, output: columns)
            Self.transpose(columns, sourceStride: height, rows: count, columns: kept, into: frame + 2 * j0,
                           targetStride: width)
        }
        inverse.transformRows(frame, into: data, count: kept)
    }

    /// `target[j][i] = source[i][j]` for `i < rows`, `j < columns`: the transposing copy of
    /// complex values (rows `sourceStride` and `targetStride` complex values apart). A
    /// complex `Float` moves as one 8-byte unit, in 2 × 2 blocks of two 16-byte loads and
    /// stores (`punpcklqdq`/`punpckhqdq`); a complex `Double` as one 16-byte unit.
    private static func transpose(_ source: UnsafePointer<T>, sourceStride: Int, rows: Int, columns: Int,
                                  into target: UnsafeMutablePointer<T>, targetStride: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        if MemoryLayout<T>.stride == 4 {
            transposeUnits(UInt64.self, from, sourceStride, rows, columns, to, targetStride, pairs: true)
        } else {
            transposeUnits(SIMD2<UInt64>.self, from, sourceStride, rows, columns, to, targetStride, pairs: false)
        }
    }

    /// ``transpose(_:sourceStride:rows:columns:into:targetStride:)`` on units of type `U`;
    /// `pairs` (8-byte units only) moves 2 × 2 blocks of them at once.
    private static func transposeUnits<U>(
        _: U.Type, _ from: UnsafeRawPointer, _ sourceStride: Int, _ rows: Int, _ columns: Int,
        _ to: UnsafeMutableRawPointer, _ targetStride: Int, pairs: Bool
    ) {
        let unit = MemoryLayout<U>.stride, sourceLine = sourceStride &* unit, targetLine = targetStride &* unit
        assert(!pairs || unit == 8, "2 × 2 blocks move two 8-byte units per 16-byte load")
        @inline(__always) func copy(_ i: Int, _ j: Int) {
            (to + j &* targetLine + i &* unit).storeBytes(
                of: from.loadUnaligned(fromByteOffset: i &* sourceLine + j &* unit, as: U.self), as: U.self)
        }
        guard pairs else {
            // Outer loop along the longer side: each block of the short side stays in cache.
            if rows >= columns {
                for i in 0..<rows { for j in 0..<columns { copy(i, j) } }
            } else {
                for j in 0..<columns { for i in 0..<rows { copy(i, j) } }
            }
            return
        }
        @inline(__always) func block(_ i: Int, _ j: Int) {
            let a = from.loadUnaligned(fromByteOffset: i &* sourceLine + j &* unit, as: SIMD2<UInt64>.self)
            let b = from.loadUnaligned(fromByteOffset: (i &+ 1) &* sourceLine + j &* unit, as: SIMD2<UInt64>.self)
            let row = to + j &* targetLine + i &* unit
            row.storeBytes(of: SIMD2(a[0], b[0]), as: SIMD2<UInt64>.self)
            (row + targetLine).storeBytes(of: SIMD2(a[1], b[1]), as: SIMD2<UInt64>.self)
        }
        let evenRows = rows & ~1, evenColumns = columns & ~1
        if rows >= columns {
            for i in stride(from: 0, to: evenRows, by: 2) {
                for j in stride(from: 0, to: evenColumns, by: 2) { block(i, j) }
            }
        } else {
            for j in stride(from: 0, to: evenColumns, by: 2) {
                for i in stride(from: 0, to: evenRows, by: 2) { block(i, j) }
            }
        }
        // An odd last row or column.
        if evenColumns < columns { for i in 0..<rows { copy(i, evenColumns) } }
        if evenRows < rows { for j in 0..<evenColumns { copy(evenRows, j) } }
    }

    /// The row transforms of the first `count` rows of `input` into `output`, a block at a
    /// time (the last block may run past `count`, never past `height`): in place when they
    /// are the same array, else out of place (which FFTW runs unbuffered, ``rowsApart``).
    /// Returns how many rows were written.
    @discardableResult
    private func transformRows(_ input: UnsafeMutablePointer<T>, into output: UnsafeMutablePointer<T>,
                               count: Int) -> Int {
        var written = 0
        for m0 in stride(from: 0, to: count, by: Self.block) {
            written = m0 + transformRowBlock(input, into: output, first: m0)
        }
        return written
    }

    /// The row transforms of the block of rows from `m0` (a multiple of ``block``): `block`
    /// rows, or the last `H % block`; in place or out of place as in
    /// ``transformRows(_:into:count:)``. Returns how many rows were written.
    @discardableResult
    private func transformRowBlock(_ input: UnsafeMutablePointer<T>, into output: UnsafeMutablePointer<T>,
                                   first m0: Int) -> Int {
        let b = Self.block, inPlace = input == output
        let whole = m0 + b <= height || height <= b
        let plan = whole ? (inPlace ? rows : rowsApart) : (inPlace ? rowsRest! : rowsApartRest!)
        T.fftwExecuteDFT(plan, input: input + 2 * m0 * width, output: output + 2 * m0 * width)
        return whole ? min(b, height) : height % b
    }
}

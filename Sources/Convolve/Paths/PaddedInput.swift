/// Extends one channel plane by the geometry's padding and boundary: the one padding
/// routine every path uses.
enum PaddedInput {
    /// Writes the window of the plane `source` (extents `g.input`) extended to `g.padded`
    /// that starts at padded position `origin` into `destination`, of row-major extents
    /// `frame`: `destination[m] = P[origin + m]`, zero where `origin + m` lies beyond
    /// `g.padded` (the FFT path's zero-extension to a fast transform size). With the
    /// origin at zero and `frame ≥ g.padded` this is the whole padded plane.
    ///
    /// Padded position `p` reads input index `p − before` through ``Boundary/sourceIndex(_:length:)``.
    static func write<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, into destination: UnsafeMutablePointer<T>,
        frame: Extent3, geometry g: Geometry3, origin: Extent3 = Extent3(z: 0, y: 0, x: 0)
    ) {
        if let fillValue = g.boundary.fillValue, origin == Extent3(z: 0, y: 0, x: 0), frame == g.padded {
            writeFilledPlane(source, into: destination, geometry: g, fill: T(fillValue))
            return
        }
        let n = g.input, before = g.before, boundary = g.boundary
        let fill = T(boundary.fillValue ?? 0)
        let (count, interiorStart, interiorEnd) = columns(g, originX: origin.x, width: frame.x)
        let inner = interiorEnd - interiorStart, offset = origin.x + interiorStart - before.x
        /// Every row through `column(mx)`, the input index padded column `mx` reads (−1: the
        /// fill); the interior copied element by element when short, else by one call.
        func writeRows(_ column: (Int) -> Int) {
            forEachRow(source, into: destination, frame: frame, geometry: g, origin: origin, count: count) {
                row, sourceRow in
                for mx in 0..<interiorStart {
                    let c = column(mx)
                    row[mx] = c >= 0 ? sourceRow[c] : fill
                }
                if inner <= shortCopy {
                    for i in 0..<inner { row[interiorStart + i] = sourceRow[offset + i] }
                } else {
                    (row + interiorStart).update(from: sourceRow + offset, count: inner)
                }
                for mx in interiorEnd..<count {
                    let c = column(mx)
                    row[mx] = c >= 0 ? sourceRow[c] : fill
                }
                (row + count).update(repeating: 0, count: frame.x - count)
            }
        }
        let columnSource = { (mx: Int) in boundary.sourceIndex(origin.x + mx - before.x, length: n.x) ?? -1 }
        let padding = interiorStart + count - interiorEnd
        guard padding <= tabledColumns else {
            writeRows(columnSource)
            return
        }
        // The padded columns' sources resolved once per call: each row of a narrow frame
        // (the direct path's strips at either end of a band's rows, a few columns each) is
        // then a short gather instead of a boundary lookup per padded column and a copy call.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, padding)) { columns in
            for mx in 0..<interiorStart { columns[mx] = columnSource(mx) }
            for mx in interiorEnd..<count { columns[mx - inner] = columnSource(mx) }
            writeRows { mx in columns[mx < interiorStart ? mx : mx - inner] }
        }
    }

    /// The whole padded plane under a fill boundary (zero or constant): each row the fill,
    /// the input row, the fill, without the general writer's per-call set-up (closures and
    /// a table of column sources), which planes of a few hundred samples notice (a
    /// depthwise layer pads one per channel).
    private static func writeFilledPlane<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, into destination: UnsafeMutablePointer<T>, geometry g: Geometry3, fill: T
    ) {
        let n = g.input, p = g.padded, before = g.before
        let (count, start, end) = columns(g, originX: 0, width: p.x)
        var row = destination
        for z in 0..<p.z {
            let sz = z - before.z
            for y in 0..<p.y {
                let sy = y - before.y
                if sz >= 0, sz < n.z, sy >= 0, sy < n.y {
                    var i = 0
                    while i < start { row[i] = fill; i &+= 1 }
                    copyRow(source + (sz * n.y + sy) * n.x + (start - before.x), into: row + start, count: end - start)
                    i = end
                    while i < count { row[i] = fill; i &+= 1 }
                } else {
                    var i = 0
                    while i < count { row[i] = fill; i &+= 1 }
                }
                row += p.x
            }
        }
    }

    /// Row `(mz, my)` of the window ``write(_:into:frame:geometry:origin:)`` writes at
    /// `origin` in frames of rows `width` long: the input row itself, from the window's
    /// first column, where that row of the window lies inside the input (no padding and no
    /// boundary to apply), otherwise the row written into `scratch` (`width` scalars).
    @inline(__always)
    static func windowRow<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, geometry g: Geometry3, origin: Extent3, z mz: Int, y my: Int, width: Int,
        scratch: UnsafeMutablePointer<T>
    ) -> UnsafePointer<T> {
        let n = g.input, p = g.padded
        let z = origin.z + mz - g.before.z, y = origin.y + my - g.before.y, x = origin.x - g.before.x
        let insideRows = z >= 0 && z < n.z && y >= 0 && y < n.y
        if insideRows, x >= 0, x + width <= n.x {
            return source + (z * n.y + y) * n.x + x
        }
        guard let fillValue = g.boundary.fillValue else {
            write(source, into: scratch, frame: Extent3(z: 1, y: 1, x: width), geometry: g,
                  origin: Extent3(z: origin.z + mz, y: origin.y + my, x: origin.x))
            return UnsafePointer(scratch)
        }
        // A fill boundary (zero or constant): the row is the fill outside the input, the
        // input inside it, and zero past the padded row or plane; done here without the
        // general writer's per-call set-up, which rows of tens of samples notice.
        var (count, start, end) = columns(g, originX: origin.x, width: width)
        if !insideRows { (start, end) = (count, count) }
        let outsidePlane = origin.z + mz >= p.z || origin.y + my >= p.y
        let outside = outsidePlane ? 0 : T(fillValue)
        var i = 0
        while i < start { scratch[i] = outside; i &+= 1 }
        if end > start { copyRow(source + (z * n.y + y) * n.x + x + start, into: scratch + start, count: end - start) }
        i = end
        while i < count { scratch[i] = outside; i &+= 1 }
        while i < width { scratch[i] = 0; i &+= 1 }
        return UnsafePointer(scratch)
    }

    /// A frame row `width` long from padded column `originX`: columns `[0, count)` lie inside
    /// the padded row, and `[start, end)` of those read the input row contiguously, from
    /// input column `originX + start − before.x`.
    @inline(__always)
    private static func columns(_ g: Geometry3, originX: Int, width: Int) -> (count: Int, start: Int, end: Int) {
        let count = max(0, min(width, g.padded.x - originX))
        let start = min(count, max(0, g.before.x - originX))
        return (count, start, max(start, min(count, g.before.x + g.input.x - originX)))
    }

    /// `destination[i] = source[i]` for `i < count`, eight at a time, without a call: rows
    /// of tens of samples, where a `memmove` call costs as much as the copy.
    @inline(__always)
    private static func copyRow<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, into destination: UnsafeMutablePointer<T>, count: Int
    ) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        let size = MemoryLayout<T>.stride
        var i = 0
        while i &+ 8 <= count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i &* size, as: SIMD8<T>.self),
                          toByteOffset: i &* size, as: SIMD8<T>.self)
            i &+= 8
        }
        while i < count { destination[i] = source[i]; i &+= 1 }
    }

    /// Frames with at most this many padded columns resolve their sources once per call.
    static let tabledColumns = 64

    /// Interiors at most this long are copied element by element rather than by a call.
    static let shortCopy = 16

    /// The rows of ``write(_:into:frame:geometry:origin:)``'s frame: rows past the padded
    /// plane are written zero, rows the boundary fills (no input row) the fill value on their
    /// first `count` columns and zero after; every other row is handed to `body` with the
    /// input row it reads.
    @inline(__always)
    private static func forEachRow<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, into destination: UnsafeMutablePointer<T>,
        frame: Extent3, geometry g: Geometry3, origin: Extent3, count: Int,
        _ body: (UnsafeMutablePointer<T>, UnsafePointer<T>) -> Void
    ) {
        let n = g.input, p = g.padded, before = g.before, boundary = g.boundary
        let fill = T(boundary.fillValue ?? 0)
        for mz in 0..<frame.z {
            for my in 0..<frame.y {
                let row = destination + (mz * frame.y + my) * frame.x
                let z = origin.z + mz, y = origin.y + my
                guard z < p.z, y < p.y else {
                    row.update(repeating: 0, count: frame.x)
                    continue
                }
                guard let sz = boundary.sourceIndex(z - before.z, length: n.z),
                      let sy = boundary.sourceIndex(y - before.y, length: n.y) else {
                    row.update(repeating: fill, count: count)
                    (row + count).update(repeating: 0, count: frame.x - count)
                    continue
                }
                body(row, source + (sz * n.y + sy) * n.x)
            }
        }
    }

    /// The column phases of the padded plane for a stride `s = g.stride.x`: phase
    /// `φ < phases` into `destination + φ·P_z·P_y·columns`, each row `Q_φ[i] = P[φ + i·s]`
    /// for `i < columns`, zero past the padded row. Under a fill boundary they are written
    /// straight from the input plane `source` (the fill where `P` has no input sample), with
    /// two phases (stride 2) split sixteen input samples at a time into their even and odd
    /// halves; other boundaries pad the plane into `scratch` (`P_x·P_y·P_z`) first.
    static func writeColumnPhases<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, geometry g: Geometry3, phases: Int, columns: Int,
        scratch: UnsafeMutablePointer<T>, into destination: UnsafeMutablePointer<T>
    ) {
        let n = g.input, p = g.padded, s = g.stride.x, bx = g.before.x
        let phaseVolume = p.z * p.y * columns
        // Columns of phase φ inside the padded row: i with φ + i·s < p.x.
        func inside(_ φ: Int) -> Int { φ < p.x ? min(columns, (p.x - φ + s - 1) / s) : 0 }
        guard let fillValue = g.boundary.fillValue else {
            write(source, into: scratch, frame: p, geometry: g)
            for φ in 0..<phases {
                writePhase(scratch, extents: p, strides: Extent3(z: 1, y: 1, x: s), phase: Extent3(z: 0, y: 0, x: φ),
                           origin: Extent3(z: 0, y: 0, x: 0), frame: Extent3(z: p.z, y: p.y, x: columns),
                           into: destination + φ * phaseVolume)
            }
            return
        }
        let fill = T(fillValue)
        // Phase φ's entries i with an input sample: 0 ≤ φ + i·s − bx < n.x (and inside the row).
        func span(_ φ: Int) -> Range<Int> {
            let lo = max(0, (bx - φ + s - 1) / s), hi = min(inside(φ), (n.x - 1 + bx - φ) / s + 1)
            return lo < hi ? lo..<hi : 0..<0
        }
        let spans = (0..<phases).map(span)
        var r = 0
        for z in 0..<p.z {
            let sz = z - g.before.z
            for y in 0..<p.y {
                let sy = y - g.before.y
                let rowInside = sz >= 0 && sz < n.z && sy >= 0 && sy < n.y
                let inputRow = source + (rowInside ? (sz * n.y + sy) * n.x : 0)
                var simd = 0..<0
                if rowInside, s == 2, phases == 2 {
                    // i where both phases read the input: 2i − bx ≥ 0 and 2i + 1 − bx ≤ n.x − 1.
                    // Eight i (sixteen input samples) a step; a last step that would overrun
                    // `hi` is taken at hi − 8 instead, over entries already written with the
                    // same values (it reads up to input 2·hi − bx − 1 ≤ n.x − 1).
                    let lo = max(spans[0].lowerBound, spans[1].lowerBound)
                    let hi = min(spans[0].upperBound, spans[1].upperBound)
                    let even = destination + r * columns, odd = even + phaseVolume
                    @inline(__always) func split(_ i: Int) {
                        let v = UnsafeRawPointer(inputRow + (2 &* i &- bx)).loadUnaligned(as: SIMD16<T>.self)
                        UnsafeMutableRawPointer(even + i).storeBytes(of: v.evenHalf, as: SIMD8<T>.self)
                        UnsafeMutableRawPointer(odd + i).storeBytes(of: v.oddHalf, as: SIMD8<T>.self)
                    }
                    if hi &- lo >= 8 {
                        var i = lo
                        while i &+ 8 <= hi { split(i); i &+= 8 }
                        if i < hi { split(hi &- 8) }
                        simd = lo..<hi
                    }
                }
                for φ in 0..<phases {
                    let row = destination + φ * phaseVolume + r * columns
                    let count = inside(φ), data = rowInside ? spans[φ] : 0..<0
                    /// Entries `range` of the row: the input where phase φ has a sample, else the fill.
                    @inline(__always) func entries(_ range: Range<Int>) {
                        for i in range { row[i] = data.contains(i) ? inputRow[φ &+ i &* s &- bx] : fill }
                    }
                    if simd.isEmpty {
                        entries(0..<count)
                    } else {
                        entries(0..<simd.lowerBound)
                        entries(simd.upperBound..<count)
                    }
                    var i = count
                    while i < columns { row[i] = 0; i &+= 1 }
                }
                r += 1
            }
        }
    }

    /// Writes the dilation phase `φ` of the padded plane of input plane `source` into
    /// `destination` (row-major extents `frame`): `destination[m] = P[φ + m·d]` per axis,
    /// `d = g.dilation`, read straight from the input (its boundary's value where `P` has
    /// no input sample), zero where `φ + m·d` lies outside `P`. The Winograd path's
    /// dilated layers (`WinogradDilation.swift`).
    static func writePhase<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, geometry g: Geometry3, phase φ: Extent3, into destination: UnsafeMutablePointer<T>,
        frame: Extent3
    ) {
        let n = g.input, p = g.padded, d = g.dilation, before = g.before
        let fill = T(g.boundary.fillValue ?? 0)
        /// The input index along an axis for phase position `m`: ≥ 0 a sample, −1 the fill, −2 zero (outside `P`).
        func index(_ m: Int, phase: Int, step: Int, padded: Int, before: Int, length: Int) -> Int {
            let i = phase + m * step
            guard i < padded else { return -2 }
            return g.boundary.sourceIndex(i - before, length: length) ?? -1
        }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: frame.x) { columns in
            for m in 0..<frame.x {
                columns[m] = index(m, phase: φ.x, step: d.x, padded: p.x, before: before.x, length: n.x)
            }
            for mz in 0..<frame.z {
                let z = index(mz, phase: φ.z, step: d.z, padded: p.z, before: before.z, length: n.z)
                for my in 0..<frame.y {
                    let row = destination + (mz * frame.y + my) * frame.x
                    let y = index(my, phase: φ.y, step: d.y, padded: p.y, before: before.y, length: n.y)
                    guard z >= 0, y >= 0 else {
                        // Outside P along z or y: zero; else a fill row (zero past P along x).
                        let outside = z == -2 || y == -2
                        for m in 0..<frame.x { row[m] = !outside && columns[m] != -2 ? fill : 0 }
                        continue
                    }
                    let input = source + (z * n.y + y) * n.x
                    for m in 0..<frame.x {
                        let x = columns[m]
                        row[m] = x >= 0 ? input[x] : x == -1 ? fill : 0
                    }
                }
            }
        }
    }

    /// Writes phase `φ` of a padded plane `padded` (extents `p`) for strides `s`, from phase
    /// position `origin` on, into `destination` (row-major extents `frame`):
    /// `destination[m] = P[(origin + m)·s + φ]` per axis, zero where that lies outside `P`.
    /// The stride phases of the FFT path and of the direct path's channel blocks.
    static func writePhase<T: ConvolveScalar>(
        _ padded: UnsafePointer<T>, extents p: Extent3, strides s: Extent3, phase φ: Extent3, origin: Extent3,
        frame: Extent3, into destination: UnsafeMutablePointer<T>
    ) {
        let x0 = origin.x * s.x + φ.x
        let count = x0 < p.x ? min(frame.x, (p.x - x0 + s.x - 1) / s.x) : 0
        for mz in 0..<frame.z {
            for my in 0..<frame.y {
                let row = destination + (mz * frame.y + my) * frame.x
                let z = (origin.z + mz) * s.z + φ.z, y = (origin.y + my) * s.y + φ.y
                guard z < p.z, y < p.y else {
                    row.update(repeating: 0, count: frame.x)
                    continue
                }
                let source = padded + (z * p.y + y) * p.x + x0
                for mx in 0..<count { row[mx] = source[mx &* s.x] }
                (row + count).update(repeating: 0, count: frame.x - count)
            }
        }
    }
}

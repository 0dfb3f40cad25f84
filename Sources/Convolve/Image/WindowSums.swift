/// The sums `Σ I²` (and `Σ I`) over every `h × w` window of an image `I` (`H × W`), one
/// output row at a time, from running column sums in `Double`; everything it keeps is a
/// few rows of `W` doubles, so it stays in cache while the image streams past:
///
///     c_y[x] = Σ_{r=y}^{y+h−1} I[r, x],   c_{y+1}[x] = (c_y[x] + I[y+h, x]) − I[y, x]
///     P_y[x] = Σ_{x′<x} c_y[x′]           (four running sums, one per quarter of the row,
///                                           each started from the quarters before it)
///     Σ_window(y, x) = P_y[x + w] − P_y[x]
///
/// **Rounding** (`u = 2⁻⁵³`, first order; for `Σ I` read `|I|` for `I²`): a column sum
/// starts from `h − 1` additions and each row step rounds twice a value at most the
/// `(h + 1)`-row sum, and a pixel lies in at most `h + 1` of those, so
/// `|ĉ_y[x] − c_y[x]| ≤ (3h + 1)·u·C[x]`, `C[x]` the whole column's sum. A prefix rounds
/// in its quarter's start (a sum of at most `3L` values in four partial sums, `L = ⌈W/4⌉`
/// rounded up to a multiple of 4) and along its quarter: `≤ (2L + 8)·u·S_y`, with
/// `S_y = Σ_x |ĉ_y[x]|` the strip's sum. Hence, with `C_w` the largest sum of `C` over `w`
/// adjacent columns,
///
///     |Σ̂_window − Σ_window| ≤ u·[(3h + 1)·C_w + (2(2L + 8) + 1)·S_y]      (``errors``)
///
/// a row-wide bound; for an image of even energy a few `Double` ulps of its total energy.
struct WindowSums<T: ConvolveScalar> {
    let image: UnsafePointer<T>
    let height: Int, width: Int, h: Int, w: Int
    /// `P_y` of `I²` and of `I` (`nil` unless asked for) for the current row.
    let squares: UnsafeMutablePointer<Double>
    let sums: UnsafeMutablePointer<Double>?
    /// `c_y` of `I²` and `I`.
    private let columnSquares: UnsafeMutablePointer<Double>
    private let columnSums: UnsafeMutablePointer<Double>?
    /// `Σ I²` over the whole image.
    let totalSquares: Double
    /// `(3h + 1)·u·C_w` for `I²` and `|I|`.
    private let columnErrors: (squares: Double, sums: Double)
    /// The compiled form of the loops (``VectorWindowStatistics`` or the Swift ones here;
    /// the same bits either way).
    let instructions: VectorInstructions
    /// The row `squares` and `sums` hold.
    private(set) var row = -1
    /// What the current row's window sums of `I²` and `I` can be off by (the type's doc,
    /// with a 1 % margin for the bounds' own rounding).
    private(set) var errors = (squares: 0.0, sums: 0.0)

    /// Columns per quarter of the row, a multiple of 4.
    private static func quarter(_ width: Int) -> Int { (width + 15) / 16 * 4 }
    /// Doubles per array: four quarters and `P`'s extra entry.
    private static func stride(_ width: Int) -> Int { 4 * quarter(width) + 4 }

    /// Scratch doubles for an image `width` wide.
    static func scratchCount(width: Int) -> Int { 4 * stride(width) }

    /// Reads the image once for the column totals the rounding bounds use; ``advance()``
    /// then makes row 0 current. `scratch` holds ``scratchCount(width:)`` doubles.
    init(_ image: UnsafePointer<T>, height: Int, width: Int, h: Int, w: Int, sums wantSums: Bool,
         scratch: UnsafeMutablePointer<Double>, instructions: VectorInstructions = .detected) {
        (self.image, self.height, self.width, self.h, self.w) = (image, height, width, h, w)
        self.instructions = instructions
        let n = Self.stride(width)
        squares = scratch
        sums = wantSums ? scratch + n : nil
        columnSquares = scratch + 2 * n
        columnSums = wantSums ? scratch + 3 * n : nil
        // Whole columns' Σ I² and Σ |I| (accumulated row by row, which vectorises; in the
        // prefix arrays' memory, free until the first row), then their widest w-sums.
        let q = scratch, a = scratch + n
        q.update(repeating: 0, count: width)
        a.update(repeating: 0, count: width)
        for r in 0..<height {
            let pixels = image + r * width
            if instructions.runsAVX2 {
                T.columnsAddAVX2(pixels, width: width, squares: q, sums: nil, magnitudes: a)
                continue
            }
            for x in 0..<width {
                let v = Double(pixels[x])
                q[x] += v * v
                a[x] += abs(v)
            }
        }
        var (windowQ, windowA) = (0.0, 0.0)
        for x in 0..<w { windowQ += q[x]; windowA += a[x] }
        var (widestQ, widestA, total) = (windowQ, windowA, windowQ)
        for x in w..<width {
            windowQ += q[x] - q[x - w]
            windowA += a[x] - a[x - w]
            widestQ = max(widestQ, windowQ)
            widestA = max(widestA, windowA)
            total += q[x]
        }
        totalSquares = total
        // The sliding maxima carry rounding of their own: 1 % covers it.
        let perColumn = 1.01 * Double(3 * h + 1) * Double.ulpOfOne / 2
        columnErrors = (perColumn * widestQ * 1.01, perColumn * widestA * 1.01)
        // Columns past the row are zeros.
        columnSquares.update(repeating: 0, count: n)
        columnSums?.update(repeating: 0, count: n)
    }

    /// Makes the next output row current: fills ``squares`` (and ``sums``) with `P_y` and
    /// sets ``errors``.
    mutating func advance() {
        row += 1
        precondition(row <= height - h, "WindowSums: past the last output row")  // would read past the image
        let cq = columnSquares, cs = columnSums, width = width, length = Self.quarter(width)
        if row == 0 {
            for r in 0..<h {
                let pixels = image + r * width
                if instructions.runsAVX2 {
                    T.columnsAddAVX2(pixels, width: width, squares: cq, sums: cs, magnitudes: nil)
                    continue
                }
                for x in 0..<width { let v = Double(pixels[x]); cq[x] += v * v }
                if let cs { for x in 0..<width { cs[x] += Double(pixels[x]) } }
            }
        } else {
            let incoming = image + (row + h - 1) * width, outgoing = image + (row - 1) * width
            if instructions.runsAVX2 {
                T.columnsStepAVX2(incoming, outgoing, width: width, squares: cq, sums: cs)
            } else if let cs {
                // Both sums in one pass: each pixel is read and widened once.
                for x in 0..<width {
                    let a = Double(incoming[x]), b = Double(outgoing[x])
                    cq[x] = (cq[x] + a * a) - b * b
                    cs[x] = (cs[x] + a) - b
                }
            } else {
                for x in 0..<width {
                    let a = Double(incoming[x]), b = Double(outgoing[x])
                    cq[x] = (cq[x] + a * a) - b * b
                }
            }
        }
        if instructions.runsAVX2 {
            VectorWindowStatistics.prefix(cq, cs, length: length, into: squares, sums)
        } else {
            Self.prefix(cq, length, into: squares)
            if let cs, let sums { Self.prefix(cs, length, into: sums) }
        }

        let factor = 1.01 * Double(2 * (2 * length + 8) + 1) * Double.ulpOfOne / 2
        // A computed column sum is ≥ −(its bound), so Σ|ĉ| ≤ Σĉ + 2·Σ bounds; Σ|I| over the
        // strip is at most √(h·W·Σ I²) (Cauchy–Schwarz).
        let strip = squares[width] + 2 * Double(3 * h + 1) * Double.ulpOfOne * totalSquares
        errors = (columnErrors.squares + factor * strip,
                  columnErrors.sums + factor * (Double(h * width) * strip).squareRoot())
    }

    /// `p[x] = Σ_{x′<x} c[x′]` for `x ≤ 4·length` (`c` zero past the row): the starts of
    /// the quarters first (vector partial sums), then four independent running sums.
    private static func prefix(_ c: UnsafePointer<Double>, _ length: Int, into p: UnsafeMutablePointer<Double>) {
        var partial = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
        var x = 0
        while x < length {
            func load(_ i: Int) -> SIMD4<Double> { UnsafeRawPointer(c + i).loadUnaligned(as: SIMD4<Double>.self) }
            partial.0 += load(x)
            partial.1 += load(x + length)
            partial.2 += load(x + 2 * length)
            x += 4
        }
        // Lanes added left to right (as `WindowStatistics.c` does).
        func total(_ v: SIMD4<Double>) -> Double { ((v[0] + v[1]) + v[2]) + v[3] }
        var r0 = 0.0, r1 = total(partial.0)
        var r2 = r1 + total(partial.1)
        var r3 = r2 + total(partial.2)
        let (c0, c1, c2, c3) = (c, c + length, c + 2 * length, c + 3 * length)
        let p0 = p + 1, p1 = p0 + length, p2 = p1 + length, p3 = p2 + length
        p[0] = 0
        for i in 0..<length {
            r0 += c0[i]; p0[i] = r0
            r1 += c1[i]; p1[i] = r1
            r2 += c2[i]; p2[i] = r2
            r3 += c3[i]; p3[i] = r3
        }
    }

    /// The current row's window sums of `I²` and `I` at column `x` (`x < W − w + 1`).
    @inline(__always) func squaresOfWindow(_ x: Int) -> Double { max(0, squares[x + w] - squares[x]) }
}

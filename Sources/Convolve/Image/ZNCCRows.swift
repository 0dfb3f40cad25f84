/// ZNCC's last step, one output row at a time: from the correlation with the zero-mean
/// template `c = Σ T′·I` and the window's `Σ I` and `Σ I²` (``WindowSums``),
///
///     variance = Σ I² − (Σ I)²/n,   score = clamp(c / √(variance · tVariance), −1, 1),
///
/// and 0 for a flat window: `variance ≤ flat · Σ I² + e`, with `e` what rounding can make
/// of a zero variance, `e = E_q + (2|Σ I| + E_s)·E_s/n + 3u·Σ I² + u·Σ_image I²` (`E_q`,
/// `E_s` the window sums' bounds, ``WindowSums/errors``; `3u·Σ I²` the variance's three
/// roundings; one `Double` ulp of the image's energy as a floor).
///
/// For `Float` scores the square root and division run eight at a time: the variance is
/// divided by the image's `Σ I²` (so it lies in (1.1·10⁻¹⁶, 1] above the flat threshold:
/// a normal `Float`), and its reciprocal square root taken by three Newton steps
/// `y ← y·(3/2 − d·y²/2)` from the bit-level first guess (relative error below 2·10⁻⁷,
/// under a `Float` score's own rounding). `Double` scores, or scales `Float` cannot hold,
/// take the scalar `Double` form. Where the processor runs AVX2 the `Float` form is
/// ``VectorWindowStatistics/znccRow(squares:sums:w:count:inverseN:perSquare:slope:base:inverseTotal:scale:scores:)``:
/// the same operations eight windows at a time in one pass, the same bits.
struct ZNCCRows {
    let count: Int
    let n: Double, tVariance: Double, flat: Double

    /// Writes the scores of the current row of `windows` over the correlation in
    /// `o[0 ..< count]`; `scratch` holds at least `count` doubles.
    func scores<T: ConvolveScalar>(_ o: UnsafeMutablePointer<T>, windows: WindowSums<T>,
                                   scratch: UnsafeMutablePointer<Double>) {
        let inverseN = 1 / n, u = Double.ulpOfOne / 2
        let total = windows.totalSquares
        let floor = u * total, flat = flat
        let w = windows.w, q = UnsafePointer(windows.squares), s = UnsafePointer(windows.sums!)
        let (eq, es) = windows.errors
        // e = base + slope·|Σ I| + 3u·Σ I²
        let base = eq + es * es * inverseN + floor, slope = 2 * es * inverseN, perSquare = flat + 3 * u
        /// The window at column `x`: its variance, and whether it is flat.
        @inline(__always) func window(_ x: Int) -> (variance: Double, flat: Bool) {
            let squares = max(0, q[x + w] - q[x]), sum = s[x + w] - s[x]
            let variance = squares - sum * sum * inverseN
            return (variance, variance <= perSquare * squares + slope * abs(sum) + base)
        }
        let scale = 1 / (tVariance * total).squareRoot()
        guard T.self == Float.self, Float(scale).isNormal, Float(1 / scale).isFinite else {
            for x in 0..<count {
                let (variance, isFlat) = window(x)
                let score = min(1, max(-1, Double(o[x]) / (variance * tVariance).squareRoot()))
                o[x] = isFlat ? 0 : T(score)
            }
            return
        }
        let inverseTotal = 1 / total
        if windows.instructions.runsAVX2 {
            o.withMemoryRebound(to: Float.self, capacity: count) { c in
                VectorWindowStatistics.znccRow(squares: q, sums: s, w: w, count: count, inverseN: inverseN,
                                               perSquare: perSquare, slope: slope, base: base,
                                               inverseTotal: inverseTotal, scale: Float(scale), scores: c)
            }
            return
        }
        scratch.withMemoryRebound(to: Float.self, capacity: count) { d in
            // Four windows at a time (the scalar form above, vectorised by hand).
            var x = 0
            let zero = SIMD4<Double>(repeating: 0)
            while x + 4 <= count {
                func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
                    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
                }
                var squares = load(q + x + w) - load(q + x)
                squares.replace(with: zero, where: squares .< zero)
                let sum = load(s + x + w) - load(s + x)
                let variance = squares - sum * sum * inverseN
                let magnitude = sum.replacing(with: -sum, where: sum .< zero)
                var scaled = variance * inverseTotal
                scaled.replace(with: zero, where: variance .<= perSquare * squares + slope * magnitude + base)
                UnsafeMutableRawPointer(d + x).storeBytes(of: SIMD4<Float>(scaled), as: SIMD4<Float>.self)
                x += 4
            }
            while x < count {
                let (variance, isFlat) = window(x)
                d[x] = isFlat ? 0 : Float(variance * inverseTotal)
                x += 1
            }
            o.withMemoryRebound(to: Float.self, capacity: count) { c in
                Self.floatScores(c, d, count: count, scale: Float(scale))
            }
        }
    }

    /// `c[x] ← clamp(scale · c[x] / √d[x], −1, 1)`, and 0 where `d[x] = 0`.
    private static func floatScores(_ c: UnsafeMutablePointer<Float>, _ d: UnsafePointer<Float>, count: Int,
                                    scale: Float) {
        let half = SIMD8<Float>(repeating: 0.5), threeHalves = SIMD8<Float>(repeating: 1.5)
        let one = SIMD8<Float>(repeating: 1), factor = SIMD8<Float>(repeating: scale)
        let magic = SIMD8<UInt32>(repeating: 0x5f37_59df)
        var x = 0
        while x + 8 <= count {
            let dx = UnsafeRawPointer(d + x).loadUnaligned(as: SIMD8<Float>.self)
            let cx = UnsafeRawPointer(c + x).loadUnaligned(as: SIMD8<Float>.self)
            var y = unsafeBitCast(magic &- (unsafeBitCast(dx, to: SIMD8<UInt32>.self) &>> 1), to: SIMD8<Float>.self)
            let halfD = half * dx
            y = y * (threeHalves - halfD * y * y)
            y = y * (threeHalves - halfD * y * y)
            y = y * (threeHalves - halfD * y * y)
            var r = (cx * factor) * y
            r = r.replacing(with: one, where: r .> one)
            r = r.replacing(with: -one, where: r .< -one)
            r = r.replacing(with: 0, where: dx .== 0)
            UnsafeMutableRawPointer(c + x).storeBytes(of: r, as: SIMD8<Float>.self)
            x += 8
        }
        while x < count {
            c[x] = d[x] == 0 ? 0 : min(1, max(-1, scale * c[x] / d[x].squareRoot()))
            x += 1
        }
    }
}

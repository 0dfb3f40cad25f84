/// ZNCC's last step, one output row at a time: from the correlation with the zero-mean
/// template `c = Σ T′·I` and the window's `Σ I` and `Σ I²` (four lookups each in the
/// summed-area tables),
///
///     variance = Σ I² − (Σ I)²/n,   score = clamp(c / √(variance · tVariance), −1, 1),
///
/// and 0 for a flat window (`variance ≤ flat · Σ I² + tableError`; see ``matchTemplate``).
///
/// For `Float` scores the square root and division run eight at a time: the variance is
/// formed in `Double`, divided by the image's `Σ I²` (so it lies in (3.5·10⁻¹⁵, 1]
/// above the flat threshold: a normal `Float`), and its reciprocal square root taken by
/// three Newton steps `y ← y·(3/2 − d·y²/2)` from the bit-level first guess (relative
/// error below 2·10⁻⁷, under a `Float` score's own rounding). `Double` scores, or
/// scales `Float` cannot hold, take the scalar `Double` form.
struct ZNCCRows {
    let tables: IntegralImage
    let h: Int, w: Int, count: Int
    let n: Double, tVariance: Double, flat: Double, tableError: Double

    /// Writes the scores of output row `y` over the correlation in `o[0 ..< count]`;
    /// `scratch` holds at least `count` doubles.
    func scores<T: ConvolveScalar>(_ o: UnsafeMutablePointer<T>, y: Int, scratch: UnsafeMutablePointer<Double>) {
        let stride = tables.width + 1
        let qTop = UnsafePointer(tables.squares + y * stride), qBottom = qTop + h * stride
        let sTop = UnsafePointer(tables.sums! + y * stride), sBottom = sTop + h * stride
        let inverseN = 1 / n
        /// The window at column `x`: its sum of squares and its variance.
        @inline(__always) func window(_ x: Int) -> (squares: Double, variance: Double) {
            let q = (qBottom[x + w] - qTop[x + w]) - (qBottom[x] - qTop[x])
            let s = (sBottom[x + w] - sTop[x + w]) - (sBottom[x] - sTop[x])
            return (q, q - s * s * inverseN)
        }
        let total = tables.totalSquares
        let scale = 1 / (tVariance * total).squareRoot()
        guard T.self == Float.self, Float(scale).isNormal, Float(1 / scale).isFinite else {
            for x in 0..<count {
                let (q, variance) = window(x)
                let score = min(1, max(-1, Double(o[x]) / (variance * tVariance).squareRoot()))
                o[x] = variance <= flat * q + tableError ? 0 : T(score)
            }
            return
        }
        let inverseTotal = 1 / total
        scratch.withMemoryRebound(to: Float.self, capacity: count) { d in
            for x in 0..<count {
                let (q, variance) = window(x)
                d[x] = variance > flat * q + tableError ? Float(variance * inverseTotal) : 0
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

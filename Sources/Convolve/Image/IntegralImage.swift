/// Summed-area tables in `Double` over caller-provided memory (pooled scratch: fresh
/// multi-megabyte tables cost more in page faults than in arithmetic):
/// `S[i, j] = Σ_{y < i, x < j} I[y, x]` and `Q[i, j] = Σ_{y < i, x < j} I[y, x]²` for an
/// image `I` of `height × width`, so the sum over any window is four lookups:
/// `Σ_window = S[y+h, x+w] − S[y, x+w] − S[y+h, x] + S[y, x]`.
struct IntegralImage {
    let width: Int
    /// `Q`, and `S` when asked for; `(height + 1) × (width + 1)` each.
    let squares: UnsafeMutablePointer<Double>
    let sums: UnsafeMutablePointer<Double>?

    /// Scalars of scratch one table takes.
    static func tableCount(height: Int, width: Int) -> Int { (height + 1) * (width + 1) }

    /// Fills `squares` (and `sums`) from the row-major `image` in one pass.
    init<T: ConvolveScalar>(_ image: UnsafePointer<T>, height: Int, width: Int,
                            squares: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>?) {
        self.width = width
        self.squares = squares
        self.sums = sums
        let stride = width + 1
        squares.update(repeating: 0, count: stride)
        sums?.update(repeating: 0, count: stride)
        for y in 0..<height {
            let pixels = image + y * width
            let q = squares + (y + 1) * stride
            q[0] = 0
            var runningSquares = 0.0
            if let sums {
                let s = sums + (y + 1) * stride
                s[0] = 0
                var running = 0.0
                for x in 0..<width {
                    let v = Double(pixels[x])
                    running += v
                    runningSquares += v * v
                    s[x + 1] = s[x + 1 - stride] + running
                    q[x + 1] = q[x + 1 - stride] + runningSquares
                }
            } else {
                for x in 0..<width {
                    let v = Double(pixels[x])
                    runningSquares += v * v
                    q[x + 1] = q[x + 1 - stride] + runningSquares
                }
            }
        }
        totalSquares = squares[(height + 1) * stride - 1]
    }

    /// `Σ I²` over the whole image: window sums carry absolute rounding errors of a few
    /// `Double` ulps of this, from the cancellation in the four lookups.
    let totalSquares: Double

    /// The sums over rows `y ..< y + h` of the windows of width `w` starting at columns
    /// `0 ..< count` of `table`, into `out[0 ..< count]` (one contiguous, vectorisable pass).
    func rowOfSums(_ table: UnsafeMutablePointer<Double>, y: Int, h: Int, w: Int, count: Int,
                   into out: UnsafeMutablePointer<Double>) {
        let stride = width + 1
        let top = table + y * stride, bottom = table + (y + h) * stride
        for x in 0..<count { out[x] = (bottom[x + w] - top[x + w]) - (bottom[x] - top[x]) }
    }
}

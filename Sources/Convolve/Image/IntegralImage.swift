/// A summed-area table in `Double`: `S[i, j] = Σ_{y < i, x < j} f(I[y, x])` for an image
/// `I` of `height × width`, so the sum over any window is four lookups:
/// `Σ_window = S[y+h, x+w] − S[y, x+w] − S[y+h, x] + S[y, x]`.
struct IntegralImage {
    let width: Int
    private let table: [Double]

    /// The table of `transform(I[y, x])` over the row-major `image`.
    init<T: ConvolveScalar>(_ image: [T], height: Int, width: Int, _ transform: (Double) -> Double) {
        self.width = width
        var table = [Double](repeating: 0, count: (height + 1) * (width + 1))
        for y in 0..<height {
            var row = 0.0
            for x in 0..<width {
                row += transform(Double(image[y * width + x]))
                table[(y + 1) * (width + 1) + x + 1] = table[y * (width + 1) + x + 1] + row
            }
        }
        self.table = table
    }

    /// The sum over the whole image: window sums carry absolute rounding errors of a few
    /// `Double` ulps of this, from the cancellation in the four lookups.
    var total: Double { table.last! }

    /// The sums over rows `y ..< y + h` of the windows of width `w` starting at columns
    /// `0 ..< count`, into `sums[0 ..< count]` (one contiguous, vectorisable pass).
    func rowOfSums(y: Int, h: Int, w: Int, count: Int, into sums: UnsafeMutablePointer<Double>) {
        let stride = width + 1
        table.withUnsafeBufferPointer { t in
            let top = t.baseAddress! + y * stride, bottom = t.baseAddress! + (y + h) * stride
            for x in 0..<count { sums[x] = (bottom[x + w] - top[x + w]) - (bottom[x] - top[x]) }
        }
    }

    /// The sum over rows `y ..< y + h`, columns `x ..< x + w`.
    @inline(__always)
    func sum(y: Int, x: Int, h: Int, w: Int) -> Double {
        let stride = width + 1
        return table[(y + h) * stride + x + w] - table[y * stride + x + w] - table[(y + h) * stride + x] + table[y * stride + x]
    }
}

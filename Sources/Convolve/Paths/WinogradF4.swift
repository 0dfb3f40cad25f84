/// The three transforms of Winograd's minimal filtering algorithm F(4, 3) (Lavin & Gray,
/// "Fast Algorithms for Convolutional Neural Networks", 2016), which computes 4 outputs of
/// a 3-tap correlation `y[i] = Σ_r d[i + r]·g[r]` from 6 inputs with 6 multiplications:
///
///     y = Aᵀ [ (G g) ⊙ (Bᵀ d) ],      in 2-D:  Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A
///
/// with the interpolation points 0, ±1, ±2 and ∞:
///
///     Bᵀ = | 4  0 −5  0  1  0 |    G = |  1/4    0     0  |    Aᵀ = | 1  1  1  1  1  0 |
///          | 0 −4 −4  1  1  0 |        | −1/6  −1/6  −1/6 |         | 0  1 −1  2 −2  0 |
///          | 0  4 −4 −1  1  0 |        | −1/6   1/6  −1/6 |         | 0  1  1  4  4  0 |
///          | 0 −2 −1  2  1  0 |        | 1/24  1/12   1/6 |         | 0  1 −1  8 −8  1 |
///          | 0  2 −1 −2  1  0 |        | 1/24 −1/12   1/6 |
///          | 0  4  0 −5  0  1 |        |   0     0     1  |
///
/// Each 1-D transform reads `x[i·xs]` and writes `y[i·ys]`; ``WinogradTile``'s 2-D tile
/// transforms apply them to the columns, then to the rows.
enum WinogradF4: WinogradTile {
    static let outputs = 4
    static let matrixBt: [[Double]] = [[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0],
                                       [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]]
    static let matrixG: [[Double]] = [[1.0 / 4, 0, 0], [-1.0 / 6, -1.0 / 6, -1.0 / 6], [-1.0 / 6, 1.0 / 6, -1.0 / 6],
                                      [1.0 / 24, 1.0 / 12, 1.0 / 6], [1.0 / 24, -1.0 / 12, 1.0 / 6], [0, 0, 1]]
    static let matrixAt: [[Double]] = [[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0],
                                       [0, 1, -1, 8, -8, 1]]

    /// `y = Bᵀ x` (6 → 6).
    @inline(__always)
    static func input<V: TileLane>(_ x: UnsafePointer<V>, _ xs: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int) {
        let x0 = x[0], x1 = x[xs], x2 = x[2 &* xs], x3 = x[3 &* xs], x4 = x[4 &* xs], x5 = x[5 &* xs]
        y[0] = 4 * x0 - 5 * x2 + x4
        y[ys] = x3 + x4 - 4 * (x1 + x2)
        y[2 &* ys] = 4 * (x1 - x2) + x4 - x3
        y[3 &* ys] = 2 * (x3 - x1) + x4 - x2
        y[4 &* ys] = 2 * (x1 - x3) + x4 - x2
        y[5 &* ys] = 4 * x1 - 5 * x3 + x5
    }

    /// `y = G g` (3 → 6).
    @inline(__always)
    static func kernel<V: TileLane>(_ g: UnsafePointer<V>, _ gs: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int) {
        let g0 = g[0], g1 = g[gs], g2 = g[2 &* gs]
        let sixth = 1 / V.Element(6), twelfth = 1 / V.Element(12), twentyFourth = 1 / V.Element(24)
        y[0] = V.Element(0.25) * g0
        y[ys] = (-sixth) * (g0 + g1 + g2)
        y[2 &* ys] = (-sixth) * (g0 - g1 + g2)
        y[3 &* ys] = twentyFourth * g0 + twelfth * g1 + sixth * g2
        y[4 &* ys] = twentyFourth * g0 - twelfth * g1 + sixth * g2
        y[5 &* ys] = g2
    }

    /// `y = Aᵀ m` (6 → 4).
    @inline(__always)
    static func output<V: TileLane>(_ m: UnsafePointer<V>, _ ms: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int) {
        let m0 = m[0], m1 = m[ms], m2 = m[2 &* ms], m3 = m[3 &* ms], m4 = m[4 &* ms], m5 = m[5 &* ms]
        let a = m1 + m2, b = m1 - m2, c = m3 + m4, d = m3 - m4
        y[0] = m0 + a + c
        y[ys] = b + 2 * d
        y[2 &* ys] = a + 4 * c
        y[3 &* ys] = b + 8 * d + m5
    }
}

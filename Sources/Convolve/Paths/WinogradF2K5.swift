/// Winograd's F(2, 5): 2 outputs of a 5-tap correlation `y[i] = Σ_r d[i + r]·g[r]` from 6
/// inputs with 6 multiplications instead of 10; in 2-D 36 instead of 100 per 2×2 outputs.
/// The interpolation points are ``WinogradF4``'s (0, ±1, ±2 and ∞), so the input transform
/// `Bᵀ` is the same; `G` evaluates the kernel there and `Aᵀ` recovers two outputs:
///
///     G = |  1/4     0      0      0      0   |    Aᵀ = | 1  1  1  1  1  0 |
///         | −1/6   −1/6   −1/6   −1/6   −1/6  |         | 0  1 −1  2 −2  1 |
///         | −1/6    1/6   −1/6    1/6   −1/6  |
///         | 1/24   1/12    1/6    1/3    2/3  |
///         | 1/24  −1/12    1/6   −1/3    2/3  |
///         |   0      0      0      0      1   |
///
/// (`G[k][j] = p_kʲ / ∏_{l≠k}(p_k − p_l)` for the finite points, `Aᵀ[i][k] = p_kⁱ`.)
enum WinogradF2K5: WinogradTile {
    static let outputs = 2
    static let taps = 5
    static let matrixBt = WinogradF4.matrixBt
    static let matrixG: [[Double]] = [
        [1.0 / 4, 0, 0, 0, 0], [-1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6],
        [-1.0 / 6, 1.0 / 6, -1.0 / 6, 1.0 / 6, -1.0 / 6], [1.0 / 24, 1.0 / 12, 1.0 / 6, 1.0 / 3, 2.0 / 3],
        [1.0 / 24, -1.0 / 12, 1.0 / 6, -1.0 / 3, 2.0 / 3], [0, 0, 0, 0, 1],
    ]
    static let matrixAt: [[Double]] = [[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 1]]

    /// `y = Bᵀ x` (6 → 6): ``WinogradF4/input(_:_:_:_:)``.
    @inline(__always)
    static func input<V: TileLane>(_ x: UnsafePointer<V>, _ xs: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int) {
        WinogradF4.input(x, xs, y, ys)
    }

    /// `y = G g` (5 → 6).
    @inline(__always)
    static func kernel<V: TileLane>(_ g: UnsafePointer<V>, _ gs: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int) {
        let g0 = g[0], g1 = g[gs], g2 = g[2 &* gs], g3 = g[3 &* gs], g4 = g[4 &* gs]
        let sixth = 1 / V.Element(6), twelfth = 1 / V.Element(12), twentyFourth = 1 / V.Element(24)
        let third = 1 / V.Element(3), twoThirds = 2 / V.Element(3)
        let even = g0 + g2 + g4, odd = g1 + g3
        y[0] = V.Element(0.25) * g0
        y[ys] = (-sixth) * (even + odd)
        y[2 &* ys] = (-sixth) * (even - odd)
        let e2 = twentyFourth * g0 + sixth * g2 + twoThirds * g4, o2 = twelfth * g1 + third * g3
        y[3 &* ys] = e2 + o2
        y[4 &* ys] = e2 - o2
        y[5 &* ys] = g4
    }

    /// `y = Aᵀ m` (6 → 2).
    @inline(__always)
    static func output<V: TileLane>(_ m: UnsafePointer<V>, _ ms: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int) {
        let m0 = m[0], m1 = m[ms], m2 = m[2 &* ms], m3 = m[3 &* ms], m4 = m[4 &* ms], m5 = m[5 &* ms]
        y[0] = m0 + (m1 + m2) + (m3 + m4)
        y[ys] = (m1 - m2) + 2 * (m3 - m4) + m5
    }
}

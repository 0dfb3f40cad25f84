/// Winograd's F(2, 3): 2 outputs of a 3-tap correlation from 4 inputs with 4
/// multiplications (interpolation points 0, ±1, ∞); in 2-D 16 instead of 36 per 2×2 outputs.
/// Fewer savings than ``WinogradF4`` but four times the tiles, which keeps the GEMMs wide
/// on small feature maps, and a much smaller error constant.
///
///     Bᵀ = | 1  0 −1  0 |    G = |  1    0    0  |    Aᵀ = | 1  1  1  0 |
///          | 0  1  1  0 |        | 1/2  1/2  1/2 |         | 0  1 −1 −1 |
///          | 0 −1  1  0 |        | 1/2 −1/2  1/2 |
///          | 0  1  0 −1 |        |  0    0    1  |
enum WinogradF2: WinogradTile {
    static let outputs = 2
    static let matrixBt: [[Double]] = [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]]
    static let matrixG: [[Double]] = [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]]
    static let matrixAt: [[Double]] = [[1, 1, 1, 0], [0, 1, -1, -1]]

    /// `y = Bᵀ x` (4 → 4).
    @inline(__always)
    static func input<V: TileLane>(_ x: UnsafePointer<V>, _ xs: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int) {
        let x0 = x[0], x1 = x[xs], x2 = x[2 &* xs], x3 = x[3 &* xs]
        y[0] = x0 - x2
        y[ys] = x1 + x2
        y[2 &* ys] = x2 - x1
        y[3 &* ys] = x1 - x3
    }

    /// `y = G g` (3 → 4).
    @inline(__always)
    static func kernel<V: TileLane>(_ g: UnsafePointer<V>, _ gs: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int) {
        let g0 = g[0], g1 = g[gs], g2 = g[2 &* gs]
        let half = 1 / V.Element(2)
        y[0] = g0
        y[ys] = half * (g0 + g1 + g2)
        y[2 &* ys] = half * (g0 - g1 + g2)
        y[3 &* ys] = g2
    }

    /// `y = Aᵀ m` (4 → 2).
    @inline(__always)
    static func output<V: TileLane>(_ m: UnsafePointer<V>, _ ms: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int) {
        let m0 = m[0], m1 = m[ms], m2 = m[2 &* ms], m3 = m[3 &* ms]
        y[0] = m0 + m1 + m2
        y[ys] = m1 - m2 - m3
    }
}

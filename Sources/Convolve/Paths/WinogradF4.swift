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
/// Each 1-D transform reads `x[i·xs]` and writes `y[i·ys]`; the 2-D ones apply it to the
/// columns, then to the rows, through a 36-element `scratch`.
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
    static func input<T: ConvolveScalar>(_ x: UnsafePointer<T>, _ xs: Int, _ y: UnsafeMutablePointer<T>, _ ys: Int) {
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
    static func kernel<T: ConvolveScalar>(_ g: UnsafePointer<T>, _ gs: Int, _ y: UnsafeMutablePointer<T>, _ ys: Int) {
        let g0 = g[0], g1 = g[gs], g2 = g[2 &* gs]
        let sixth = 1 / T(6), twelfth = 1 / T(12), twentyFourth = 1 / T(24)
        y[0] = g0 / 4
        y[ys] = -(g0 + g1 + g2) * sixth
        y[2 &* ys] = -(g0 - g1 + g2) * sixth
        y[3 &* ys] = g0 * twentyFourth + g1 * twelfth + g2 * sixth
        y[4 &* ys] = g0 * twentyFourth - g1 * twelfth + g2 * sixth
        y[5 &* ys] = g2
    }

    /// `y = Aᵀ m` (6 → 4).
    @inline(__always)
    static func output<T: ConvolveScalar>(_ m: UnsafePointer<T>, _ ms: Int, _ y: UnsafeMutablePointer<T>, _ ys: Int) {
        let m0 = m[0], m1 = m[ms], m2 = m[2 &* ms], m3 = m[3 &* ms], m4 = m[4 &* ms], m5 = m[5 &* ms]
        let a = m1 + m2, b = m1 - m2, c = m3 + m4, d = m3 - m4
        y[0] = m0 + a + c
        y[ys] = b + 2 * d
        y[2 &* ys] = a + 4 * c
        y[3 &* ys] = b + 8 * d + m5
    }

    /// `V = Bᵀ D B` of the 6×6 window at `d` (row stride `rowStride`), element `ξ = 6i + j`
    /// written to `v[ξ·step]`.
    @inline(__always)
    static func inputTile<T: ConvolveScalar>(
        _ d: UnsafePointer<T>, rowStride: Int, scratch: UnsafeMutablePointer<T>, into v: UnsafeMutablePointer<T>,
        step: Int
    ) {
        for j in 0..<6 { input(d + j, rowStride, scratch + j, 6) }
        for i in 0..<6 { input(scratch + 6 &* i, 1, v + 6 &* i &* step, step) }
    }

    /// `U = G g Gᵀ` of the 3×3 kernel at `g` (row-major), element `ξ` written to `u[ξ·step]`.
    @inline(__always)
    static func kernelTile<T: ConvolveScalar>(
        _ g: UnsafePointer<T>, scratch: UnsafeMutablePointer<T>, into u: UnsafeMutablePointer<T>, step: Int
    ) {
        for j in 0..<3 { kernel(g + j, 3, scratch + j, 3) }
        for i in 0..<6 { kernel(scratch + 3 &* i, 1, u + 6 &* i &* step, step) }
    }

    /// `Y = Aᵀ M A` of the 6×6 tile with element `ξ` at `m[ξ·step]`, into the 4×4 `y`.
    @inline(__always)
    static func outputTile<T: ConvolveScalar>(
        _ m: UnsafePointer<T>, step: Int, scratch: UnsafeMutablePointer<T>, into y: UnsafeMutablePointer<T>
    ) {
        for j in 0..<6 { output(m + j &* step, 6 &* step, scratch + j, 6) }
        for i in 0..<4 { output(scratch + 6 &* i, 1, y + 4 &* i, 1) }
    }
}

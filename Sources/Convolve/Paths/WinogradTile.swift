/// One of Winograd's minimal filtering algorithms F(m×m, 3×3): `m×m` outputs of a 3×3
/// correlation from an `α×α` input window, `α = m + 2`, with `α²` multiplications:
///
///     Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ D B) ] A
///
/// Each conformance holds its matrices (for the error bound) and the three 1-D
/// transforms; the 2-D ones apply them to the columns, then the rows, through an
/// `α²`-element `scratch`.
protocol WinogradTile {
    /// `m`: outputs per tile side.
    static var outputs: Int { get }
    static var matrixBt: [[Double]] { get }
    static var matrixG: [[Double]] { get }
    static var matrixAt: [[Double]] { get }

    /// `y = Bᵀ x` (α → α), reading `x[i·xs]` and writing `y[i·ys]`.
    static func input<T: ConvolveScalar>(_ x: UnsafePointer<T>, _ xs: Int, _ y: UnsafeMutablePointer<T>, _ ys: Int)
    /// `y = G g` (3 → α).
    static func kernel<T: ConvolveScalar>(_ g: UnsafePointer<T>, _ gs: Int, _ y: UnsafeMutablePointer<T>, _ ys: Int)
    /// `y = Aᵀ m` (α → m).
    static func output<T: ConvolveScalar>(_ m: UnsafePointer<T>, _ ms: Int, _ y: UnsafeMutablePointer<T>, _ ys: Int)
}

extension WinogradTile {
    /// `α = m + 2`: the input window's side.
    static var window: Int { outputs + 2 }
    /// `α²`: elements of a transformed tile, and GEMMs per chunk of tiles.
    static var elements: Int { window * window }

    /// `S = max_pq Σ_ij |Aᵀ|_pi |Aᵀ|_qj (|G| 𝟙 |G|ᵀ)_ij (|Bᵀ| 𝟙 |B|)_ij`: how much larger than
    /// `max|d| · max|g|` the sum of the absolute values of everything one output is formed
    /// from can be (a direct 3×3 sum's is 9). The error bound scales with it.
    static var absoluteGain: Double {
        let at = matrixAt.map { $0.map(abs) }
        // (|G| 𝟙 |G|ᵀ)_ij = (Σ_a |G_ia|)(Σ_b |G_jb|); likewise for Bᵀ.
        let gRows = matrixG.map { $0.reduce(0) { $0 + abs($1) } }, bRows = matrixBt.map { $0.reduce(0) { $0 + abs($1) } }
        var best = 0.0
        for p in 0..<outputs {
            for q in 0..<outputs {
                var sum = 0.0
                for i in 0..<window {
                    for j in 0..<window { sum += at[p][i] * at[q][j] * gRows[i] * gRows[j] * bRows[i] * bRows[j] }
                }
                best = max(best, sum)
            }
        }
        return best
    }

    /// `V = Bᵀ D B` of the `α×α` window at `d` (row stride `rowStride`), element
    /// `ξ = α·i + j` written to `v[ξ·step]`.
    @inline(__always)
    static func inputTile<T: ConvolveScalar>(
        _ d: UnsafePointer<T>, rowStride: Int, scratch: UnsafeMutablePointer<T>, into v: UnsafeMutablePointer<T>,
        step: Int
    ) {
        let a = window
        for j in 0..<a { input(d + j, rowStride, scratch + j, a) }
        for i in 0..<a { input(scratch + a &* i, 1, v + a &* i &* step, step) }
    }

    /// `U = G g Gᵀ` of the row-major 3×3 kernel at `g`, element `ξ` written to `u[ξ·step]`.
    @inline(__always)
    static func kernelTile<T: ConvolveScalar>(
        _ g: UnsafePointer<T>, scratch: UnsafeMutablePointer<T>, into u: UnsafeMutablePointer<T>, step: Int
    ) {
        let a = window
        for j in 0..<3 { kernel(g + j, 3, scratch + j, 3) }
        for i in 0..<a { kernel(scratch + 3 &* i, 1, u + a &* i &* step, step) }
    }

    /// `Y = Aᵀ M A` of the tile with element `ξ` at `m[ξ·step]`, into the row-major `m×m` `y`.
    @inline(__always)
    static func outputTile<T: ConvolveScalar>(
        _ m: UnsafePointer<T>, step: Int, scratch: UnsafeMutablePointer<T>, into y: UnsafeMutablePointer<T>
    ) {
        let a = window, n = outputs
        for j in 0..<a { output(m + j &* step, a &* step, scratch + j, a) }
        for i in 0..<n { output(scratch + a &* i, 1, y + n &* i, 1) }
    }
}

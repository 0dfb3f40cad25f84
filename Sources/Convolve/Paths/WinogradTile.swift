/// One of Winograd's minimal filtering algorithms F(m×m, r×r): `m×m` outputs of an `r×r`
/// correlation from an `α×α` input window, `α = m + r − 1`, with `α²` multiplications
/// (F(4×4, 3×3), F(2×2, 3×3), F(2×2, 5×5)):
///
///     Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ D B) ] A
///
/// Each conformance holds its matrices (for the error bound) and the three 1-D
/// transforms; the 2-D ones apply them to the columns, then the rows, through an
/// `α²`-element `scratch`.
protocol WinogradTile {
    /// `m`: outputs per tile side.
    static var outputs: Int { get }
    /// `r`: kernel taps per side.
    static var taps: Int { get }
    static var matrixBt: [[Double]] { get }
    static var matrixG: [[Double]] { get }
    static var matrixAt: [[Double]] { get }

    /// `y = Bᵀ x` (α → α), reading `x[i·xs]` and writing `y[i·ys]`: of one tile (`V` a
    /// scalar) or of eight at once (`V` a `SIMD8`, a tile per lane), with the same
    /// operations in the same order, so both give the same bits.
    static func input<V: TileLane>(_ x: UnsafePointer<V>, _ xs: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int)
    /// `y = G g` (r → α), of one kernel or eight as ``input(_:_:_:_:)``.
    static func kernel<V: TileLane>(_ g: UnsafePointer<V>, _ gs: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int)
    /// `y = Aᵀ m` (α → m), of one tile or eight as ``input(_:_:_:_:)``.
    static func output<V: TileLane>(_ m: UnsafePointer<V>, _ ms: Int, _ y: UnsafeMutablePointer<V>, _ ys: Int)
}

/// What the Winograd path's input and output transforms compute with: a scalar (one tile)
/// or a `SIMD8` of scalars (eight tiles, lane by lane). Only additions, subtractions and
/// products by constants, each lane rounded as the scalar would be.
public protocol TileLane {
    associatedtype Element: BinaryFloatingPoint
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Element, b: Self) -> Self
}

extension Float: TileLane { public typealias Element = Float }
extension Double: TileLane { public typealias Element = Double }
extension SIMD8: TileLane where Scalar: ConvolveScalar { public typealias Element = Scalar }

extension WinogradTile {
    /// `r = 3` unless a tile says otherwise.
    static var taps: Int { 3 }
    /// `α = m + r − 1`: the input window's side.
    static var window: Int { outputs + taps - 1 }
    /// `r²`: taps of one kernel.
    static var kernelElements: Int { taps * taps }
    /// The tile as the AVX2 tile transforms (``VectorWinograd``) name it: `m` for
    /// F(m×m, 3×3), `10m + r` otherwise (25 for F(2×2, 5×5)).
    static var vectorCode: Int { taps == 3 ? outputs : 10 * outputs + taps }
    /// `α²`: elements of a transformed tile, and GEMMs per chunk of tiles.
    static var elements: Int { window * window }

    /// `S = max_pq Σ_ij |Aᵀ|_pi |Aᵀ|_qj (|G| 𝟙 |G|ᵀ)_ij (|Bᵀ| 𝟙 |B|)_ij`: how much larger than
    /// `max|d| · max|g|` the sum of the absolute values of everything one output is formed
    /// from can be (a direct `r×r` sum's is `r²`). The error bound scales with it.
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

    /// `U = G g Gᵀ` of the row-major `r×r` kernel at `g`, element `ξ` written to `u[ξ·step]`.
    /// `scratch` holds `r·α` scalars.
    @inline(__always)
    static func kernelTile<T: ConvolveScalar>(
        _ g: UnsafePointer<T>, scratch: UnsafeMutablePointer<T>, into u: UnsafeMutablePointer<T>, step: Int
    ) {
        let a = window, r = taps
        for j in 0..<r { kernel(g + j, r, scratch + j, r) }
        for i in 0..<a { kernel(scratch + r &* i, 1, u + a &* i &* step, step) }
    }

    /// `U = G g Gᵀ` of eight row-major `r×r` kernels, the `k`-th at `g + r²k`, element `ξ` of
    /// kernel `k` written to `u[ξ·step + k]`: ``kernelTile(_:scratch:into:step:)`` lane by
    /// lane (the same operations in the same order, so the same bits). `scratch` holds
    /// `r² + rα + α²` vectors.
    @inline(__always)
    static func kernelTiles8<T: ConvolveScalar>(
        _ g: UnsafePointer<T>, scratch: UnsafeMutablePointer<SIMD8<T>>, into u: UnsafeMutablePointer<T>, step: Int
    ) {
        let a = window, r = taps, n = kernelElements
        let lanes = scratch, columns = scratch + n, rows = columns + r &* a
        // The r² taps of the eight kernels, then `G g` down the columns into `α×r`.
        for q in 0..<n {
            let p = g + q
            lanes[q] = SIMD8(p[0], p[n], p[2 &* n], p[3 &* n], p[4 &* n], p[5 &* n], p[6 &* n], p[7 &* n])
        }
        for j in 0..<r { kernel(UnsafePointer(lanes + j), r, columns + j, r) }
        for i in 0..<a { kernel(UnsafePointer(columns + r &* i), 1, rows + a &* i, 1) }
        for xi in 0..<a &* a {
            UnsafeMutableRawPointer(u + xi &* step).storeBytes(of: rows[xi], as: SIMD8<T>.self)
        }
    }

    /// `V = Bᵀ D B` of eight tiles side by side, the `k`-th window at `d + k·m` (row stride
    /// `rowStride`), element `ξ` of tile `k` written to `v[ξ·step + k]`: ``inputTile(_:rowStride:scratch:into:step:)``
    /// lane by lane. Reads `8m + α − 1` elements of each window row from `d` (`m − 1` past
    /// the last window's end: the caller's planes leave that slack). `scratch` holds
    /// `2α²` vectors.
    @inline(__always)
    static func inputTiles8<T: ConvolveScalar>(
        _ d: UnsafePointer<T>, rowStride: Int, scratch: UnsafeMutablePointer<SIMD8<T>>,
        into v: UnsafeMutablePointer<T>, step: Int
    ) {
        let a = window, gathered = scratch, columns = scratch + a &* a
        for i in 0..<a {
            for j in 0..<a { gathered[a &* i &+ j] = lanes(d + (i &* rowStride &+ j)) }
        }
        transformInputs8(gathered, columns: columns, into: v, step: step)
    }

    /// ``inputTiles8(_:rowStride:scratch:into:step:)`` for eight windows anywhere in one
    /// plane: tile `k`'s window at `plane + offsets[k]`, its lanes gathered one by one.
    @inline(__always)
    static func inputTiles8<T: ConvolveScalar>(
        _ plane: UnsafePointer<T>, offsets: SIMD8<Int>, rowStride: Int, scratch: UnsafeMutablePointer<SIMD8<T>>,
        into v: UnsafeMutablePointer<T>, step: Int
    ) {
        let a = window, gathered = scratch, columns = scratch + a &* a
        for i in 0..<a {
            for j in 0..<a {
                let p = plane + (i &* rowStride &+ j)
                gathered[a &* i &+ j] = SIMD8(p[offsets[0]], p[offsets[1]], p[offsets[2]], p[offsets[3]],
                                              p[offsets[4]], p[offsets[5]], p[offsets[6]], p[offsets[7]])
            }
        }
        transformInputs8(gathered, columns: columns, into: v, step: step)
    }

    /// The two passes of `Bᵀ D B` over eight gathered windows (`gathered[ξ]`, overwritten
    /// with the result) and the stores of element `ξ` of tile `k` to `v[ξ·step + k]`.
    @inline(__always)
    static func transformInputs8<T: ConvolveScalar>(
        _ gathered: UnsafeMutablePointer<SIMD8<T>>, columns: UnsafeMutablePointer<SIMD8<T>>,
        into v: UnsafeMutablePointer<T>, step: Int
    ) {
        let a = window
        for j in 0..<a { input(UnsafePointer(gathered + j), a, columns + j, a) }
        for i in 0..<a { input(UnsafePointer(columns + a &* i), 1, gathered + a &* i, 1) }
        for xi in 0..<a &* a {
            UnsafeMutableRawPointer(v + xi &* step).storeBytes(of: gathered[xi], as: SIMD8<T>.self)
        }
    }

    /// `p[0], p[m], …, p[7m]`: every `m`-th element (`m` = ``outputs``, 4 or 2), by
    /// deinterleaving one load of `8m` elements.
    @inline(__always)
    static func lanes<T: ConvolveScalar>(_ p: UnsafePointer<T>) -> SIMD8<T> {
        if outputs == 4 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD32<T>.self).evenHalf.evenHalf }
        if outputs == 2 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD16<T>.self).evenHalf }
        let m = outputs
        return SIMD8(p[0], p[m], p[2 &* m], p[3 &* m], p[4 &* m], p[5 &* m], p[6 &* m], p[7 &* m])
    }

    /// `Y = Aᵀ M A` of eight whole tiles, element `ξ` of tile `k` at `m[ξ·step + k]`, tile
    /// `k` written to the `m×m` block at `y + corners[k]` (row stride `rowStride`), each
    /// output plus `bias` when given: ``outputTile(_:step:scratch:into:)`` lane by lane.
    /// `scratch` holds `2α²` vectors.
    @inline(__always)
    static func outputTiles8<T: ConvolveScalar>(
        _ m: UnsafePointer<T>, step: Int, scratch: UnsafeMutablePointer<SIMD8<T>>,
        into y: UnsafeMutablePointer<T>, corners: SIMD8<Int>, rowStride: Int, bias: T? = nil
    ) {
        let a = window, n = outputs, loaded = scratch, columns = scratch + a &* a
        for xi in 0..<a &* a { loaded[xi] = UnsafeRawPointer(m + xi &* step).loadUnaligned(as: SIMD8<T>.self) }
        for j in 0..<a { output(UnsafePointer(loaded + j), a, columns + j, a) }
        for i in 0..<n { output(UnsafePointer(columns + a &* i), 1, loaded + n &* i, 1) }
        if let bias {
            for xi in 0..<n &* n { loaded[xi] = loaded[xi] + SIMD8(repeating: bias) }
        }
        for k in 0..<8 {
            for i in 0..<n {
                let row = y + (corners[k] &+ i &* rowStride)
                for s in 0..<n { row[s] = loaded[n &* i &+ s][k] }
            }
        }
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

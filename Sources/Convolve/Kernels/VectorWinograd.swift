/// The Winograd path's transforms compiled for AVX2 (`CVectorKernels`, `WinogradKernels.c`),
/// with the operations and order of ``WinogradF2``, ``WinogradF4`` and ``WinogradF2K5``'s 1-D transforms and
/// no fused multiply-adds, so they give the `SIMD8` and scalar forms' bits (`WinogradTests`):
/// - the kernel transform `U = G g Gᵀ`, eight `Float` (four `Double`) kernels at a time,
///   their nine taps moved into lanes by an in-register transpose where
///   ``WinogradTile/kernelTiles8(_:scratch:into:step:)`` inserts them lane by lane;
/// - the input and output transforms of eight tiles (`Float` only; ``tilesRun(_:)``; the
///   output one adding a layer's bias as it stores), eight
///   `Float` lanes per instruction where the `SIMD8` loops compile to two four-lane halves,
///   the windows' rows taken out of whole-row loads by shuffles and the output tiles' rows
///   put back the same way instead of one element at a time.
/// Used where ``runs`` is true.
enum VectorWinograd {
    /// Whether the AVX2 form runs: the processor runs it and `CONVOLVE_KERNELS` does not
    /// force the portable loops (``VectorInstructions/detected``).
    static let runs = VectorInstructions.detected.runsAVX2

    /// Transforms the first kernels of the `count` at `g` (row-major 3×3 each, `9n` apart)
    /// for F(`outputs`×`outputs`, 3×3), element `ξ` of kernel `n` to `u[ξ·step + n]`, and
    /// returns how many: a multiple of the vector width (8 `Float`, 4 `Double`), the rest
    /// left to the caller.
    @inline(__always)
    static func transformKernels<T: ConvolveScalar>(_ g: UnsafePointer<T>, count: Int, outputs: Int,
                                                    into u: UnsafeMutablePointer<T>, step: Int) -> Int {
        T.winogradKernelsAVX2(g, count: count, outputs: outputs, into: u, step: step)
    }

    /// Whether ``inputTiles8(_:rowStride:outputs:into:step:)`` and its relatives run for `T`:
    /// ``runs``, and `T` is `Float`.
    static func tilesRun<T: ConvolveScalar>(_: T.Type) -> Bool { runs && T.self == Float.self }

    /// `V = Bᵀ D B` of eight windows `m` apart from `d` (``WinogradTile/inputTiles8(_:rowStride:scratch:into:step:)``).
    /// Only where ``tilesRun(_:)``.
    @inline(__always)
    static func inputTiles8<T: ConvolveScalar>(_ d: UnsafePointer<T>, rowStride: Int, tile: Int,
                                               into v: UnsafeMutablePointer<T>, step: Int) {
        let done = T.winogradInputs8AVX2(d, rowStride: rowStride, tile: tile, into: v, step: step)
        assert(done, "only where tilesRun")
    }

    /// The same for eight windows at `plane + offsets[k]`.
    @inline(__always)
    static func inputTiles8<T: ConvolveScalar>(_ plane: UnsafePointer<T>, offsets: SIMD8<Int>, rowStride: Int,
                                               tile: Int, into v: UnsafeMutablePointer<T>, step: Int) {
        let done = withUnsafePointer(to: offsets) {
            $0.withMemoryRebound(to: Int.self, capacity: 8) {
                T.winogradInputs8AVX2(plane, offsets: $0, rowStride: rowStride, tile: tile, into: v, step: step)
            }
        }
        assert(done, "only where tilesRun")
    }

    /// `Y = Aᵀ M A` of eight whole tiles, plus `bias` when given, to `y + corners[k]`
    /// (``WinogradTile/outputTiles8(_:step:scratch:into:corners:rowStride:bias:)``). Only where
    /// ``tilesRun(_:)``.
    @inline(__always)
    static func outputTiles8<T: ConvolveScalar>(_ m: UnsafePointer<T>, step: Int, tile: Int,
                                                into y: UnsafeMutablePointer<T>, corners: SIMD8<Int>, rowStride: Int,
                                                bias: T? = nil) {
        let done = withUnsafePointer(to: corners) {
            $0.withMemoryRebound(to: Int.self, capacity: 8) {
                T.winogradOutputs8AVX2(m, step: step, tile: tile, into: y, corners: $0, rowStride: rowStride,
                                       bias: bias)
            }
        }
        assert(done, "only where tilesRun")
    }
}

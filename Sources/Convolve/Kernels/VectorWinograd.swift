/// The Winograd path's kernel transform `U = G g Gᵀ` compiled for AVX2 (`CVectorKernels`,
/// `WinogradKernels.c`): eight `Float` (four `Double`) kernels at a time, their nine taps
/// moved into lanes by an in-register transpose where the `SIMD8` form of
/// ``WinogradTile/kernelTiles8(_:scratch:into:step:)`` inserts them lane by lane. The
/// operations and their order are those of ``WinogradF2/kernel(_:_:_:_:)`` and
/// ``WinogradF4/kernel(_:_:_:_:)``, without fused multiply-adds, so both forms give the same
/// bits (`WinogradTests`). Used where ``runs`` is true.
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
}

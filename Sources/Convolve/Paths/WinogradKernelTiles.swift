/// A layer's kernels transformed once for the Winograd path: `U_ξ = G g Gᵀ` for every
/// output and input channel of every group, for one tile size. Immutable once built.
final class WinogradKernelTiles<T: ConvolveScalar>: @unchecked Sendable {
    /// `m` of the tile these are for.
    let outputs: Int
    /// `r` of the tile these are for.
    let taps: Int
    private let perGroup: Int
    private let storage: FFTWBuffer<T>

    /// Transforms `kernel` (`geometry.kernelShape`, 3×3 or 5×5, correlation orientation) for the
    /// tile the Winograd path uses on `geometry`. Specialised: its callers (a plan's or a
    /// layer's preparation) are generic, and unspecialised the `SIMD8` lanes of the
    /// transforms went through protocol witnesses lane by lane (a `ConvolutionPlan` of
    /// c128@28² took 55 ms to build, 2.7 specialised; c256@14² 72 and 3.3; release probe).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    init(_ geometry: ConvolutionGeometry, kernel: UnsafePointer<T>) {
        let tile = WinogradPath.tile(for: geometry)
        let count = geometry.groupOutputChannels * geometry.groupInputChannels
        outputs = tile.outputs
        taps = tile.taps
        let step = WinogradPath.kernelTileStride(count: count, scalarSize: MemoryLayout<T>.stride)
        perGroup = tile.elements * step
        storage = FFTWBuffer<T>(count: max(1, geometry.groups * perGroup))
        let storage = storage, perGroup = perGroup
        func transform<W: WinogradTile>(_ w: W.Type) {
            for group in 0..<geometry.groups {
                WinogradPath.transformKernels(W.self, kernel + group * count * W.kernelElements, count: count,
                                              into: storage.pointer + group * perGroup, step: step, workers: 1)
            }
        }
        if tile == WinogradF2K5.self {
            transform(WinogradF2K5.self)
        } else if tile == WinogradF2.self {
            transform(WinogradF2.self)
        } else {
            transform(WinogradF4.self)
        }
    }

    /// `U` of `group`: `U_ξ[o, c]` at `ξ·s + o·Cg + c`, `s` from
    /// ``WinogradPath/kernelTileStride(count:scalarSize:)`` of `Og·Cg` kernels.
    func group(_ group: Int) -> UnsafePointer<T> { UnsafePointer(storage.pointer + group * perGroup) }

    /// Whether these are the kernels transformed for tile `W`.
    func isFor<W: WinogradTile>(_: W.Type) -> Bool { outputs == W.outputs && taps == W.taps }

    /// Bytes held.
    var bytes: Int { storage.count * MemoryLayout<T>.stride }
}

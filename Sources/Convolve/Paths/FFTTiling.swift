/// How the FFT path cuts a large problem into tiles (overlap-save).
///
/// The output is cut into blocks of `B` outputs per axis; each block needs the padded
/// input's window of `B + ⌈k_d/s⌉ − 1` samples per axis, which is transformed at the
/// fast length `L ≥ B + ⌈k_d/s⌉ − 1`, multiplied by the kernel's spectrum at that length
/// (computed once per call, or once for a prepared layer), transformed back, and its
/// first `B` outputs kept: positions beyond them are the ones the circular correlation
/// wraps into. `B·log L` work per output replaces `o·log(o + k_d − 1)`, and the transforms
/// stay in cache; the price is the `k_d − 1` overlap recomputed per tile.
public enum FFTTiling: Hashable, Sendable {
    /// Tiles chosen by the cost model (the fewest estimated seconds on one thread): one tile
    /// unless tiling is estimated faster.
    case auto
    /// One transform of the whole padded input per channel.
    case whole
    /// At most this many outputs per tile on each spatial axis (outermost first); tiles
    /// are then evened out, so every axis's tiles differ in size by at most one output.
    case outputsPerTile([Int])
}

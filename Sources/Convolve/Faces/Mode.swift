/// Which part of the full result the signal-processing face returns, as in scipy.signal.
///
/// With `n` the input length and `k` the kernel length on an axis:
/// - `full`: every position where input and kernel overlap, `n + k − 1` outputs; the
///   input is extended by `k − 1` on both sides with the boundary.
/// - `same`: `n` outputs, the centre of `full` starting at offset `⌊(k − 1)/2⌋`; the input
///   is extended by `⌊k/2⌋` before and `⌊(k − 1)/2⌋` after. (For even `k` the extra
///   sample is on the left: this is scipy's convention.)
/// - `valid`: only positions where one operand covers the other, `|n − k| + 1` outputs;
///   needs `n ≥ k` on every axis or `k ≥ n` on every axis, and never uses the boundary.
public enum Mode: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case full
    case same
    case valid

    public var description: String { rawValue }
}

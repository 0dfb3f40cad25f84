/// Zero padding of a CNN layer's spatial axes, as ONNX Conv and PyTorch define it.
public enum LayerPadding: Hashable, Sendable, CustomStringConvertible {
    /// No padding (ONNX `auto_pad = VALID`, PyTorch `padding='valid'`).
    case valid
    /// The same number of zeros before and after, per axis (one value for all axes, or
    /// one per axis): PyTorch's `padding=p`.
    case symmetric([Int])
    /// `before[i]` zeros before and `after[i]` after axis `i` (one value for all axes, or
    /// one per axis). ONNX's `pads = [b_1, …, b_d, e_1, …, e_d]` is
    /// `.explicit(before: [b_1, …, b_d], after: [e_1, …, e_d])`.
    case explicit(before: [Int], after: [Int])
    /// PyTorch's `padding='same'` (stride 1 only): per axis `total = dilation·(k − 1)`,
    /// `before = ⌊total/2⌋`, `after = total − before`, so the output has the input's extent
    /// and an even kernel puts its extra zero at the end (ONNX `SAME_UPPER`).
    case same

    /// ONNX's `pads` attribute: the `d` begin values, then the `d` end values.
    public static func onnx(pads: [Int]) -> LayerPadding {
        let half = pads.count / 2
        return .explicit(before: Array(pads[..<half]), after: Array(pads[half...]))
    }

    /// `(before, after)` per axis for a kernel of `kernelExtent`, `dilation` and `stride`.
    func amounts(kernelExtent: [Int], dilation: [Int], stride: [Int]) throws(ConvolutionError) -> ([Int], [Int]) {
        let rank = kernelExtent.count
        func perAxis(_ values: [Int], _ name: String) throws(ConvolutionError) -> [Int] {
            if values.count == 1 { return Array(repeating: values[0], count: rank) }
            guard values.count == rank else {
                throw .optionRankMismatch(option: name, count: values.count, expected: rank)
            }
            return values
        }
        switch self {
        case .valid:
            return (Array(repeating: 0, count: rank), Array(repeating: 0, count: rank))
        case .symmetric(let p):
            let p = try perAxis(p, "padding")
            return (p, p)
        case .explicit(let before, let after):
            return (try perAxis(before, "padding (before)"), try perAxis(after, "padding (after)"))
        case .same:
            guard stride.allSatisfy({ $0 == 1 }) else { throw .samePaddingNeedsUnitStride(stride: stride) }
            let total = (0..<rank).map { dilation[$0] * (kernelExtent[$0] - 1) }
            return (total.map { $0 / 2 }, total.map { $0 - $0 / 2 })
        }
    }

    public var description: String {
        switch self {
        case .valid: return "valid"
        case .same: return "same"
        case .symmetric(let p): return "\(p)"
        case .explicit(let before, let after): return "\(before)/\(after)"
        }
    }
}

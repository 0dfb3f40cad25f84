/// How the input is extended past its ends, each exactly numpy.pad's mode of that name.
/// Shown for the row `a b c d` extended by three on each side:
///
/// ```
/// zero          0 0 0 | a b c d | 0 0 0
/// constant(v)   v v v | a b c d | v v v
/// edge          a a a | a b c d | d d d
/// reflect       d c b | a b c d | c b a     (OpenCV BORDER_REFLECT_101, scipy.ndimage 'mirror')
/// symmetric     c b a | a b c d | d c b     (OpenCV BORDER_REFLECT, scipy.ndimage 'reflect')
/// wrap          b c d | a b c d | a b c     (periodic)
/// ```
/// Extensions longer than the row repeat the pattern, as numpy.pad does.
public enum Boundary: Hashable, Sendable, CustomStringConvertible {
    case zero
    case constant(Double)
    case edge
    case reflect
    case symmetric
    case wrap

    public var description: String {
        switch self {
        case .zero: return "zero"
        case .constant(let value): return "constant:\(value)"
        case .edge: return "edge"
        case .reflect: return "reflect"
        case .symmetric: return "symmetric"
        case .wrap: return "wrap"
        }
    }

    /// The value written outside the input, for the boundaries that use one.
    var fillValue: Double? {
        switch self {
        case .zero: return 0
        case .constant(let value): return value
        case .edge, .reflect, .symmetric, .wrap: return nil
        }
    }

    /// The smallest axis length this boundary can extend.
    var minimumLength: Int { self == .reflect ? 2 : 1 }

    /// The input index that supplies position `j` (which may lie outside `0..<n`), or
    /// `nil` where the boundary writes its fill value. Requires `n ≥ minimumLength`.
    @inline(__always)
    func sourceIndex(_ j: Int, length n: Int) -> Int? {
        if j >= 0 && j < n { return j }
        switch self {
        case .zero, .constant:
            return nil
        case .edge:
            return j < 0 ? 0 : n - 1
        case .reflect:
            let period = 2 * (n - 1)
            var m = j % period
            if m < 0 { m += period }
            return m < n ? m : period - m
        case .symmetric:
            let period = 2 * n
            var m = j % period
            if m < 0 { m += period }
            return m < n ? m : period - 1 - m
        case .wrap:
            var m = j % n
            if m < 0 { m += n }
            return m
        }
    }
}

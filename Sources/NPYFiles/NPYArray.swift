/// An array read from or written to numpy's `.npy` format: a shape (1 to 5 axes) and
/// row-major (C-order) values, either `Float` or `Double` as stored.
public struct NPYArray: Equatable, Sendable {
    public enum Values: Equatable, Sendable {
        case float32([Float])
        case float64([Double])
    }

    public var shape: [Int]
    public var values: Values

    public init(shape: [Int], values: Values) {
        self.shape = shape
        self.values = values
    }

    /// The values widened to `Double`.
    public var doubles: [Double] {
        switch values {
        case .float32(let v): return v.map(Double.init)
        case .float64(let v): return v
        }
    }

    /// The values as `Float` (narrowing `Double`).
    public var floats: [Float] {
        switch values {
        case .float32(let v): return v
        case .float64(let v): return v.map(Float.init)
        }
    }

    /// True when the stored type is float32.
    public var isFloat32: Bool {
        if case .float32 = values { return true }
        return false
    }
}

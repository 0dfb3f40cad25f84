import Testing
@testable import Convolve

/// The largest absolute difference between two equally long arrays; infinity where a
/// difference is NaN (an output never written, or NaN on one side only), which
/// `Swift.max` would otherwise pass over.
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "comparing arrays of \(a.count) and \(b.count) elements")
    return zip(a, b).reduce(0) { largest, pair in
        let difference = abs(pair.0 - pair.1)
        return difference.isNaN ? .infinity : Swift.max(largest, difference)
    }
}

extension Tensor {
    /// The elements widened to Double.
    var doubles: [Double] { elements.map { Double($0) } }

    /// A tensor of `shape` holding `values` rounded to `Scalar`.
    static func from(_ shape: [Int], _ values: [Double]) -> Tensor {
        try! Tensor(shape: shape, elements: values.map { Scalar($0) })
    }
}

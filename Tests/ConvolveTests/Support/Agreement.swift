import Testing
@testable import Convolve

/// The largest absolute difference between two equally long arrays.
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "comparing arrays of \(a.count) and \(b.count) elements")
    return zip(a, b).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) }
}

extension Tensor {
    /// The elements widened to Double.
    var doubles: [Double] { elements.map { Double($0) } }

    /// A tensor of `shape` holding `values` rounded to `Scalar`.
    static func from(_ shape: [Int], _ values: [Double]) -> Tensor {
        try! Tensor(shape: shape, elements: values.map { Scalar($0) })
    }
}

/// Shape arithmetic shared by storage, geometry and paths: element counts with overflow
/// checks, row-major strides and offsets.
enum Shape {
    /// `∏ shape`, or a typed error when an extent is negative or the product overflows `Int`.
    static func elementCount(_ shape: [Int], argument: String) throws(ConvolutionError) -> Int {
        var count = 1
        for (axis, extent) in shape.enumerated() {
            guard extent >= 0 else {
                throw .negativeExtent(argument: argument, axis: axis, extent: extent)
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw .sizeOverflow(argument: argument, shape: shape) }
            count = product
        }
        return count
    }

    /// `∏ shape` for shapes already validated.
    static func product(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Row-major strides: the last axis is contiguous.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            strides[axis] = stride
            stride *= shape[axis]
        }
        return strides
    }

    /// `Σ index_a · stride_a`.
    static func offset(_ index: [Int], strides: [Int]) -> Int {
        precondition(index.count == strides.count, "index has \(index.count) axes, tensor has \(strides.count)")
        var offset = 0
        for (i, s) in zip(index, strides) { offset += i * s }
        return offset
    }
}

@testable import Convolve

/// An independent float64 model of scipy.signal.convolve/correlate with numpy.pad
/// boundaries, written from the definitions and sharing no code with the library:
/// extend the input (numpy.pad, index by repeated bouncing), take the 'valid' sum
/// `y[i] = Σ_j x̃[i + k − 1 − j]·k[j]` (convolve) or `Σ_j x̃[i + j]·k[j]` (correlate),
/// and for 'valid' with the kernel the larger operand, crop the zero-extended full result.
enum ReferenceSignal {
    struct Array {
        var shape: [Int]
        var values: [Double]
    }

    static func compute(_ x: Array, _ k: Array, op: Semantics, mode: Mode, boundary: Boundary) -> Array {
        let rank = x.shape.count
        switch mode {
        case .full:
            let padded = pad(x, before: k.shape.map { $0 - 1 }, after: k.shape.map { $0 - 1 }, boundary)
            return validSum(padded, k, op: op)
        case .same:
            let padded = pad(x, before: k.shape.map { $0 / 2 }, after: k.shape.map { ($0 - 1) / 2 }, boundary)
            return validSum(padded, k, op: op)
        case .valid:
            if (0..<rank).allSatisfy({ x.shape[$0] >= k.shape[$0] }) {
                return validSum(x, k, op: op)
            }
            // Kernel larger on every axis: the full result (zero-extended) from n − 1 to k − 1.
            let full = validSum(pad(x, before: k.shape.map { $0 - 1 }, after: k.shape.map { $0 - 1 }, .zero), k, op: op)
            let start = x.shape.map { $0 - 1 }
            let shape = (0..<rank).map { k.shape[$0] - x.shape[$0] + 1 }
            return crop(full, start: start, shape: shape)
        }
    }

    /// numpy.pad of an N-D array, one axis after another.
    static func pad(_ a: Array, before: [Int], after: [Int], _ boundary: Boundary) -> Array {
        var current = a
        for axis in 0..<a.shape.count {
            current = padAxis(current, axis: axis, before: before[axis], after: after[axis], boundary)
        }
        return current
    }

    private static func padAxis(_ a: Array, axis: Int, before: Int, after: Int, _ boundary: Boundary) -> Array {
        let n = a.shape[axis]
        var shape = a.shape
        shape[axis] = n + before + after
        let outer = a.shape[..<axis].reduce(1, *), inner = a.shape[(axis + 1)...].reduce(1, *)
        var values = [Double](repeating: 0, count: shape.reduce(1, *))
        for o in 0..<outer {
            for p in 0..<shape[axis] {
                let source = bounce(p - before, n, boundary)
                for i in 0..<inner {
                    let value: Double
                    if let s = source {
                        value = a.values[(o * n + s) * inner + i]
                    } else if case .constant(let c) = boundary {
                        value = c
                    } else {
                        value = 0
                    }
                    values[(o * shape[axis] + p) * inner + i] = value
                }
            }
        }
        return Array(shape: shape, values: values)
    }

    /// Folds an out-of-range index back by repeated reflection or shifting.
    static func bounce(_ index: Int, _ n: Int, _ boundary: Boundary) -> Int? {
        var j = index
        switch boundary {
        case .zero, .constant:
            return (0..<n).contains(j) ? j : nil
        case .edge:
            return Swift.min(Swift.max(j, 0), n - 1)
        case .reflect:
            while !(0..<n).contains(j) { j = j < 0 ? -j : 2 * (n - 1) - j }
            return j
        case .symmetric:
            while !(0..<n).contains(j) { j = j < 0 ? -j - 1 : 2 * n - 1 - j }
            return j
        case .wrap:
            while j < 0 { j += n }
            while j >= n { j -= n }
            return j
        }
    }

    /// The 'valid' convolution or correlation of `x` (at least as large as `k` everywhere).
    static func validSum(_ x: Array, _ k: Array, op: Semantics) -> Array {
        let rank = x.shape.count
        let outShape = (0..<rank).map { x.shape[$0] - k.shape[$0] + 1 }
        let xStrides = strides(x.shape), kStrides = strides(k.shape)
        var values = [Double](repeating: 0, count: outShape.reduce(1, *))
        for (flat, outIndex) in indices(outShape).enumerated() {
            var sum = 0.0
            for kIndex in indices(k.shape) {
                var xOffset = 0, kOffset = 0
                for axis in 0..<rank {
                    let tap = op == .correlation ? kIndex[axis] : k.shape[axis] - 1 - kIndex[axis]
                    xOffset += (outIndex[axis] + kIndex[axis]) * xStrides[axis]
                    kOffset += tap * kStrides[axis]
                }
                sum += x.values[xOffset] * k.values[kOffset]
            }
            values[flat] = sum
        }
        return Array(shape: outShape, values: values)
    }

    static func crop(_ a: Array, start: [Int], shape: [Int]) -> Array {
        let s = strides(a.shape)
        let values = indices(shape).map { index in
            zip(zip(index, start), s).reduce(0) { $0 + ($1.0.0 + $1.0.1) * $1.1 }
        }.map { a.values[$0] }
        return Array(shape: shape, values: values)
    }

    static func strides(_ shape: [Int]) -> [Int] {
        var result = [Int](repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) {
            result[axis] = result[axis + 1] * shape[axis + 1]
        }
        return result
    }

    /// Every multi-index of `shape` in row-major order.
    static func indices(_ shape: [Int]) -> [[Int]] {
        var result: [[Int]] = [[]]
        for extent in shape {
            result = result.flatMap { prefix in (0..<extent).map { prefix + [$0] } }
        }
        return result
    }
}

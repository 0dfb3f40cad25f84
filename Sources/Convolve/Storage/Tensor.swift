/// An N-dimensional array: a row-major (C-order), contiguous buffer of `shape.product`
/// elements. Element `[i0, i1, …, i(d-1)]` sits at offset `Σ i_a · stride_a`, where
/// `stride_(d-1) = 1` and `stride_a = stride_(a+1) · shape_(a+1)`.
///
/// It is a value type over a Swift `Array`, so building one from `[T]` and taking the
/// elements back out move the buffer without copying. The FFT path copies into its own
/// `fftw_malloc`'d, SIMD-aligned workspaces, so this storage needs no alignment of its own.
public struct Tensor<Scalar: ConvolveScalar>: Equatable, Sendable {
    /// The extent of each axis, outermost first.
    public let shape: [Int]
    /// The elements in row-major order; `elements.count == shape.product`.
    public private(set) var elements: [Scalar]

    /// Wraps `elements` with `shape`.
    /// - Throws: ``ConvolutionError/elementCountMismatch(argument:shape:count:)`` when the
    ///   counts disagree, ``ConvolutionError/sizeOverflow(argument:shape:)`` when the shape's
    ///   product does not fit in `Int`, ``ConvolutionError/negativeExtent(argument:axis:extent:)``.
    public init(shape: [Int], elements: [Scalar]) throws {
        let count = try Shape.elementCount(shape, argument: "shape")
        guard count == elements.count else {
            throw ConvolutionError.elementCountMismatch(argument: "elements", shape: shape, count: elements.count)
        }
        self.shape = shape
        self.elements = elements
    }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Scalar = 0) throws {
        let count = try Shape.elementCount(shape, argument: "shape")
        self.shape = shape
        self.elements = [Scalar](repeating: value, count: count)
    }

    /// A one-dimensional tensor holding `elements`.
    public init(_ elements: [Scalar]) {
        self.shape = [elements.count]
        self.elements = elements
    }

    /// Internal: a tensor whose shape is known to be valid.
    init(validShape shape: [Int], elements: [Scalar]) {
        self.shape = shape
        self.elements = elements
    }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of elements, `shape.product`.
    public var count: Int { elements.count }

    /// Row-major strides in elements.
    public var strides: [Int] { Shape.strides(shape) }

    /// The element at a multi-index (one index per axis, each in `0..<shape[axis]`).
    public subscript(index: Int...) -> Scalar {
        get { elements[Shape.offset(index, strides: strides)] }
        set { elements[Shape.offset(index, strides: strides)] = newValue }
    }

    /// Calls `body` with the elements' storage.
    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        try elements.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the elements' storage, mutably.
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        try elements.withUnsafeMutableBufferPointer(body)
    }

    /// True when every element is finite (no NaN, no ±∞).
    public var isFinite: Bool { Finite.all(elements) }

    /// The same elements, reversed along every axis: `flip(k)[i] = k[n − 1 − i]` per axis.
    public func flipped() -> Tensor {
        Tensor(validShape: shape, elements: elements.reversed())
    }

    /// Throws ``ConvolutionError/shapeMismatch(argument:expected:actual:)`` unless this
    /// tensor has `expected` shape.
    func requireShape(_ expected: [Int], _ argument: String) throws(ConvolutionError) {
        guard shape == expected else { throw .shapeMismatch(argument: argument, expected: expected, actual: shape) }
    }
}

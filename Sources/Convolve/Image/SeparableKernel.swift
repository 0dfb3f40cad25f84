/// A 2-D kernel written as a sum of `rank` separable terms, `K ≈ Σ_{i<r} c_i r_iᵀ` (column
/// `c_i` of `k_y` taps, row `r_i` of `k_x` taps), from its singular value decomposition
/// `K = Σ σ_i u_i v_iᵀ` (`c_i = √σ_i·u_i`, `r_i = √σ_i·v_i`; LAPACK's `dgesdd`).
///
/// Keeping `r` terms leaves `‖K − K_r‖₂ = σ_{r+1}` (Eckart–Young), so every output of the
/// filtered image is off by at most `σ_{r+1} · ‖x̃_window‖₂ ≤ σ_{r+1}·√(k_y·k_x)·max|x̃|`
/// from the exact 2-D result, before rounding. A rank-1 kernel (a Gaussian, a box, Sobel)
/// costs two 1-D passes, `k_y + k_x` multiply-adds per output instead of `k_y·k_x`.
public struct SeparableKernel<T: ConvolveScalar>: Sendable {
    /// The column factors `c_i` (`k_y` taps each), most significant first.
    public let columns: [[T]]
    /// The row factors `r_i` (`k_x` taps each).
    public let rows: [[T]]
    /// All singular values of the kernel, largest first.
    public let singularValues: [Double]
    /// The kernel's shape `[k_y, k_x]`.
    public let shape: [Int]

    /// Terms kept.
    public var rank: Int { columns.count }
    /// `σ_{r+1} / σ_1`: the spectral-norm error of the kept terms relative to the kernel's
    /// norm (0 when nothing was dropped).
    public var relativeError: Double {
        guard let first = singularValues.first, first > 0, rank < singularValues.count else { return 0 }
        return singularValues[rank] / first
    }

    /// Decomposes the 2-D `kernel`, keeping the fewest terms whose dropped singular values
    /// satisfy `σ_{r+1} ≤ tolerance · σ_1`. `tolerance` 0 (the default) keeps every term
    /// above the rounding level of `T` (`σ_i > 4·max(k_y, k_x)·u·σ_1`), so the result is the
    /// kernel itself to rounding; a rank-1 kernel then has one term.
    /// - Throws: ``ConvolutionError`` when `kernel` is not 2-D, is empty, or holds NaN or ±∞.
    public init(_ kernel: Tensor<T>, tolerance: Double = 0) throws(ConvolutionError) {
        guard kernel.rank == 2 else { throw .unsupportedRank(argument: "kernel", rank: kernel.rank, allowed: 2...2) }
        guard kernel.count > 0 else { throw .emptyAxis(argument: "kernel", axis: kernel.shape[0] == 0 ? 0 : 1) }
        guard tolerance >= 0, tolerance.isFinite else {
            throw .invalidKernelParameter(kernel: "separable", parameter: "tolerance", value: tolerance,
                                          allowed: "a finite value ≥ 0")
        }
        guard kernel.isFinite else { throw .nonFiniteInputForFFT(argument: "kernel (SVD)") }
        let (m, n) = (kernel.shape[0], kernel.shape[1])
        guard let svd = SVD(rows: m, columns: n, kernel.elements.map { Double($0) }) else {
            throw .nonFiniteInputForFFT(argument: "kernel (SVD did not converge)")
        }
        let top = svd.values.first ?? 0
        let floor = tolerance > 0 ? tolerance * top : 4 * Double(max(m, n)) * Double(T.ulpOfOne) / 2 * top
        var rank = 0
        while rank < svd.values.count && svd.values[rank] > floor { rank += 1 }
        rank = max(rank, top > 0 ? 1 : 0)
        columns = (0..<rank).map { i in svd.left[i].map { T($0 * svd.values[i].squareRoot()) } }
        rows = (0..<rank).map { i in svd.right[i].map { T($0 * svd.values[i].squareRoot()) } }
        singularValues = svd.values
        shape = kernel.shape
    }

    /// A rank-1 kernel from its factors (the separable option of `auto`).
    init(column: [T], row: [T], shape: [Int]) {
        columns = [column]
        rows = [row]
        singularValues = []
        self.shape = shape
    }

    /// `Σ c_i r_iᵀ` as a 2-D kernel.
    public var product: Tensor<T> {
        var k = [T](repeating: 0, count: shape[0] * shape[1])
        for (c, r) in zip(columns, rows) {
            for y in 0..<shape[0] { for x in 0..<shape[1] { k[y * shape[1] + x] += c[y] * r[x] } }
        }
        return Tensor(validShape: shape, elements: k)
    }
}

/// `convolve` (`semantics: .convolution`) or `correlate` of a 2-D `input` with a
/// ``SeparableKernel``, as a row pass then a column pass per term, summed: for each term,
/// the row filter runs with `mode` and `boundary` along x only, the column filter along y
/// on that result. Padding copies whole rows and columns for `edge`, `reflect`,
/// `symmetric`, `wrap` and `zero`, so the passes commute with it and the result equals the
/// 2-D one of ``SeparableKernel/product``; a `constant(v)` boundary becomes
/// `constant(v·Σ r_i)` for the column pass, the row filter's response to a constant row.
/// Every pass is an engine call (`method`, `auto` by default).
@_specialize(where T == Float)
@_specialize(where T == Double)
public func filterSeparable<T: ConvolveScalar>(
    _ input: Tensor<T>, _ kernel: SeparableKernel<T>, mode: Mode, boundary: Boundary = .zero,
    semantics: Semantics, method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    guard input.rank == 2 else { throw .unsupportedRank(argument: "input", rank: input.rank, allowed: 2...2) }
    // The full 2-D geometry validates the call as a whole (modes, sizes, boundary) first.
    let whole = try ConvolutionGeometry.signal(inputShape: input.shape, kernelShape: kernel.shape, mode: mode,
                                               boundary: boundary, semantics: semantics)
    // Rank 1: the column pass is the result; otherwise the passes' outputs are summed.
    var sum: [T] = []
    for (column, row) in zip(kernel.columns, kernel.rows) {
        let rowGeometry = try ConvolutionGeometry.signal(inputShape: input.shape, kernelShape: [1, row.count], mode: mode,
                                                         boundary: boundary, semantics: semantics)
        let rowSum = Double(row.reduce(0, +))
        let columnBoundary: Boundary = if case .constant(let v) = boundary { .constant(v * rowSum) } else { boundary }
        let columnGeometry = try ConvolutionGeometry.signal(
            inputShape: rowGeometry.outputExtent, kernelShape: [column.count, 1], mode: mode,
            boundary: columnBoundary, semantics: semantics)
        // The row pass lands in pooled scratch: a fresh image-sized array per call costs
        // about as much in page faults as the pass itself.
        let count = Shape.product(rowGeometry.outputShape)
        let columnPass = try WorkspacePool.withBuffer(T.self, count: count) { scratch in
            Result { () throws(ConvolutionError) -> [T] in
                let rowPass = UnsafeMutableBufferPointer(start: scratch, count: count)
                try input.elements.withUnsafeBufferPointer { x throws(ConvolutionError) in
                    try Engine.run(rowGeometry, input: x, kernel: row, method: method, options: options, into: rowPass)
                }
                return try Engine.run(columnGeometry, input: UnsafeBufferPointer(rowPass), kernel: column,
                                      method: method, options: options)
            }
        }.get()
        if sum.isEmpty { sum = columnPass } else { for i in sum.indices { sum[i] += columnPass[i] } }
    }
    if sum.isEmpty { sum = [T](repeating: 0, count: Shape.product(whole.outputShape)) }  // rank 0: a zero kernel
    return Tensor(validShape: whole.outputExtent, elements: sum)
}

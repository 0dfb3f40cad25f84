/// `auto`'s separable option for 2-D `convolve`/`correlate`: when the kernel is rank 1 (to
/// rounding) and a row pass plus a column pass are estimated faster than the best 2-D path,
/// the signal face runs ``filterSeparable(_:_:mode:boundary:semantics:method:options:)``.
/// Kernels of low rank `r > 1` to rounding (a Laplacian of Gaussian is rank 2) take `r`
/// pairs of passes when those are estimated faster: the SVD (``SeparableKernel``, keeping
/// the terms above `4·max(k_y, k_x)·u·σ_1`) is tried for kernels from 5×5 to 31×31 whose
/// best 2-D estimate is at least 20 times the SVD's, and kept when `r ≤ min(k_y, k_x)/2`.
///
/// Rank 1 is tested without an SVD: with `(i*, j*)` the largest-magnitude tap, `K` is rank 1
/// exactly when `K = K[:, j*] · K[i*, :] / K[i*, j*]`; the test allows `4·(k_y + k_x)·u·max|K|`
/// per tap for rounding. The passes then use the column `K[:, j*]` and the row
/// `K[i*, :] / K[i*, j*]`.
enum SeparableChoice {
    /// Estimated seconds of the passes, if `kernel` is rank 1 (or of low rank, as above) and
    /// the geometry 2-D, and the terms.
    static func plan<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, kernel: Tensor<T>, mode: Mode, boundary: Boundary,
        options: ConvolutionOptions, inputIsFinite: Bool
    ) -> (seconds: Double, kernel: SeparableKernel<T>)? {
        guard geometry.spatialRank == 2, kernel.rank == 2, kernel.shape[0] >= 2, kernel.shape[1] >= 2 else { return nil }
        let (ky, kx) = (kernel.shape[0], kernel.shape[1])
        let separable: SeparableKernel<T>
        if let factors = rankOneFactors(kernel) {
            separable = SeparableKernel(column: factors.column, row: factors.row, shape: kernel.shape)
        } else {
            // Low rank: worth an SVD only for mid-size kernels (at most lowRankSide² taps)
            // on problems that take at least 20 times as long as the SVD.
            guard min(ky, kx) >= 5, max(ky, kx) <= lowRankSide,
                  let best = PathChooser.choose(geometry, scalarSize: MemoryLayout<T>.size, options: options,
                                                inputIsFinite: inputIsFinite).estimates.values.min(),
                  best >= 20 * svdSeconds(ky, kx),
                  let decomposed = try? SeparableKernel(kernel), decomposed.rank <= min(ky, kx) / 2 else { return nil }
            separable = decomposed
        }
        let input = geometry.inputExtent
        guard let row = try? ConvolutionGeometry.signal(inputShape: input, kernelShape: [1, kx], mode: mode,
                                                        boundary: boundary, semantics: geometry.semantics),
              let column = try? ConvolutionGeometry.signal(inputShape: row.outputExtent, kernelShape: [ky, 1], mode: mode,
                                                           boundary: boundary, semantics: geometry.semantics)
        else { return nil }
        let size = MemoryLayout<T>.size
        let pair = PathChooser.choose(row, scalarSize: size, options: options, inputIsFinite: inputIsFinite).estimates.values.min()!
            + PathChooser.choose(column, scalarSize: size, options: options, inputIsFinite: inputIsFinite).estimates.values.min()!
        // r pairs of passes, and r − 1 sums of the outputs.
        let sums = Double(separable.rank - 1) * Double(geometry.outputVolume) * CostModel.current.copyElement
        return (Double(separable.rank) * pair + sums, separable)
    }

    /// The largest kernel side for which `auto` tries an SVD (rank > 1).
    static let lowRankSide = 31
    /// Estimated seconds of LAPACK's SVD of a `m × n` kernel (measured here: 0.03 ms at
    /// 5×5, 0.16 ms at 15×15, 0.57 ms at 31×31).
    static func svdSeconds(_ m: Int, _ n: Int) -> Double { 30e-6 + 20e-9 * Double(m * n * max(m, n)) }

    /// `(c, r)` with `K = c rᵀ` to rounding, or nil when `K` is not rank 1 (or is zero or not finite).
    static func rankOneFactors<T: ConvolveScalar>(_ k: Tensor<T>) -> (column: [T], row: [T])? {
        let (m, n) = (k.shape[0], k.shape[1])
        let values = k.elements.map { Double($0) }
        guard values.allSatisfy(\.isFinite), let pivot = values.indices.max(by: { abs(values[$0]) < abs(values[$1]) }),
              values[pivot] != 0 else { return nil }
        let (i, j) = (pivot / n, pivot % n)
        let column = (0..<m).map { values[$0 * n + j] }
        let row = (0..<n).map { values[i * n + $0] / values[pivot] }
        let tolerance = 4 * Double(m + n) * Double(T.ulpOfOne) / 2 * abs(values[pivot])
        for y in 0..<m {
            for x in 0..<n where abs(values[y * n + x] - column[y] * row[x]) > tolerance { return nil }
        }
        return (column.map { T($0) }, row.map { T($0) })
    }
}

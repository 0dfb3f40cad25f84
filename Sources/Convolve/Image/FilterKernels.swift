import Foundation

/// Named 2-D filter kernels, in **correlation orientation**: `correlate(image, k)` (what
/// OpenCV's `filter2D` computes) applies them as written; `convolve` flips them, which
/// changes only the antisymmetric ones (Sobel, Scharr: the derivative's sign). Rows are
/// `y` (down), columns `x` (right).
public enum FilterKernels {
    /// The Gaussian `g(x, y) = exp(−(x² + y²) / 2σ²)`, normalised to sum 1, on a square of
    /// side `size` (odd), or by default `2r + 1` with `r = ⌊truncate·σ + 0.5⌋` (scipy.ndimage's
    /// radius; `truncate` 4 keeps all but ~6·10⁻⁵ of the weight).
    public static func gaussian<T: ConvolveScalar>(sigma: Double, size: Int? = nil, truncate: Double = 4) throws(ConvolutionError) -> Tensor<T> {
        let g: [Double] = try gaussian1D(sigma: sigma, size: size, truncate: truncate)
        return outer(g, g)
    }

    /// The 1-D Gaussian of ``gaussian(sigma:size:truncate:)``, normalised to sum 1: the
    /// factor of the separable 2-D one (`G = g gᵀ`).
    public static func gaussian1D<T: ConvolveScalar>(sigma: Double, size: Int? = nil, truncate: Double = 4) throws(ConvolutionError) -> [T] {
        guard sigma > 0, sigma.isFinite else { throw .invalidKernelParameter(kernel: "gaussian", parameter: "sigma", value: sigma, allowed: "a finite value > 0") }
        guard truncate > 0, truncate.isFinite else { throw .invalidKernelParameter(kernel: "gaussian", parameter: "truncate", value: truncate, allowed: "a finite value > 0") }
        let side = try size.map { (s: Int) throws(ConvolutionError) -> Int in
            guard s >= 1, s % 2 == 1 else { throw .invalidKernelParameter(kernel: "gaussian", parameter: "size", value: Double(s), allowed: "an odd integer ≥ 1") }
            return s
        } ?? 2 * Int(truncate * sigma + 0.5) + 1
        guard side <= 4097 else { throw .invalidKernelParameter(kernel: "gaussian", parameter: "size", value: Double(side), allowed: "at most 4097 taps") }
        let r = side / 2
        let w = (-r...r).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = w.reduce(0, +)
        return w.map { T($0 / total) }
    }

    /// The box (mean) filter of side `size`: every weight `1/size²`.
    public static func box<T: ConvolveScalar>(size: Int) throws(ConvolutionError) -> Tensor<T> {
        guard size >= 1, size <= 4097 else { throw .invalidKernelParameter(kernel: "box", parameter: "size", value: Double(size), allowed: "an integer from 1 to 4097") }
        let w = [Double](repeating: 1 / Double(size), count: size)
        return outer(w, w)
    }

    /// The 3×3 Sobel derivative along `axis` (`.x`: `[−1 0 1]` columns smoothed by
    /// `[1 2 1]ᵀ`; `.y` its transpose): positive where intensity grows along the axis.
    public static func sobel<T: ConvolveScalar>(_ axis: Axis) -> Tensor<T> {
        derivative(axis, smoothing: [1, 2, 1])
    }

    /// The 3×3 Scharr derivative along `axis` (smoothing `[3 10 3]`): better rotational
    /// symmetry than Sobel.
    public static func scharr<T: ConvolveScalar>(_ axis: Axis) -> Tensor<T> {
        derivative(axis, smoothing: [3, 10, 3])
    }

    /// The 4-neighbour Laplacian `[[0 1 0] [1 −4 1] [0 1 0]]` (`∂²/∂x² + ∂²/∂y²`, OpenCV's
    /// `Laplacian` with `ksize = 1`).
    public static func laplacian<T: ConvolveScalar>() -> Tensor<T> {
        Tensor(validShape: [3, 3], elements: [0, 1, 0, 1, -4, 1, 0, 1, 0].map { T($0) })
    }

    /// The Laplacian of Gaussian `∇²g = (r² − 2σ²)/σ⁴ · g(r)` with `g` the normalised Gaussian
    /// `exp(−r²/2σ²)/(2πσ²)`, sampled on the square of ``gaussian(sigma:size:truncate:)``,
    /// then shifted to sum exactly 0 (so flat regions give 0).
    public static func laplacianOfGaussian<T: ConvolveScalar>(sigma: Double, size: Int? = nil, truncate: Double = 4) throws(ConvolutionError) -> Tensor<T> {
        let side = (try gaussian1D(sigma: sigma, size: size, truncate: truncate) as [Double]).count
        let r = side / 2, s2 = sigma * sigma
        var w: [Double] = []
        for y in -r...r {
            for x in -r...r {
                let d = Double(x * x + y * y)
                w.append((d - 2 * s2) / (s2 * s2) * exp(-d / (2 * s2)) / (2 * Double.pi * s2))
            }
        }
        let mean = w.reduce(0, +) / Double(w.count)
        return Tensor(validShape: [side, side], elements: w.map { T($0 - mean) })
    }

    /// The textbook integer 5×5 Gaussian (σ ≈ 1), divided by 273, its sum:
    ///
    ///     1  4  7  4  1
    ///     4 16 26 16  4
    ///     7 26 41 26  7     / 273
    ///     4 16 26 16  4
    ///     1  4  7  4  1
    public static func textbookGaussian5x5<T: ConvolveScalar>() -> Tensor<T> {
        let w: [Double] = [1, 4, 7, 4, 1, 4, 16, 26, 16, 4, 7, 26, 41, 26, 7, 4, 16, 26, 16, 4, 1, 4, 7, 4, 1]
        return Tensor(validShape: [5, 5], elements: w.map { T($0 / 273) })
    }

    /// The image axis a derivative kernel differentiates along.
    public enum Axis: String, Sendable, CaseIterable { case x, y }

    private static func derivative<T: ConvolveScalar>(_ axis: Axis, smoothing s: [Double]) -> Tensor<T> {
        let d: [Double] = [-1, 0, 1]
        return axis == .x ? outer(s, d) : outer(d, s)
    }

    /// `k[i, j] = column[i] · row[j]`.
    static func outer<T: ConvolveScalar>(_ column: [Double], _ row: [Double]) -> Tensor<T> {
        Tensor(validShape: [column.count, row.count], elements: column.flatMap { c in row.map { T(c * $0) } })
    }
}

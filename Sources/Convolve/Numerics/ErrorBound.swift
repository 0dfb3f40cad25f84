import Foundation

/// A priori bounds on `max_i |computed_i − exact_i|` for each path, in the output's units;
/// `docs/numerics.md` derives them. With `u = ulpOfOne/2` the unit roundoff of `T`,
/// `m = Cg·∏k` the products summed per output, `P` the padded input and `K_o` the
/// kernels of output channel `o`:
///
/// - direct and gemm (a dot product of `m` terms, any summation order, FMA or not):
///   `|err| ≤ m·u · max|P| · max_o ‖K_o‖₁`.
/// - fft (norm-wise, so small outputs next to large ones may lose relative accuracy):
///   `|err| ≤ ‖err‖₂ ≤ √2·c·u·log₂(∏L) · max_b ‖P_b‖₂ · max_o ‖K_o‖₂ + m·u·max|P|·max_o ‖K_o‖₁`
///   with `c = fftConstant`, `∏L` the transform size and `‖P_b‖₂` taken over the group's
///   channels. The padded part of `‖P‖₂` is bounded by `max|P|` per padded sample. The
///   `√2` covers paired tiles (``FFTLayout``): one transform carries two tile windows
///   `A + iB`, whose norm `√(‖A‖² + ‖B‖²)` is at most `√2·‖P_b‖₂` (the windows may overlap).
///
/// - winograd (F(m×m, r×r)): `|err| ≤ (Cg + winogradDepth)·u · Cg · S · max|P| · max|K|`, with
///   `S = max_pq Σ_ij |Aᵀ|_pi |Aᵀ|_qj (|G|𝟙|G|ᵀ)_ij (|Bᵀ|𝟙|B|)_ij` (``WinogradTile/absoluteGain``:
///   2304 for F(4×4, 3×3), 64 for F(2×2, 3×3), 29,929/9 ≈ 3325 for F(2×2, 5×5)): the
///   absolute-value bound of every product the transforms form, times the longest chain of
///   roundings. The direct path's `S` is `r²` (9, 25).
public enum ErrorBound {
    /// The longest chain of roundings in one Winograd output besides the `Cg`-term sum:
    /// F(4×4, 3×3)'s input transform (6), kernel transform (6), the product (1), output
    /// transform (10); F(2×2, 5×5)'s 6, 8, 1 and 8; with room to spare.
    public static let winogradDepth = 32.0

    /// `c` in the FFT bound: the forward transforms of input and kernel and the inverse
    /// each contribute about `log₂(∏L)·u` relative to the norms (Higham, *Accuracy and
    /// Stability of Numerical Algorithms*, §24.1), plus the complex products.
    public static let fftConstant = 5.0

    /// The bound for `path` on `geometry` applied to `input` and `kernel` (row-major
    /// elements of `geometry.inputShape` and `geometry.kernelShape`).
    public static func maximumError<T: ConvolveScalar>(
        _ path: Path, _ geometry: ConvolutionGeometry, input: [T], kernel: [T]
    ) -> Double {
        let u = Double(T.ulpOfOne) / 2
        let g = geometry
        let terms = Double(g.groupInputChannels * g.kernelVolume)
        let inputVolume = g.inputExtent.reduce(1, *)
        let paddedExtra = Double(Shape.product(g.paddedExtent) - inputVolume)

        var maxInput = input.reduce(0.0) { max($0, abs(Double($1))) }
        if !g.isUnpadded, let fill = g.boundary.fillValue { maxInput = max(maxInput, abs(fill)) }

        var kernelL1 = 0.0, kernelL2 = 0.0
        let perOutput = g.groupInputChannels * g.kernelVolume
        for o in 0..<g.outputChannels {
            let taps = kernel[(o * perOutput)..<((o + 1) * perOutput)]
            kernelL1 = max(kernelL1, taps.reduce(0) { $0 + abs(Double($1)) })
            kernelL2 = max(kernelL2, taps.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot())
        }
        let sumBound = terms * u * maxInput * kernelL1
        if path == .winograd {
            let kernelMax = kernel.reduce(0.0) { max($0, abs(Double($1))) }
            let cg = Double(g.groupInputChannels)
            return (cg + winogradDepth) * u * cg * WinogradPath.tile(for: g).absoluteGain * maxInput * kernelMax
        }
        guard path == .fft else { return sumBound }

        var inputL2 = 0.0
        for b in 0..<g.batch {
            for group in 0..<g.groups {
                var squares = 0.0
                for c in 0..<g.groupInputChannels {
                    let start = ((b * g.inputChannels) + group * g.groupInputChannels + c) * inputVolume
                    squares += input[start..<(start + inputVolume)].reduce(0) { $0 + Double($1) * Double($1) }
                    squares += paddedExtra * maxInput * maxInput
                }
                inputL2 = max(inputL2, squares.squareRoot())
            }
        }
        let points = Double(Shape.product(FFTPath.transformExtent(g)))
        return 2.0.squareRoot() * fftConstant * u * max(1, log2(points)) * inputL2 * kernelL2 + sumBound
    }
}

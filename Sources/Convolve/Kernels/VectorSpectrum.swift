/// The FFT path's pointwise loops compiled for AVX2 (`CVectorKernels`,
/// `SpectrumKernels.c`): the spectrum products of ``Spectrum``, its interleaving of two
/// real frames into one complex frame, and ``Finite/copy(_:step:into:count:)``'s copy of
/// the real or imaginary parts of a complex frame, with eight `Float` (four `Double`) lanes
/// per instruction where Swift's baseline code has four (two). Each performs the Swift
/// loop's operations in its order without fused multiply-adds, so both forms give the same
/// bits (`SpectrumTests`). Used where ``runs`` is true.
enum VectorSpectrum {
    /// Whether the AVX2 forms run: the processor runs them and `CONVOLVE_KERNELS` does not
    /// force the portable loops (``VectorInstructions/detected``).
    static let runs = VectorInstructions.detected.runsAVX2

    /// `out[i] = x[i]·conj(k[i])` (or `+=` with `accumulate`) for `i < bins`.
    @inline(__always)
    static func multiplyConjugate<T: ConvolveScalar>(_ x: UnsafePointer<T>, _ k: UnsafePointer<T>,
                                                     into out: UnsafeMutablePointer<T>, bins: Int, accumulate: Bool) {
        T.multiplyConjugateAVX2(x, k, into: out, bins: bins, accumulate: accumulate)
    }

    /// `destination[i] = source[2i]` for `i < count`; returns `Σ source[2i]·0`.
    @inline(__always)
    static func copyEven<T: ConvolveScalar>(_ source: UnsafePointer<T>, into destination: UnsafeMutablePointer<T>,
                                            count: Int) -> T {
        T.copyEvenAVX2(source, into: destination, count: count)
    }

    /// `out[2i] = a[i]`, `out[2i + 1] = b[i]` (0 without `b`) for `i < count`.
    @inline(__always)
    static func interleave<T: ConvolveScalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>?,
                                              into out: UnsafeMutablePointer<T>, count: Int) {
        T.interleaveAVX2(a, b, into: out, count: count)
    }
}

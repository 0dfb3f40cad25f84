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
}

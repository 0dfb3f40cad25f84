import CFFTW

/// FFTW's planner flags, converted from the C macros once.
enum FFTWFlags {
    /// `FFTW_ESTIMATE`: plan by heuristics, instantly, without touching the arrays.
    static let estimate = UInt32(FFTW_ESTIMATE)
    /// `FFTW_MEASURE`: plan by timing candidate algorithms (overwrites the planning arrays).
    static let measure = UInt32(FFTW_MEASURE)
}

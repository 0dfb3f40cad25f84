/// The precision-specific FFTW entry points, one conformance per scalar type
/// (`Float` binds `fftwf_*`, `Double` binds `fftw_*`).
///
/// Complex arrays are passed as pointers to interleaved `(re, im)` pairs of `Self`,
/// which is FFTW's own layout for `fftw_complex`; conformances rebind them. Nothing
/// outside `FFTW/` calls these: paths use ``FFTPlan`` and ``FFTWBuffer``.
public protocol FFTWScalar: BinaryFloatingPoint {
    /// `fftw_malloc`: memory aligned for FFTW's SIMD code, `count` elements of `Self`.
    static func fftwAllocate(count: Int) -> UnsafeMutablePointer<Self>
    /// `fftw_free`.
    static func fftwFree(_ pointer: UnsafeMutablePointer<Self>)
    /// `fftw_init_threads` and `fftw_threads_set_callback` (``FFTWParallelLoop``) once per
    /// precision, and `fftw_plan_with_nthreads(threads)`.
    /// Called only with the planner lock held.
    static func fftwSetPlannerThreads(_ threads: Int)
    /// `fftw_plan_dft_r2c`: real `extents` (row-major) to complex
    /// `extents[0] × … × (extents[last]/2 + 1)`.
    static func fftwPlanR2C(extents: [Int32], real: UnsafeMutablePointer<Self>,
                            complex: UnsafeMutablePointer<Self>, flags: UInt32) -> OpaquePointer?
    /// `fftw_plan_dft_c2r`, the unnormalised inverse of ``fftwPlanR2C``; destroys its input.
    static func fftwPlanC2R(extents: [Int32], complex: UnsafeMutablePointer<Self>,
                            real: UnsafeMutablePointer<Self>, flags: UInt32) -> OpaquePointer?
    /// `fftw_execute_dft_r2c`: the new-array execute; thread-safe.
    static func fftwExecuteR2C(_ plan: OpaquePointer, real: UnsafeMutablePointer<Self>,
                               complex: UnsafeMutablePointer<Self>)
    /// `fftw_execute_dft_c2r`: the new-array execute; thread-safe.
    static func fftwExecuteC2R(_ plan: OpaquePointer, complex: UnsafeMutablePointer<Self>,
                               real: UnsafeMutablePointer<Self>)
    /// `fftw_plan_dft`: complex `extents` to complex `extents` (interleaved pairs), with
    /// `sign` −1 (forward) or +1 (backward, unnormalised).
    static func fftwPlanDFT(extents: [Int32], input: UnsafeMutablePointer<Self>, output: UnsafeMutablePointer<Self>,
                            sign: Int32, flags: UInt32) -> OpaquePointer?
    /// `fftw_plan_many_dft` of rank 1: `count` complex transforms of `length` points, each
    /// contiguous, the `j`-th starting `j·distance` complex values in, from `input` to
    /// `output` (in place when they are the same array), `sign` as
    /// ``fftwPlanDFT(extents:input:output:sign:flags:)``.
    static func fftwPlanRowsDFT(length: Int32, count: Int32, distance: Int32, input: UnsafeMutablePointer<Self>,
                                output: UnsafeMutablePointer<Self>, sign: Int32, flags: UInt32) -> OpaquePointer?
    /// `fftw_execute_dft`: the new-array execute; thread-safe.
    static func fftwExecuteDFT(_ plan: OpaquePointer, input: UnsafeMutablePointer<Self>,
                               output: UnsafeMutablePointer<Self>)
    /// `fftw_destroy_plan`. Called only with the planner lock held.
    static func fftwDestroyPlan(_ plan: OpaquePointer)
    /// `fftw_export_wisdom_to_string`: this precision's accumulated wisdom. Called only
    /// with the planner lock held.
    static func fftwExportWisdom() -> String
    /// `fftw_import_wisdom_from_string`; false when FFTW rejects the text. Called only
    /// with the planner lock held.
    static func fftwImportWisdom(_ text: String) -> Bool
    /// `fftw_forget_wisdom`. Called only with the planner lock held.
    static func fftwForgetWisdom()
}

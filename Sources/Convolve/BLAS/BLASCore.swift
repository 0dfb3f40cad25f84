import CBLAS
import CVectorKernels
#if canImport(Glibc)
import Glibc
#endif

/// Which compute kernels ("core") OpenBLAS runs. A `DYNAMIC_ARCH` build, as Debian's is,
/// picks them when it loads, from the processor's family and model; Debian bookworm's
/// OpenBLAS 0.3.21 does not know processors released after it and falls back to its
/// Prescott (SSE3) kernels on them. On an Intel Xeon of family 6, model 207, `cblas_sgemm`
/// of 512³ ran 28 GFLOP/s as Prescott and 146 as SkylakeX (one thread, best of five, a C
/// loop against `libopenblas`, 2026-12-02), which made the GEMM path and Winograd's
/// products five times slower than the library's cost constants for that machine say.
///
/// So before the first BLAS call, when OpenBLAS reports Prescott, the user has not named
/// a core (`OPENBLAS_CORETYPE`), and the processor runs Skylake-X's AVX-512 subsets (or AVX2
/// and FMA), the kernels are chosen again as SkylakeX (or Haswell) through OpenBLAS's own
/// override: `OPENBLAS_CORETYPE` set, then its `gotoblas_dynamic_quit` and
/// `gotoblas_dynamic_init` (found with `dlsym`: builds without `DYNAMIC_ARCH` have
/// neither, and are left as they are), and the variable unset again, so the environment
/// that child processes see is unchanged.
enum BLASCore {
    /// OpenBLAS's name for the kernels it runs (`openblas_get_corename`), once chosen.
    /// Every BLAS call of the library reads this first (``BLAS``, ``SVD``).
    static var name: String { choice.name }

    /// The kernels' name, and whether they were chosen again (made once, at first use).
    static let choice: (name: String, replaced: Bool) = choose()

    /// The core a processor OpenBLAS did not recognise should run: SkylakeX with the
    /// AVX-512 subsets, Haswell with AVX2 and FMA, else none (Prescott is then right).
    static var replacementForUnrecognisedProcessor: String? {
        if convolve_avx512_skylake_available() != 0 { return "SkylakeX" }
        if convolve_direct_avx2_fma_available() != 0 { return "Haswell" }
        return nil
    }

    private static func reported() -> String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    private static func choose() -> (name: String, replaced: Bool) {
        let first = reported()
        typealias Entry = @convention(c) () -> Void
        guard first == "Prescott", getenv("OPENBLAS_CORETYPE") == nil,
              let replacement = replacementForUnrecognisedProcessor,
              let program = dlopen(nil, RTLD_NOW),
              let quit = dlsym(program, "gotoblas_dynamic_quit"),
              let initialize = dlsym(program, "gotoblas_dynamic_init") else { return (first, false) }
        setenv("OPENBLAS_CORETYPE", replacement, 1)
        unsafeBitCast(quit, to: Entry.self)()
        unsafeBitCast(initialize, to: Entry.self)()
        unsetenv("OPENBLAS_CORETYPE")
        return (reported(), true)
    }
}

/// OpenBLAS's name for the compute kernels it runs in this process (`SkylakeX`,
/// `Haswell`, `Zen`, …), after the library's correction for processors Debian's OpenBLAS
/// does not recognise (its Prescott fallback; see the README's notes on OpenBLAS).
public var blasCoreName: String { BLASCore.name }

/// What FFTW's estimated 1-D plans cost by length, as measured: the rate of a real
/// transform (r2c or c2r) per `N·log₂N`, and what a complex transform of the same length
/// costs relative to it, the price of pairing two overlap-save tiles into one complex
/// transform (``FFTLayout``), which replaces two real transforms each way and so saves
/// transform time only below 2.
///
/// FFTW's `FFTW_ESTIMATE` plans are chosen from operation counts, not timings, and their
/// speed is uneven across lengths in a way no smooth `N·log₂N` term follows: the complex
/// 16,384-point `Float` pair runs at 0.45 ns per `N·log₂N`, the 12,288- and 20,480-point
/// pairs at 0.26 and 0.35; `Double`'s real 12,288-point transform at 0.152 ns, its
/// 20,480-point one at 0.117. `Benchmarks/fftw/pairing.c` (`FFTW_ESTIMATE`, in a process
/// without measured plans, whose wisdom estimated plans would reuse; built with
/// `-DPAIRING_DOUBLE` for `Double`), the middle of three runs on an AMD EPYC Zen 4
/// (2026-12-07; the runs spread by at most 0.06 in the factors, but 768, 1,280 and 98,304
/// points at 0.1–0.2, and 2–15% in the rates), for the tile lengths up to 2²¹
/// ``FastSize/tileLength(atLeast:)`` gives (`2^a`, `3·2^a`, `5·2^a`).
enum OneAxisTransformCosts {
    /// A complex transform over a real one of `length` points of `scalarSize`-byte scalars;
    /// between measured lengths (and below 64 points) the nearest shorter measured
    /// length's, beyond the table the last entry's. `Double`'s complex plans are the
    /// slower ones from 1,536 points on (2.0–3.6).
    static func pairedFactor(_ length: Int, scalarSize: Int) -> Double {
        entry(length, scalarSize: scalarSize).factor
    }

    /// A real transform's time per `N·log₂N` relative to its scalar type's short lengths'
    /// (``referenceRate(scalarSize:)``: `Double`'s other costs are ``CostModel/doubleFactor``'s), for lengths
    /// from 1,024 to 2²¹ points (the caches included: these frames hold up to 16 MB);
    /// nil outside them, where the cost model's smooth term and cache penalty apply
    /// (below 1,024 points the per-transform overhead dominates the measured rates).
    /// `Float` stays at 0.91–1.17 up to 16,384 points and rises to 1.24–1.93 up to 327,680
    /// and 1.46–2.22 beyond (where the smooth term's cache penalty said 1.0–1.4);
    /// `Double` reaches 1.2–1.8 from 6,144 points, 2.2–3.1 from 131,072 and 4.9 at 2²¹.
    static func realRate(_ length: Int, scalarSize: Int) -> Double? {
        guard (1024...2_097_152).contains(length) else { return nil }
        return entry(length, scalarSize: scalarSize).rate / referenceRate(scalarSize: scalarSize)
    }

    /// Nanoseconds per `N·log₂N` of the real transforms the cost model's ``CostModel/fftPoint``
    /// (times its one-axis factor) stands for: `Float`'s 2,048–16,384 points ran at
    /// 0.091–0.108 (0.100), `Double`'s 1,024–4,096 at 0.088–0.113 (0.097).
    static func referenceRate(scalarSize: Int) -> Double { scalarSize > MemoryLayout<Float>.size ? 0.097 : 0.100 }

    /// The entry of the longest measured length up to `length` (the shortest below 64).
    private static func entry(_ length: Int, scalarSize: Int) -> Entry {
        let table = scalarSize > MemoryLayout<Float>.size ? double : float
        var found = table[0]
        for entry in table {
            if entry.length > length { break }
            found = entry
        }
        return found
    }

    /// One measured length: the complex-over-real factor and the real rate (ns per `N·log₂N`).
    private typealias Entry = (length: Int, factor: Double, rate: Double)

    private static let float: [Entry] = [
        (64, 0.52, 0.247), (80, 0.92, 0.114), (96, 0.40, 0.253), (128, 0.70, 0.145), (160, 0.86, 0.109),
        (192, 0.68, 0.127), (256, 0.68, 0.121), (320, 0.84, 0.098), (384, 0.70, 0.120), (512, 0.72, 0.106),
        (640, 0.76, 0.103), (768, 1.22, 0.102), (1024, 0.74, 0.106), (1280, 0.82, 0.095), (1536, 1.04, 0.117),
        (2048, 0.76, 0.100), (2560, 1.08, 0.091), (3072, 0.98, 0.113), (4096, 1.04, 0.096),
        (5120, 1.24, 0.096), (6144, 1.34, 0.104), (8192, 1.78, 0.103), (10_240, 1.82, 0.095),
        (12_288, 1.22, 0.108), (16_384, 2.32, 0.099), (20_480, 1.42, 0.124), (24_576, 2.48, 0.119),
        (32_768, 1.62, 0.137), (40_960, 1.46, 0.125), (49_152, 2.14, 0.151), (65_536, 1.66, 0.135),
        (81_920, 1.54, 0.124), (98_304, 2.22, 0.156), (131_072, 1.80, 0.136), (163_840, 1.86, 0.132),
        (196_608, 2.00, 0.193), (262_144, 2.94, 0.145), (327_680, 2.40, 0.130), (393_216, 1.90, 0.204),
        (524_288, 2.90, 0.168), (655_360, 2.20, 0.146), (786_432, 2.33, 0.210), (1_048_576, 3.59, 0.184),
        (1_310_720, 2.17, 0.155), (1_572_864, 2.67, 0.201), (2_097_152, 3.77, 0.222),
    ]

    private static let double: [Entry] = [
        (64, 0.94, 0.202), (80, 0.84, 0.257), (96, 0.68, 0.241), (128, 1.34, 0.117), (160, 1.06, 0.160),
        (192, 2.40, 0.122), (256, 0.96, 0.151), (320, 1.42, 0.111), (384, 2.52, 0.115), (512, 1.24, 0.114),
        (640, 1.32, 0.112), (768, 1.60, 0.120), (1024, 1.50, 0.096), (1280, 1.30, 0.113), (1536, 1.98, 0.097),
        (2048, 1.74, 0.088), (2560, 1.98, 0.095), (3072, 2.04, 0.101), (4096, 2.64, 0.097),
        (5120, 2.56, 0.114), (6144, 2.84, 0.133), (8192, 2.74, 0.139), (10_240, 2.60, 0.119),
        (12_288, 2.92, 0.152), (16_384, 2.44, 0.169), (20_480, 2.70, 0.117), (24_576, 3.64, 0.130),
        (32_768, 2.36, 0.169), (40_960, 2.50, 0.145), (49_152, 3.08, 0.158), (65_536, 2.52, 0.173),
        (81_920, 2.52, 0.166), (98_304, 2.98, 0.195), (131_072, 2.32, 0.213), (163_840, 2.58, 0.204),
        (196_608, 2.56, 0.243), (262_144, 2.30, 0.297), (327_680, 2.20, 0.262), (393_216, 2.45, 0.293),
        (524_288, 1.90, 0.304), (655_360, 2.05, 0.272), (786_432, 2.76, 0.257), (1_048_576, 2.99, 0.327),
        (1_310_720, 1.94, 0.323), (1_572_864, 2.71, 0.363), (2_097_152, 2.41, 0.472),
    ]
}

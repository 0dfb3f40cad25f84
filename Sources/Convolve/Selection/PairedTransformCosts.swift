/// What one complex 1-D transform of FFTW's estimated plans costs relative to one real
/// transform (r2c or c2r) of the same length: the price of pairing two overlap-save tiles
/// into one complex transform (``FFTLayout``), which replaces two real transforms each
/// way, so pairing saves transform time only below 2.
///
/// FFTW's `FFTW_ESTIMATE` plans are chosen from operation counts, not timings, and their
/// speed is uneven across lengths in a way no smooth `N·log₂N` term follows: the complex
/// 16,384-point pair runs at 0.45 ns per `N·log₂N`, the 12,288- and 20,480-point pairs at
/// 0.26 and 0.35, while the real transforms stay within 0.19–0.30 for all of them.
/// `Benchmarks/fftw/pairing.c` (`FFTW_ESTIMATE`, a process without measured plans, whose
/// wisdom estimated plans would reuse), the middle of three runs on an AMD EPYC Zen 4
/// (2026-12-07; the runs spread by at most 0.06 but 768, 1,280 and 98,304 points at
/// 0.1–0.2): the complex forward-plus-backward pair over half of two r2c + c2r pairs,
/// for the tile lengths ``FastSize/tileLength(atLeast:)`` gives (`2^a`, `3·2^a`, `5·2^a`).
/// `Double`'s complex plans are the slower ones from 1,536 points on (2.0–3.6).
enum PairedTransformCosts {
    /// The measured ratio for `length` points of `scalarSize`-byte scalars; between
    /// measured lengths (and below 64 points) the nearest shorter measured length's, and
    /// beyond the table the last entry's.
    static func oneAxis(_ length: Int, scalarSize: Int) -> Double {
        let table = scalarSize > MemoryLayout<Float>.size ? double : float
        var factor = table[0].factor
        for entry in table {
            if entry.length > length { break }
            factor = entry.factor
        }
        return factor
    }

    private static let float: [(length: Int, factor: Double)] = [
        (64, 0.52), (80, 0.92), (96, 0.40), (128, 0.70), (160, 0.86), (192, 0.68), (256, 0.68),
        (320, 0.84), (384, 0.70), (512, 0.72), (640, 0.76), (768, 1.22), (1024, 0.74),
        (1280, 0.82), (1536, 1.04), (2048, 0.76), (2560, 1.08), (3072, 0.98), (4096, 1.04),
        (5120, 1.24), (6144, 1.34), (8192, 1.78), (10_240, 1.82), (12_288, 1.22),
        (16_384, 2.32), (20_480, 1.42), (24_576, 2.48), (32_768, 1.62), (40_960, 1.46),
        (49_152, 2.14), (65_536, 1.66), (81_920, 1.54), (98_304, 2.22), (131_072, 1.80),
        (163_840, 1.86), (196_608, 2.00), (262_144, 2.94), (327_680, 2.40),
    ]

    private static let double: [(length: Int, factor: Double)] = [
        (64, 0.94), (80, 0.84), (96, 0.68), (128, 1.34), (160, 1.06), (192, 2.40), (256, 0.96),
        (320, 1.42), (384, 2.52), (512, 1.24), (640, 1.32), (768, 1.60), (1024, 1.50),
        (1280, 1.30), (1536, 1.98), (2048, 1.74), (2560, 1.98), (3072, 2.04), (4096, 2.64),
        (5120, 2.56), (6144, 2.84), (8192, 2.74), (10_240, 2.60), (12_288, 2.92),
        (16_384, 2.44), (20_480, 2.70), (24_576, 3.64), (32_768, 2.36), (40_960, 2.50),
        (49_152, 3.08), (65_536, 2.52), (81_920, 2.52), (98_304, 2.98), (131_072, 2.32),
        (163_840, 2.58), (196_608, 2.56), (262_144, 2.30), (327_680, 2.20),
    ]
}

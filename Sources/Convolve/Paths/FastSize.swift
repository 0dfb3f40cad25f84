/// Transform lengths FFTW is fast at.
///
/// Measured here with `FFTW_ESTIMATE` plans (`docs/path-selection.md`): r2c + c2r pairs of
/// even 7-smooth lengths take 0.5–1.0 ns per `N·log₂N`, odd ones 1.1–2.5 ns (1029 = 3·7³
/// took 34 ms against 18 ms for 1050 = 2·3·5²·7 in 2-D), so lengths are kept even.
enum FastSize {
    /// The smallest even `m ≥ n` of the form `2^a · 3^b · 5^c · 7^d` (`a ≥ 1`); 1 for `n ≤ 1`.
    static func atLeast(_ n: Int) -> Int {
        if n <= 1 { return 1 }
        let half = (n + 1) / 2  // m = 2·h with h 7-smooth and h ≥ ⌈n/2⌉
        var best = Int.max
        var p7 = 1
        while p7 < best {
            var p5 = p7
            while p5 < best {
                var p3 = p5
                while p3 < best {
                    // The smallest power of two that lifts p3 to at least ⌈n/2⌉.
                    var h = p3
                    while h < half { h <<= 1 }
                    best = min(best, h)
                    if p3 >= half { break }
                    p3 *= 3
                }
                if p5 >= half { break }
                p5 *= 5
            }
            if p7 >= half { break }
            p7 *= 7
        }
        return 2 * best
    }

    /// The smallest `m ≥ n` of the form `2^a`, `3·2^a` or `5·2^a` (`m ≥ 8`): the tile
    /// lengths of overlap-save, where the transform is repeated many times and FFTW's
    /// `FFTW_ESTIMATE` plans for these lengths measured 0.5–0.6 ns per `N·log₂N` pair
    /// against up to 1.0 for other 7-smooth lengths (96, 378, 540).
    static func tileLength(atLeast n: Int) -> Int {
        var power = 8
        while power < n { power *= 2 }
        var best = power
        for m in [3, 5] {
            var candidate = m * 4
            while candidate < n { candidate *= 2 }
            best = min(best, candidate)
        }
        return best
    }
}

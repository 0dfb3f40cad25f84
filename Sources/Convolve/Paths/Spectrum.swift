/// Pointwise arithmetic on spectra stored as interleaved `(re, im)` pairs.
enum Spectrum {
    /// `acc[i] += x[i] · conj(k[i])` for `bins` complex values:
    /// `(a + ib)(c − id) = (ac + bd) + i(bc − ad)`.
    @inline(__always)
    static func multiplyConjugateAccumulate<T: ConvolveScalar>(
        _ x: UnsafePointer<T>, _ k: UnsafePointer<T>, into acc: UnsafeMutablePointer<T>, bins: Int
    ) {
        for i in 0..<bins {
            let a = x[2 &* i], b = x[2 &* i &+ 1], c = k[2 &* i], d = k[2 &* i &+ 1]
            acc[2 &* i] += a * c + b * d
            acc[2 &* i &+ 1] += b * c - a * d
        }
    }

    /// `out[i] = x[i] · conj(k[i])`: the first channel's term, written without a zeroed
    /// accumulator.
    @inline(__always)
    static func multiplyConjugate<T: ConvolveScalar>(
        _ x: UnsafePointer<T>, _ k: UnsafePointer<T>, into out: UnsafeMutablePointer<T>, bins: Int
    ) {
        for i in 0..<bins {
            let a = x[2 &* i], b = x[2 &* i &+ 1], c = k[2 &* i], d = k[2 &* i &+ 1]
            out[2 &* i] = a * c + b * d
            out[2 &* i &+ 1] = b * c - a * d
        }
    }

    /// `Σ_v x_v · conj(k_v)` over `channels` virtual channels into `out`.
    @inline(__always)
    static func sumOfProducts<T: ConvolveScalar>(
        channels: Int, bins: Int, into out: UnsafeMutablePointer<T>,
        _ pair: (Int) -> (x: UnsafePointer<T>, k: UnsafePointer<T>)
    ) {
        let first = pair(0)
        multiplyConjugate(first.x, first.k, into: out, bins: bins)
        for v in 1..<max(1, channels) {
            let (x, k) = pair(v)
            multiplyConjugateAccumulate(x, k, into: out, bins: bins)
        }
    }

    /// `x[i] *= scale` over `2·bins` scalars.
    @inline(__always)
    static func scale<T: ConvolveScalar>(_ x: UnsafeMutablePointer<T>, by scale: T, bins: Int) {
        for i in 0..<(2 &* bins) { x[i] *= scale }
    }

    /// `out[2i] = a[i]`, `out[2i + 1] = b[i]` (0 without `b`) for `i < count`: two real
    /// frames as the real and imaginary parts of one complex frame.
    @inline(__always)
    static func interleave<T: ConvolveScalar>(
        _ a: UnsafePointer<T>, _ b: UnsafePointer<T>?, into out: UnsafeMutablePointer<T>, count: Int
    ) {
        if let b {
            for i in 0..<count { out[2 &* i] = a[i]; out[2 &* i &+ 1] = b[i] }
        } else {
            for i in 0..<count { out[2 &* i] = a[i]; out[2 &* i &+ 1] = 0 }
        }
    }

    /// The real frame in `x[0 ..< count]` widened in place to the complex frame
    /// `x[2i] = x_old[i]`, `x[2i + 1] = 0` (from the top down, so nothing is overwritten
    /// before it is read); `x` holds `2·count` scalars.
    static func widen<T: ConvolveScalar>(_ x: UnsafeMutablePointer<T>, count: Int) {
        var i = count - 1
        while i >= 0 {
            x[2 &* i &+ 1] = 0
            x[2 &* i] = x[i]
            i -= 1
        }
    }
}

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
}

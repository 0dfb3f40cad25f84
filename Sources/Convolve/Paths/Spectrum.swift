/// Pointwise arithmetic on spectra stored as interleaved `(re, im)` pairs. Where AVX2 runs,
/// each function runs its form in `CVectorKernels` (``VectorSpectrum``), which gives the
/// same bits; `vector: false` runs the Swift loop below.
enum Spectrum {
    /// `acc[i] += x[i] · conj(k[i])` for `bins` complex values:
    /// `(a + ib)(c − id) = (ac + bd) + i(bc − ad)`. Four bins at a time: their real and
    /// imaginary parts split into two vectors, multiplied, and interleaved back.
    @inline(__always)
    static func multiplyConjugateAccumulate<T: ConvolveScalar>(
        _ x: UnsafePointer<T>, _ k: UnsafePointer<T>, into acc: UnsafeMutablePointer<T>, bins: Int,
        vector: Bool = VectorSpectrum.runs
    ) {
        if vector { return VectorSpectrum.multiplyConjugate(x, k, into: acc, bins: bins, accumulate: true) }
        var i = 0
        while i &+ 4 <= bins {
            let (re, im) = products(x + 2 &* i, k + 2 &* i)
            let sum = load(UnsafePointer(acc + 2 &* i)) + interleave(re, im)
            UnsafeMutableRawPointer(acc + 2 &* i).storeBytes(of: sum, as: SIMD8<T>.self)
            i &+= 4
        }
        while i < bins {
            let a = x[2 &* i], b = x[2 &* i &+ 1], c = k[2 &* i], d = k[2 &* i &+ 1]
            acc[2 &* i] += a * c + b * d
            acc[2 &* i &+ 1] += b * c - a * d
            i &+= 1
        }
    }

    /// `out[i] = x[i] · conj(k[i])`: the first channel's term, written without a zeroed
    /// accumulator.
    @inline(__always)
    static func multiplyConjugate<T: ConvolveScalar>(
        _ x: UnsafePointer<T>, _ k: UnsafePointer<T>, into out: UnsafeMutablePointer<T>, bins: Int,
        vector: Bool = VectorSpectrum.runs
    ) {
        if vector { return VectorSpectrum.multiplyConjugate(x, k, into: out, bins: bins, accumulate: false) }
        var i = 0
        while i &+ 4 <= bins {
            let (re, im) = products(x + 2 &* i, k + 2 &* i)
            UnsafeMutableRawPointer(out + 2 &* i).storeBytes(of: interleave(re, im), as: SIMD8<T>.self)
            i &+= 4
        }
        while i < bins {
            let a = x[2 &* i], b = x[2 &* i &+ 1], c = k[2 &* i], d = k[2 &* i &+ 1]
            out[2 &* i] = a * c + b * d
            out[2 &* i &+ 1] = b * c - a * d
            i &+= 1
        }
    }

    /// Eight scalars (four complex values) from `p`.
    @inline(__always)
    private static func load<T: ConvolveScalar>(_ p: UnsafePointer<T>) -> SIMD8<T> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<T>.self)
    }

    /// The real and imaginary parts of `x[j] · conj(k[j])` for four complex values.
    @inline(__always)
    private static func products<T: ConvolveScalar>(
        _ x: UnsafePointer<T>, _ k: UnsafePointer<T>
    ) -> (SIMD4<T>, SIMD4<T>) {
        let xv = load(x), kv = load(k)
        let (a, b, c, d) = (xv.evenHalf, xv.oddHalf, kv.evenHalf, kv.oddHalf)
        return (a * c + b * d, b * c - a * d)
    }

    /// `(e₀, o₀, e₁, o₁, e₂, o₂, e₃, o₃)`.
    @inline(__always)
    private static func interleave<T: ConvolveScalar>(_ e: SIMD4<T>, _ o: SIMD4<T>) -> SIMD8<T> {
        SIMD8(e[0], o[0], e[1], o[1], e[2], o[2], e[3], o[3])
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

    /// `out[2i] = a[i]`, `out[2i + 1] = b[i]` (0 without `b`) for `i < count`: two real
    /// frames as the real and imaginary parts of one complex frame.
    @inline(__always)
    static func interleave<T: ConvolveScalar>(
        _ a: UnsafePointer<T>, _ b: UnsafePointer<T>?, into out: UnsafeMutablePointer<T>, count: Int,
        vector: Bool = VectorSpectrum.runs
    ) {
        if vector { return VectorSpectrum.interleave(a, b, into: out, count: count) }
        var i = 0
        let zero = SIMD4<T>()
        while i &+ 4 <= count {
            let e = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD4<T>.self)
            let o = b.map { UnsafeRawPointer($0 + i).loadUnaligned(as: SIMD4<T>.self) } ?? zero
            UnsafeMutableRawPointer(out + 2 &* i).storeBytes(of: interleave(e, o), as: SIMD8<T>.self)
            i &+= 4
        }
        while i < count {
            out[2 &* i] = a[i]
            out[2 &* i &+ 1] = b?[i] ?? 0
            i &+= 1
        }
    }
}

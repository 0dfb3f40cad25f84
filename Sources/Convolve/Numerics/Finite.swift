/// Finiteness checks for the FFT guard.
enum Finite {
    /// True when no element is NaN or ±∞. Any of them turns `x·0` into NaN, and a NaN
    /// poisons the sum; four accumulators of eight lanes keep the loop vectorised and off
    /// one chain of dependent additions (one accumulator ran at the adds' latency). Specialised
    /// ahead for both scalars: callers that are themselves unspecialised generics (the
    /// public `Tensor.isFinite`, `explainSeparable`) would otherwise run the generic
    /// `SIMD8<T>` code, about 100× slower.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func all<T: ConvolveScalar>(_ values: UnsafeBufferPointer<T>) -> Bool {
        guard let base = values.baseAddress else { return true }
        let raw = UnsafeRawPointer(base), stride = MemoryLayout<T>.stride
        var (a, b, c, d) = (SIMD8<T>(), SIMD8<T>(), SIMD8<T>(), SIMD8<T>())
        var i = 0
        let n = values.count
        while i &+ 32 <= n {
            a += raw.loadUnaligned(fromByteOffset: i &* stride, as: SIMD8<T>.self) * 0
            b += raw.loadUnaligned(fromByteOffset: (i &+ 8) &* stride, as: SIMD8<T>.self) * 0
            c += raw.loadUnaligned(fromByteOffset: (i &+ 16) &* stride, as: SIMD8<T>.self) * 0
            d += raw.loadUnaligned(fromByteOffset: (i &+ 24) &* stride, as: SIMD8<T>.self) * 0
            i &+= 32
        }
        while i &+ 8 <= n {
            a += raw.loadUnaligned(fromByteOffset: i &* stride, as: SIMD8<T>.self) * 0
            i &+= 8
        }
        var probe = (a + b + c + d).sum()
        while i < n {
            probe += values[i] * 0
            i += 1
        }
        return probe == 0
    }

    static func all<T: ConvolveScalar>(_ values: [T]) -> Bool {
        values.withUnsafeBufferPointer { all($0) }
    }
}

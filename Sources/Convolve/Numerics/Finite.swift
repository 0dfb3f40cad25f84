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

    /// Copies `destination[i] = source[i·step]` for `i < count` (`step` 1, or 2 for the
    /// real or imaginary parts of interleaved complex values) and returns `Σ source[i·step]·0`:
    /// 0 when every value copied is finite, NaN otherwise, so callers add up the probes of
    /// many copies and test once. A copy that checks what it writes replaces a separate
    /// pass over the data (the FFT path's last write of every output; ``FFTPath``).
    @inline(__always)
    static func copy<T: ConvolveScalar>(
        _ source: UnsafePointer<T>, step: Int, into destination: UnsafeMutablePointer<T>, count: Int,
        vector: Bool = VectorSpectrum.runs
    ) -> T {
        // The strided copy in AVX2 where it runs (``VectorSpectrum``): the same values copied.
        if vector && step == 2 { return VectorSpectrum.copyEven(source, into: destination, count: count) }
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        let size = MemoryLayout<T>.stride
        var (a, b) = (SIMD8<T>(), SIMD8<T>())
        var i = 0
        if step == 1 {
            while i &+ 16 <= count {
                let u = from.loadUnaligned(fromByteOffset: i &* size, as: SIMD8<T>.self)
                let v = from.loadUnaligned(fromByteOffset: (i &+ 8) &* size, as: SIMD8<T>.self)
                to.storeBytes(of: u, toByteOffset: i &* size, as: SIMD8<T>.self)
                to.storeBytes(of: v, toByteOffset: (i &+ 8) &* size, as: SIMD8<T>.self)
                a += u * 0
                b += v * 0
                i &+= 16
            }
        } else {
            // Sixteen scalars from `source + 2i`, of which the even ones are wanted; stopping
            // one block early keeps the last one read (`2i + 15`) before the last one wanted.
            while i &+ 8 < count {
                let u = from.loadUnaligned(fromByteOffset: 2 &* i &* size, as: SIMD16<T>.self).evenHalf
                to.storeBytes(of: u, toByteOffset: i &* size, as: SIMD8<T>.self)
                a += u * 0
                i &+= 8
            }
        }
        var probe = (a + b).sum()
        while i < count {
            let v = source[i &* step]
            destination[i] = v
            probe += v * 0
            i &+= 1
        }
        return probe
    }
}

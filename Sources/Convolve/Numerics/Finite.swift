/// Finiteness checks for the FFT guard.
enum Finite {
    /// True when no element is NaN or ±∞. Any of them turns `x·0` into NaN, and a NaN
    /// poisons the sum; eight independent lanes keep the loop vectorised. Specialised
    /// ahead for both scalars: callers that are themselves unspecialised generics (the
    /// public `Tensor.isFinite`, `explainSeparable`) would otherwise run the generic
    /// `SIMD8<T>` code, about 100× slower.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func all<T: ConvolveScalar>(_ values: UnsafeBufferPointer<T>) -> Bool {
        guard let base = values.baseAddress else { return true }
        var lanes = SIMD8<T>()
        var i = 0
        let n = values.count
        while i + 8 <= n {
            lanes += UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<T>.self) * 0
            i += 8
        }
        var probe = lanes.sum()
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

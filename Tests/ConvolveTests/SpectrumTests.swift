import BenchCore
import Testing
@testable import Convolve

/// The FFT path's pointwise loops in AVX2 (``VectorSpectrum``) against their Swift loops:
/// the same operations in the same order without fused multiply-adds, so the same bits.
@Suite struct SpectrumTests {
    /// Bin counts around every vector width and tail of both forms (four and eight `Float`
    /// lanes, two and four `Double` lanes), and a frame's worth.
    static let counts = Array(0...41) + [63, 64, 65, 127, 128, 129, 1000, 2049]

    /// Values of very different sizes, so every product and sum rounds.
    private static func values<T: ConvolveScalar>(_ count: Int, _: T.Type, seed: String) -> [T] {
        var random = SeededRandom(seed: stableSeed(seed))
        let scales = [1e-3, 1e-2, 0.1, 1, 10, 100, 1000]
        return (0..<count).map { _ in T(random.unit() * scales[Int(random.next() % 7)]) }
    }

    /// `x·conj(k)`, written and accumulated, out of place and in place.
    @Test func vectorProductsGiveTheSwiftLoopsBits() throws {
        guard VectorInstructions.avx2FMA.isAvailable else { return }  // nothing to compare here
        func check<T: ConvolveScalar>(_: T.Type) {
            for bins in Self.counts {
                let x = Self.values(2 * bins, T.self, seed: "x \(bins)")
                let k = Self.values(2 * bins, T.self, seed: "k \(bins)")
                let acc = Self.values(2 * bins, T.self, seed: "acc \(bins)")
                for accumulate in [false, true] {
                    var swift = accumulate ? acc : [T](repeating: 0, count: 2 * bins)
                    var vector = swift
                    var inPlace = x  // out = x
                    if accumulate {
                        Spectrum.multiplyConjugateAccumulate(x, k, into: &swift, bins: bins, vector: false)
                        Spectrum.multiplyConjugateAccumulate(x, k, into: &vector, bins: bins, vector: true)
                    } else {
                        Spectrum.multiplyConjugate(x, k, into: &swift, bins: bins, vector: false)
                        Spectrum.multiplyConjugate(x, k, into: &vector, bins: bins, vector: true)
                        inPlace.withUnsafeMutableBufferPointer { p in
                            guard let base = p.baseAddress else { return }  // no bins: nothing to write
                            Spectrum.multiplyConjugate(UnsafePointer(base), k, into: base, bins: bins, vector: true)
                        }
                        #expect(Self.same(inPlace, swift), "\(T.dtypeName) in place, \(bins) bins")
                    }
                    #expect(Self.same(vector, swift), "\(T.dtypeName) accumulate \(accumulate), \(bins) bins")
                }
            }
        }
        check(Float.self)
        check(Double.self)
    }

    /// Two real frames into one complex frame, and one with zeros for the imaginary parts.
    @Test func vectorInterleavingGivesTheSwiftLoopsValues() throws {
        guard VectorInstructions.avx2FMA.isAvailable else { return }
        func check<T: ConvolveScalar>(_: T.Type) {
            for count in Self.counts {
                let a = Self.values(count, T.self, seed: "a \(count)")
                let b = Self.values(count, T.self, seed: "b \(count)")
                for second in [b, nil] {
                    var swift = [T](repeating: 7, count: 2 * count), vector = swift
                    Spectrum.interleave(a, second, into: &swift, count: count, vector: false)
                    Spectrum.interleave(a, second, into: &vector, count: count, vector: true)
                    #expect(Self.same(vector, swift), "\(T.dtypeName) \(count), second \(second != nil)")
                }
            }
        }
        check(Float.self)
        check(Double.self)
    }

    /// The real and the imaginary parts of a complex frame, copied; the probe is 0 when
    /// every value copied is finite and NaN when one is not (a NaN or ±∞ planted at each
    /// position in turn, and one in the parts not copied, which must not count).
    @Test func vectorStridedCopyGivesTheSwiftLoopsValuesAndProbe() throws {
        guard VectorInstructions.avx2FMA.isAvailable else { return }
        func check<T: ConvolveScalar>(_: T.Type) {
            for count in Self.counts where count > 0 {
                let frame = Self.values(2 * count, T.self, seed: "frame \(count)")
                for offset in [0, 1] {
                    var swift = [T](repeating: 7, count: count), vector = swift
                    let (p, q) = frame.withUnsafeBufferPointer { f in
                        (Finite.copy(f.baseAddress! + offset, step: 2, into: &swift, count: count, vector: false),
                         Finite.copy(f.baseAddress! + offset, step: 2, into: &vector, count: count, vector: true))
                    }
                    #expect(Self.same(vector, swift) && p == 0 && q == 0, "\(T.dtypeName) \(count) offset \(offset)")
                }
                for planted in Set([0, count / 2, count - 1]) {
                    for bad in [T.nan, T.infinity, -T.infinity] {
                        var f = frame
                        f[2 * planted] = bad
                        var out = [T](repeating: 0, count: count)
                        let (copied, skipped) = f.withUnsafeBufferPointer { f in
                            (Finite.copy(f.baseAddress!, step: 2, into: &out, count: count, vector: true),
                             Finite.copy(f.baseAddress! + 1, step: 2, into: &out, count: count, vector: true))
                        }
                        #expect(copied.isNaN && skipped == 0, "\(T.dtypeName) \(count): \(bad) at \(planted)")
                    }
                }
            }
        }
        check(Float.self)
        check(Double.self)
    }

    /// Equal bit patterns (NaN payloads and signed zeros included).
    private static func same<T: ConvolveScalar>(_ a: [T], _ b: [T]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            if let x = x as? Float, let y = y as? Float { return x.bitPattern == y.bitPattern }
            return (x as! Double).bitPattern == (y as! Double).bitPattern
        }
    }
}

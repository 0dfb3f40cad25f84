import Foundation
import Testing
@testable import Convolve

/// OpenBLAS's kernels (``BLASCore``): never its Prescott (SSE3) fallback on a processor
/// that runs AVX2 and FMA, unless the user named a core, and the override not left in the
/// environment when it was used; and its products still right after the kernels were
/// chosen again.
@Suite struct BLASCoreTests {
    @Test func openBLASRunsKernelsForTheProcessorsVectorUnits() {
        let named = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil
        if BLASCore.replacementForUnrecognisedProcessor != nil && !named {
            #expect(BLASCore.name != "Prescott", "OpenBLAS runs SSE3 kernels on a processor with AVX2 and FMA")
        }
        // A replacement is made only when the user named no core, so the variable is the
        // library's and must be gone again.
        #expect(!BLASCore.choice.replaced || getenv("OPENBLAS_CORETYPE") == nil,
                "the override is not left in the environment")
    }

    @Test func productsAreExactOnSmallIntegersAfterTheKernelsAreChosen() {
        // 37 × 41 · 41 × 53 of small integers: every sum is exact in Float.
        let (m, k, n) = (37, 41, 53)
        let a = (0..<m * k).map { Float($0 % 7 - 3) }, b = (0..<k * n).map { Float($0 % 5 - 2) }
        var c = [Float](repeating: .nan, count: m * n)
        BLAS.useOneThread()
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    BLAS.multiply(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: n,
                                  c: c.baseAddress!, ldc: n)
                }
            }
        }
        var wrong = 0
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k { sum += a[i * k + p] * b[p * n + j] }
                if c[i * n + j] != sum { wrong += 1 }
            }
        }
        #expect(wrong == 0 && BLASCore.name != "unknown")
    }
}

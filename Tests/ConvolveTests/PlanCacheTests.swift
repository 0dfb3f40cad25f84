import Dispatch
import BenchCore
import Testing
@testable import Convolve

@Suite struct PlanCacheTests {
    /// Shapes no other test uses, so the per-shape counter sees only this test's calls. The
    /// bench's own tests run in this process and empty the cache after timing a case; a
    /// round during which that happened says nothing and is run again.
    @Test func secondCallOfTheSameShapeCreatesNoPlan() throws {
        let x = Tensor<Float>.from([37, 41], (0..<(37 * 41)).map { Double($0 % 13) })
        let k = Tensor<Float>.from([5, 5], (0..<25).map { Double($0) })
        let extents = try FFTPath.transformExtent(.signal(inputShape: [37, 41], kernelShape: [5, 5], mode: .full,
                                                          semantics: .convolution))
        #expect(extents == [48, 50])
        #expect(FFTPlanCache.shared.plansCreated(extents: extents) == 0)
        // Untiled, so the transforms are of `extents` (auto would tile even this small a
        // problem into paired 48 × 16 frames).
        let whole = ConvolutionOptions(fftTiling: .whole)
        for round in 0..<20 {
            let clears = FFTPlanCache.shared.clears
            let before = FFTPlanCache.shared.plansCreated(extents: extents)
            let first = try convolve(x, k, method: .fft, options: whole)
            let afterFirst = FFTPlanCache.shared.plansCreated(extents: extents)
            let second = try convolve(x, k, method: .fft, options: whole)
            let afterSecond = FFTPlanCache.shared.plansCreated(extents: extents)
            _ = try correlate(x, k, method: .fft, options: whole)  // same transform size, same plans
            let afterCorrelation = FFTPlanCache.shared.plansCreated(extents: extents)
            guard FFTPlanCache.shared.clears == clears else { continue }
            // Forward and inverse on the first call (a later round may find them cached again).
            #expect(round == 0 ? afterFirst - before == 2 : afterFirst - before <= 2)
            #expect(afterSecond == afterFirst && afterCorrelation == afterFirst)
            #expect(first == second)
            return
        }
        Issue.record("the plan cache was emptied during every one of 20 rounds")
    }

    /// 8 threads × many calls of mixed shapes, paths and precisions give exactly the
    /// results of the same calls made one at a time.
    @Test func concurrentCallsMatchSequentialResults() throws {
        struct Call: Sendable { let x: [Int]; let k: [Int]; let mode: Mode; let method: Method }
        let calls: [Call] = [
            Call(x: [300], k: [17], mode: .same, method: .fft), Call(x: [40, 33], k: [7, 5], mode: .full, method: .fft),
            Call(x: [12, 10, 9], k: [3, 4, 2], mode: .valid, method: .fft), Call(x: [64, 64], k: [9, 9], mode: .same, method: .gemm),
            Call(x: [500], k: [31], mode: .full, method: .direct), Call(x: [33, 31], k: [6, 6], mode: .same, method: .auto),
            Call(x: [77, 50], k: [20, 25], mode: .same, method: .fft), Call(x: [20, 20, 20], k: [5, 5, 5], mode: .same, method: .gemm),
        ]
        @Sendable func run(_ call: Call, _ seed: Int) throws -> ([Float], [Double]) {
            var random = SeededRandom(seed: UInt64(seed))
            let xv = random.values(call.x.reduce(1, *)), kv = random.values(call.k.reduce(1, *))
            let f = try convolve(Tensor<Float>.from(call.x, xv), .from(call.k, kv), mode: call.mode, method: call.method)
            let d = try correlate(Tensor<Double>.from(call.x, xv), .from(call.k, kv), mode: call.mode, method: call.method)
            return (f.elements, d.elements)
        }
        let sequential = try calls.indices.map { try run(calls[$0], $0) }
        let rounds = 6
        let mismatches = Mutex(0), failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<rounds {
                for offset in calls.indices {
                    let i = (offset + thread + round) % calls.count
                    do {
                        let result = try run(calls[i], i)
                        if result != sequential[i] { mismatches.withLock { $0 += 1 } }
                    } catch {
                        failures.withLock { $0 += 1 }
                    }
                }
            }
        }
        #expect(mismatches.withLock { $0 } == 0)
        #expect(failures.withLock { $0 } == 0)
    }
}

import Synchronization

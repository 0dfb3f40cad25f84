import Dispatch
import Foundation
import Synchronization

/// Helper threads for ``Parallel/run(workers:_:)`` that spin for a while after each
/// parallel loop instead of parking at once, so the next loop (the next phase of a call,
/// or the next call) starts on all workers without a thread wake-up. On the development
/// machine, a virtual machine, a processor left idle for a couple of milliseconds woke
/// 0.1–0.7 ms late (median; `DispatchQueue.concurrentPerform` of two 1 ms spins after a
/// 2 ms pause), against the 2–6 ms a parallel call takes.
///
/// One loop at a time uses the pool: the caller runs worker 0 itself and helper `i`
/// worker `i`; a second caller meanwhile, a loop nested inside a worker, or more workers
/// than processors get `false` from ``run(workers:_:)`` and go to `concurrentPerform`
/// instead, so nothing waits on the pool. Helpers are made when first needed and live
/// with the process; after ``spinNanoseconds`` without work they block on a semaphore, and
/// while they spin they yield the processor to any other thread that wants it.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// How long a helper keeps looking for the next loop before it blocks.
    static let spinNanoseconds: UInt64 = 2_000_000

    private let busy = Atomic<Bool>(false)
    private let finished = Atomic<Int>(0)
    /// The running loop's body; written by the caller that holds `busy` before it starts
    /// the helpers (a releasing store of their generation), read by them after (acquiring).
    private nonisolated(unsafe) var body: ((Int) -> Void)?
    /// Touched only by the caller that holds `busy`.
    private nonisolated(unsafe) var helpers: [Helper] = []
    private let processors = ProcessInfo.processInfo.activeProcessorCount

    /// Runs `body(w)` for `w` in `0..<workers` on the caller and `workers − 1` helpers and
    /// returns true when all have returned; returns false at once, running nothing, when
    /// the pool is in use or `workers` exceeds the processors.
    func run(workers: Int, _ body: (Int) -> Void) -> Bool {
        guard workers > 1, workers <= processors,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        while helpers.count < workers - 1 { helpers.append(Helper(pool: self, worker: helpers.count + 1)) }
        withoutActuallyEscaping(body) { body in
            self.body = body
            finished.store(0, ordering: .relaxed)
            for helper in helpers[0..<(workers - 1)] { helper.start() }
            body(0)
            var spins = 0
            while finished.load(ordering: .acquiring) < workers - 1 {
                spins += 1
                if spins % 256 == 0 { sched_yield() }
            }
            self.body = nil
        }
        return true
    }

    /// One helper thread: it runs worker `worker` of each loop it is started for.
    private final class Helper: @unchecked Sendable {
        let worker: Int
        unowned let pool: WorkerPool
        /// Bumped once per loop this helper is to run.
        let generation = Atomic<Int>(0)
        /// True while the helper blocks (or is about to) on `wake`.
        let sleeping = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)

        init(pool: WorkerPool, worker: Int) {
            self.pool = pool
            self.worker = worker
            let thread = Thread { [self] in loop() }
            thread.name = "Convolve worker \(worker)"
            thread.start()
        }

        /// Hands this helper the pool's current body.
        func start() {
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
        }

        private func loop() -> Never {
            var seen = 0
            while true {
                let since = DispatchTime.now().uptimeNanoseconds
                var spins = 0
                while generation.load(ordering: .acquiring) == seen {
                    spins += 1
                    guard spins % 64 == 0 else { continue }
                    if DispatchTime.now().uptimeNanoseconds - since > WorkerPool.spinNanoseconds {
                        park(seen: seen)
                        break
                    }
                    // Polite: a thread that wants this processor (FFTW's or OpenBLAS's
                    // own, between our loops) runs first.
                    sched_yield()
                }
                seen = generation.load(ordering: .acquiring)
                pool.body!(worker)
                pool.finished.add(1, ordering: .releasing)
            }
        }

        /// Blocks until ``start()`` hands over a loop after `seen`. A start that comes
        /// between announcing the sleep and blocking either finds `sleeping` still set and
        /// signals, or was seen here, and the signal it sent (if any) is taken.
        private func park(seen: Int) {
            sleeping.store(true, ordering: .sequentiallyConsistent)
            if generation.load(ordering: .sequentiallyConsistent) != seen {
                if !sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.wait() }
                return
            }
            wake.wait()
        }
    }
}

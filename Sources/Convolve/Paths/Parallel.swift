import Dispatch
import Synchronization

/// The engine's own parallel loops: `workers` copies of a body, one per thread, taking
/// the items of their loop from their own share first, then from the others'
/// (``run(workers:items:_:)``). Paths that run them plan FFTW and call OpenBLAS with one
/// thread inside, so threads never nest.
enum Parallel {
    /// Calls `body(worker)` for `worker` in `0..<workers`, concurrently when `workers > 1`,
    /// and returns when all have finished: on the caller and the ``WorkerPool``'s spinning
    /// helpers, or through `concurrentPerform` when the pool is taken. The bodies share raw
    /// pointers, so the compiler cannot prove them `Sendable`: callers guarantee that
    /// workers write disjoint memory and only read what no worker writes.
    static func run(workers: Int, _ body: (Int) -> Void) {
        if workers <= 1 {
            body(0)
            return
        }
        if WorkerPool.shared.run(workers: workers, body) { return }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { shared.value($0) }
        }
    }

    /// Calls `body(worker, items)` as ``run(workers:_:)`` does, each worker iterating its
    /// view of the same ``Items`` of `0..<count`: each item goes to exactly one worker.
    /// Per-worker setup (scratch) goes before the loop over `items`.
    static func run(workers: Int, items count: Int, _ body: (_ worker: Int, _ items: Items) -> Void) {
        let shares = Items.Shares(count, workers: max(1, workers))
        run(workers: workers) { body($0, Items(shares: shares, worker: $0)) }
    }

    /// One worker's view of the items `0..<count` of a loop: the items are split into one
    /// contiguous share per worker, and a worker takes its own share from the front, then
    /// what is left of the others' (from the same counters, so every item comes out once).
    /// Unhindered, each worker computes the same contiguous items at every call, so what it
    /// wrote in one phase or call is in its own cache when it reads it in the next; a worker
    /// slowed by the machine (another tenant on its core) has the rest of its share taken
    /// by the others instead of holding up the call. On an AMD Zen 4, one counter for all
    /// items (worker after worker taking the next) had run c256@14² by Winograd on two
    /// threads in 1.06–1.10 ms; own shares first, 0.75–0.84 (release probe, medians of 15
    /// calls, the two ways alternating in one build). Which worker computes an item may still differ between
    /// calls, so loops over these items write disjoint outputs and keep only scratch per
    /// worker: results never depend on it.
    struct Items: Sequence, Sendable {
        /// The shares of one loop: worker `w`'s is `⌊w·count/W⌋ ..< ⌊(w+1)·count/W⌋`, each
        /// with the counter its items come out of.
        final class Shares: Sendable {
            let shares: [Share]

            init(_ count: Int, workers: Int) {
                shares = (0..<workers).map { Share(start: $0 * count / workers, end: ($0 + 1) * count / workers) }
            }
        }

        final class Share: Sendable {
            let end: Int
            let next: Atomic<Int>

            init(start: Int, end: Int) {
                self.end = end
                next = Atomic(start)
            }
        }

        let shares: Shares
        let worker: Int

        struct Iterator: IteratorProtocol {
            let shares: [Share]
            let first: Int
            var visited = 0

            mutating func next() -> Int? {
                while visited < shares.count {
                    let share = shares[(first + visited) % shares.count]
                    let item = share.next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if item < share.end { return item }
                    visited += 1
                }
                return nil
            }
        }

        func makeIterator() -> Iterator {
            Iterator(shares: shares.shares, first: worker % shares.shares.count)
        }
    }
}

/// A value handed to other threads under the caller's guarantee (see ``Parallel/run(workers:_:)``).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

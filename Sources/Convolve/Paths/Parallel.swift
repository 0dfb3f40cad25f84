import Dispatch
import Synchronization

/// The engine's own parallel loops: `workers` copies of a body, one per thread, taking
/// the items of their loop from one shared counter (``run(workers:items:_:)``). Paths that
/// run them plan FFTW and call OpenBLAS with one thread inside, so threads never nest.
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

    /// Calls `body(worker, items)` as ``run(workers:_:)`` does, every worker iterating the
    /// same ``Items`` of `0..<count`: each item goes to exactly one worker, whichever asks
    /// first. Per-worker setup (scratch) goes before the loop over `items`.
    static func run(workers: Int, items count: Int, _ body: (_ worker: Int, _ items: Items) -> Void) {
        let items = Items(count)
        run(workers: workers) { body($0, items) }
    }

    /// The items `0..<count` handed out one at a time to whichever worker asks next: every
    /// worker of one ``run(workers:items:_:)`` iterates the same value, and each item comes
    /// out once (a shared counter). A worker slowed by the machine (another tenant on its core)
    /// then takes fewer items instead of holding up the call with a fixed share. Which
    /// worker computes an item may differ between calls, so loops over these items write
    /// disjoint outputs and keep only scratch per worker: results never depend on it.
    final class Items: Sequence, Sendable {
        let count: Int
        private let next = Atomic<Int>(0)

        init(_ count: Int) { self.count = count }

        struct Iterator: IteratorProtocol {
            let items: Items
            mutating func next() -> Int? {
                let item = items.next.wrappingAdd(1, ordering: .relaxed).oldValue
                return item < items.count ? item : nil
            }
        }

        func makeIterator() -> Iterator { Iterator(items: self) }
    }
}

/// A value handed to other threads under the caller's guarantee (see ``Parallel/run(workers:_:)``).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

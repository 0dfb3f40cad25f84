import Dispatch
import Synchronization

/// The engine's own parallel loops: `workers` copies of a body, one per thread, each
/// taking every `workers`-th item of its loop (``share(_:worker:of:)``), or the next item
/// not yet taken (``Items``: the paths' main loops, over rows, bands, slabs and tiles).
/// Paths that run them plan FFTW and call OpenBLAS with one thread inside, so threads
/// never nest.
enum Parallel {
    /// Calls `body(worker)` for `worker` in `0..<workers`, concurrently when `workers > 1`,
    /// and returns when all have finished. The bodies share raw pointers, so the compiler
    /// cannot prove them `Sendable`: callers guarantee that workers write disjoint memory
    /// and only read what no worker writes.
    static func run(workers: Int, _ body: (Int) -> Void) {
        if workers <= 1 {
            body(0)
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { shared.value($0) }
        }
    }

    /// `items` split round-robin: the indices worker `worker` of `workers` handles.
    static func share(_ items: Int, worker: Int, of workers: Int) -> StrideTo<Int> {
        stride(from: worker, to: items, by: workers)
    }

    /// The items `0..<count` handed out one at a time to whichever worker asks next: every
    /// worker of one ``run(workers:_:)`` iterates the same value, and each item comes out
    /// once (a shared counter). A worker slowed by the machine (another tenant on its core)
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

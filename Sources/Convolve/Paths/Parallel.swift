import Dispatch

/// The engine's own parallel loops: `workers` copies of a body, one per thread, each
/// taking every `workers`-th item of its loop. Paths that run them plan FFTW and call
/// OpenBLAS with one thread inside, so threads never nest.
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
}

/// A value handed to other threads under the caller's guarantee (see ``Parallel/run(workers:_:)``).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

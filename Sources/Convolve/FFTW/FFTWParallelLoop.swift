import CFFTW
import Foundation

/// FFTW's multi-threaded plans run their jobs on the engine's workers
/// (`fftw_threads_set_callback`, FFTW ≥ 3.3.9), not on FFTW's own thread pool: one pool of
/// threads for the engine's loops and FFTW's (the FFT path's large untiled transforms,
/// ``FFTPath/threading(_:layout:threads:)``), under one thread setting, instead of FFTW's
/// threads waking beside the engine's spinning helpers (``WorkerPool``). Speed is the same
/// (3-D 128³ ∗ 7³ by FFT, whose transforms use FFTW's threads, 1 → 2 threads: 16.0–16.3 →
/// 8.1–8.3 ms with either pool; release probe, AMD EPYC Zen 3, 2 cores).
///
/// FFTW calls the loop with `njobs` jobs of `elsize` bytes each at `jobdata`, to be run by
/// `work(jobdata + i·elsize)` for every `i < njobs`, in any order and on any threads, and
/// returns when all have run; here they are the items of one ``Parallel/run(workers:items:_:)``
/// on at most as many workers as processors (the pool taken, as when a threaded plan runs
/// inside another loop, they go through `concurrentPerform`).
enum FFTWParallelLoop {
    /// The callback both precisions install right after `fftw_init_threads`.
    static let callback: @convention(c) (
        (@convention(c) (UnsafeMutablePointer<CChar>?) -> UnsafeMutableRawPointer?)?,
        UnsafeMutablePointer<CChar>?, Int, Int32, UnsafeMutableRawPointer?
    ) -> Void = { work, jobs, size, count, _ in
        guard let work, count > 0 else { return }
        let workers = min(Int(count), processors)
        Parallel.run(workers: workers, items: Int(count)) { _, items in
            for i in items { _ = work(jobs.map { $0 + i * size }) }
        }
    }

    private static let processors = ProcessInfo.processInfo.activeProcessorCount
}

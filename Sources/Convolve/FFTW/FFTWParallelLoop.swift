import CFFTW
import Foundation

/// FFTW's multi-threaded plans run their jobs on the engine's workers
/// (`fftw_threads_set_callback`, FFTW ≥ 3.3.9), not on FFTW's own thread pool.
///
/// With two pools, the engine's helpers (which spin for a while after each loop,
/// ``WorkerPool``) kept the second processor busy when a threaded transform woke FFTW's
/// thread, so the scheduler queued that thread behind the caller on the first processor and
/// the transform ran on one: a release probe of 2-D 1024² ∗ 31² by FFT at two threads read
/// the one-thread time (4.1–4.4 ms) for its first 20–30 calls, then 2.5 ms once the
/// scheduler had moved the thread (AMD EPYC Zen 3, 2 cores). One pool serves all of them.
///
/// FFTW calls the loop with `njobs` jobs of `elsize` bytes each at `jobdata`, to be run by
/// `work(jobdata + i·elsize)` for every `i < njobs`, in any order and on any threads, and
/// returns when all have run; here they are the items of one ``Parallel/run(workers:items:_:)``
/// on at most as many workers as processors.
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

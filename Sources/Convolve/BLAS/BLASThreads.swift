import CBLAS

/// OpenBLAS's own thread pool (`openblas_set_num_threads` / `openblas_get_num_threads`).
enum BLASThreads {
    /// The number of threads OpenBLAS uses for one call.
    static var current: Int {
        _ = BLASCore.name  // its kernels chosen before anything else touches OpenBLAS
        return Int(openblas_get_num_threads())
    }

    /// Sets OpenBLAS's thread count for every later call, process-wide.
    static func set(_ threads: Int) {
        _ = BLASCore.name
        openblas_set_num_threads(Int32(max(1, threads)))
    }
}

import CFFTW
#if canImport(Glibc)
import Glibc
#endif

/// Binds `Double` to FFTW's double-precision interface (`fftw_*`, library `fftw3`).
extension Double: FFTWScalar {
    nonisolated(unsafe) private static var threadsInitialised = false

    public static func fftwAllocate(count: Int) -> UnsafeMutablePointer<Double> {
        guard let raw = fftw_malloc(max(1, count) * MemoryLayout<Double>.stride) else {
            fatalError("fftw_malloc(\(count) elements) failed: out of memory")
        }
        return raw.bindMemory(to: Double.self, capacity: max(1, count))
    }

    public static func fftwFree(_ pointer: UnsafeMutablePointer<Double>) {
        fftw_free(pointer)
    }

    public static func fftwSetPlannerThreads(_ threads: Int) {
        if !threadsInitialised {
            threadsInitialised = fftw_init_threads() != 0
            if threadsInitialised { fftw_threads_set_callback(FFTWParallelLoop.callback, nil) }
        }
        if threadsInitialised { fftw_plan_with_nthreads(Int32(max(1, threads))) }
    }

    public static func fftwPlanR2C(extents: [Int32], real: UnsafeMutablePointer<Double>,
                                   complex: UnsafeMutablePointer<Double>, flags: UInt32) -> OpaquePointer? {
        complex.withMemoryRebound(to: fftw_complex.self, capacity: 1) { c in
            fftw_plan_dft_r2c(Int32(extents.count), extents, real, c, flags)
        }
    }

    public static func fftwPlanC2R(extents: [Int32], complex: UnsafeMutablePointer<Double>,
                                   real: UnsafeMutablePointer<Double>, flags: UInt32) -> OpaquePointer? {
        complex.withMemoryRebound(to: fftw_complex.self, capacity: 1) { c in
            fftw_plan_dft_c2r(Int32(extents.count), extents, c, real, flags)
        }
    }

    public static func fftwExecuteR2C(_ plan: OpaquePointer, real: UnsafeMutablePointer<Double>,
                                      complex: UnsafeMutablePointer<Double>) {
        complex.withMemoryRebound(to: fftw_complex.self, capacity: 1) { c in
            fftw_execute_dft_r2c(plan, real, c)
        }
    }

    public static func fftwExecuteC2R(_ plan: OpaquePointer, complex: UnsafeMutablePointer<Double>,
                                      real: UnsafeMutablePointer<Double>) {
        complex.withMemoryRebound(to: fftw_complex.self, capacity: 1) { c in
            fftw_execute_dft_c2r(plan, c, real)
        }
    }

    public static func fftwPlanDFT(extents: [Int32], input: UnsafeMutablePointer<Double>,
                                   output: UnsafeMutablePointer<Double>, sign: Int32, flags: UInt32) -> OpaquePointer? {
        input.withMemoryRebound(to: fftw_complex.self, capacity: 1) { i in
            output.withMemoryRebound(to: fftw_complex.self, capacity: 1) { o in
                fftw_plan_dft(Int32(extents.count), extents, i, o, sign, flags)
            }
        }
    }

    public static func fftwPlanRowsDFT(length: Int32, count: Int32, distance: Int32,
                                       input: UnsafeMutablePointer<Double>, output: UnsafeMutablePointer<Double>,
                                       sign: Int32, flags: UInt32) -> OpaquePointer? {
        input.withMemoryRebound(to: fftw_complex.self, capacity: 1) { i in
            output.withMemoryRebound(to: fftw_complex.self, capacity: 1) { o in
                withUnsafePointer(to: length) { n in
                    fftw_plan_many_dft(1, n, count, i, nil, 1, distance, o, nil, 1, distance, sign, flags)
                }
            }
        }
    }

    public static func fftwExecuteDFT(_ plan: OpaquePointer, input: UnsafeMutablePointer<Double>,
                                      output: UnsafeMutablePointer<Double>) {
        input.withMemoryRebound(to: fftw_complex.self, capacity: 1) { i in
            output.withMemoryRebound(to: fftw_complex.self, capacity: 1) { o in
                fftw_execute_dft(plan, i, o)
            }
        }
    }

    public static func fftwDestroyPlan(_ plan: OpaquePointer) {
        fftw_destroy_plan(plan)
    }

    public static func fftwExportWisdom() -> String {
        guard let text = fftw_export_wisdom_to_string() else { return "" }
        defer { free(text) }
        return String(cString: text)
    }

    public static func fftwImportWisdom(_ text: String) -> Bool {
        fftw_import_wisdom_from_string(text) != 0
    }

    public static func fftwForgetWisdom() {
        fftw_forget_wisdom()
    }
}

import CFFTW
#if canImport(Glibc)
import Glibc
#endif

/// Binds `Float` to FFTW's single-precision interface (`fftwf_*`, library `fftw3f`).
extension Float: FFTWScalar {
    nonisolated(unsafe) private static var threadsInitialised = false

    public static func fftwAllocate(count: Int) -> UnsafeMutablePointer<Float> {
        guard let raw = fftwf_malloc(max(1, count) * MemoryLayout<Float>.stride) else {
            fatalError("fftwf_malloc(\(count) elements) failed: out of memory")
        }
        return raw.bindMemory(to: Float.self, capacity: max(1, count))
    }

    public static func fftwFree(_ pointer: UnsafeMutablePointer<Float>) {
        fftwf_free(pointer)
    }

    public static func fftwSetPlannerThreads(_ threads: Int) {
        if !threadsInitialised {
            threadsInitialised = fftwf_init_threads() != 0
            if threadsInitialised { fftwf_threads_set_callback(FFTWParallelLoop.callback, nil) }
        }
        if threadsInitialised { fftwf_plan_with_nthreads(Int32(max(1, threads))) }
    }

    public static func fftwPlanR2C(extents: [Int32], real: UnsafeMutablePointer<Float>,
                                   complex: UnsafeMutablePointer<Float>, flags: UInt32) -> OpaquePointer? {
        complex.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { c in
            fftwf_plan_dft_r2c(Int32(extents.count), extents, real, c, flags)
        }
    }

    public static func fftwPlanC2R(extents: [Int32], complex: UnsafeMutablePointer<Float>,
                                   real: UnsafeMutablePointer<Float>, flags: UInt32) -> OpaquePointer? {
        complex.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { c in
            fftwf_plan_dft_c2r(Int32(extents.count), extents, c, real, flags)
        }
    }

    public static func fftwExecuteR2C(_ plan: OpaquePointer, real: UnsafeMutablePointer<Float>,
                                      complex: UnsafeMutablePointer<Float>) {
        complex.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { c in
            fftwf_execute_dft_r2c(plan, real, c)
        }
    }

    public static func fftwExecuteC2R(_ plan: OpaquePointer, complex: UnsafeMutablePointer<Float>,
                                      real: UnsafeMutablePointer<Float>) {
        complex.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { c in
            fftwf_execute_dft_c2r(plan, c, real)
        }
    }

    public static func fftwPlanDFT(extents: [Int32], input: UnsafeMutablePointer<Float>,
                                   output: UnsafeMutablePointer<Float>, sign: Int32, flags: UInt32) -> OpaquePointer? {
        input.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { i in
            output.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { o in
                fftwf_plan_dft(Int32(extents.count), extents, i, o, sign, flags)
            }
        }
    }

    public static func fftwPlanRowsDFT(length: Int32, count: Int32, distance: Int32,
                                       input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
                                       sign: Int32, flags: UInt32) -> OpaquePointer? {
        input.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { i in
            output.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { o in
                withUnsafePointer(to: length) { n in
                    fftwf_plan_many_dft(1, n, count, i, nil, 1, distance, o, nil, 1, distance, sign, flags)
                }
            }
        }
    }

    public static func fftwExecuteDFT(_ plan: OpaquePointer, input: UnsafeMutablePointer<Float>,
                                      output: UnsafeMutablePointer<Float>) {
        input.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { i in
            output.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { o in
                fftwf_execute_dft(plan, i, o)
            }
        }
    }

    public static func fftwDestroyPlan(_ plan: OpaquePointer) {
        fftwf_destroy_plan(plan)
    }

    public static func fftwExportWisdom() -> String {
        guard let text = fftwf_export_wisdom_to_string() else { return "" }
        defer { free(text) }
        return String(cString: text)
    }

    public static func fftwImportWisdom(_ text: String) -> Bool {
        fftwf_import_wisdom_from_string(text) != 0
    }

    public static func fftwForgetWisdom() {
        fftwf_forget_wisdom()
    }
}

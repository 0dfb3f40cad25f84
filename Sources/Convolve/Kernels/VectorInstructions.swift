import Foundation

/// Which compiled form of the vector kernels runs (the direct path's row kernel, template
/// matching's window statistics): the Swift loops, or their AVX2 (+ FMA) forms in C
/// (`CVectorKernels`, dispatched at run time).
enum VectorInstructions: String, Sendable {
    /// The Swift `SIMD` loops, baseline x86-64 (SSE2) or whatever the target is.
    case portable
    /// `CVectorKernels`: AVX2 + FMA.
    case avx2FMA = "avx2+fma"

    /// AVX2 + FMA where the processor runs them, unless the environment variable
    /// `CONVOLVE_KERNELS` is `portable` (read once, at first use).
    static let detected: VectorInstructions = {
        if let forced = getenv("CONVOLVE_KERNELS"), String(cString: forced) == "portable" { return .portable }
        return VectorDirectRows.available ? .avx2FMA : .portable
    }()
}

/// The compiled form of the vector kernels this process runs: `avx2+fma` where the
/// processor has them, else `portable` (also when the environment variable
/// `CONVOLVE_KERNELS` is `portable`).
public var vectorKernelInstructions: String { VectorInstructions.detected.rawValue }

/// The element types every path computes in: `Float` and `Double`.
///
/// A path is written once, generically over this protocol; each scalar type binds its
/// FFTW, BLAS and vector-kernel entry points in its own conformance file
/// (`FFTW/Float+FFTW.swift`, `BLAS/Double+BLAS.swift`, `Kernels/Float+VectorKernel.swift`, …), so no path tests which type it was given.
public protocol ConvolveScalar: FFTWScalar, BLASScalar, VectorKernelScalar, TileLane, SIMDScalar, Codable, Sendable, CustomStringConvertible {
    /// The name used in messages and bench output: `float32` or `float64`.
    static var dtypeName: String { get }
}

extension Float: ConvolveScalar {
    public static var dtypeName: String { "float32" }
}

extension Double: ConvolveScalar {
    public static var dtypeName: String { "float64" }
}

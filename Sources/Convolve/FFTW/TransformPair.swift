/// FFTW's own real-to-complex and complex-to-real transforms of one size, with nothing
/// around them: the floor the FFT path is measured against (`bench` times ``run()``).
/// Uses the same cached plans and aligned buffers as the FFT path.
public final class TransformPair<T: ConvolveScalar> {
    public let extents: [Int]
    private let forward: FFTPlan<T>
    private let inverse: FFTPlan<T>
    private let real: FFTWBuffer<T>
    private let complex: FFTWBuffer<T>

    /// Plans (or reuses plans for) transforms of `extents` at `threads` threads, with
    /// `planning`'s rigor.
    /// - Throws: ``ConvolutionError`` for empty, negative or too large extents.
    public init(extents: [Int], threads: Int = 1, planning: FFTPlanning = .estimate) throws(ConvolutionError) {
        guard (1...3).contains(extents.count) else {
            throw .unsupportedRank(argument: "extents", rank: extents.count, allowed: 1...3)
        }
        for (axis, n) in extents.enumerated() where n < 1 { throw .emptyAxis(argument: "extents", axis: axis) }
        let count = try Shape.elementCount(extents, argument: "extents")
        guard threads >= 1 else { throw .invalidThreadCount(threads) }
        self.extents = extents
        forward = FFTPlanCache.shared.plan(T.self, extents: extents, direction: .realToComplex, threads: threads,
                                             planning: planning)
        inverse = FFTPlanCache.shared.plan(T.self, extents: extents, direction: .complexToReal, threads: threads,
                                             planning: planning)
        real = FFTWBuffer(count: count)
        complex = FFTWBuffer(count: 2 * count / extents.last! * (extents.last! / 2 + 1))
        // Zeros: FFTW does the same work on any values, and repeated unnormalised round
        // trips of anything else would grow by ∏extents per run until they overflow.
        real.pointer.update(repeating: 0, count: count)
    }

    /// One forward and one inverse transform.
    public func run() {
        forward.forward(real.pointer, complex.pointer)
        inverse.inverse(complex.pointer, real.pointer)
    }
}

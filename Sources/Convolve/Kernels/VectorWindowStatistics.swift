import CVectorKernels

/// Template matching's window statistics compiled for AVX2 (`CVectorKernels`,
/// `WindowStatistics.c`): the running column sums and prefix sums of ``WindowSums`` and the
/// `Float` scores of ``ZNCCRows``, with four `Double` lanes per instruction where Swift's
/// baseline code has two. Each performs the Swift loop's operations in its order without
/// fused multiply-adds, so both forms give the same bits (`WindowSumsTests`). Called only
/// where ``VectorInstructions/detected`` is `.avx2FMA`.
enum VectorWindowStatistics {
    /// ``WindowSums``'s prefix sums of `c` into `p` and, when given, of `c2` into `p2` (one
    /// loop: eight independent chains of additions instead of four).
    static func prefix(_ c: UnsafePointer<Double>, _ c2: UnsafePointer<Double>?, length: Int,
                       into p: UnsafeMutablePointer<Double>, _ p2: UnsafeMutablePointer<Double>?) {
        convolve_prefix_quarters(c, c2, length, p, p2)
    }

    /// ``ZNCCRows``'s `Float` scores of one row; the arguments are its.
    static func znccRow(squares: UnsafePointer<Double>, sums: UnsafePointer<Double>, w: Int, count: Int,
                        inverseN: Double, perSquare: Double, slope: Double, base: Double, inverseTotal: Double,
                        scale: Float, scores: UnsafeMutablePointer<Float>) {
        var row = ConvolveZNCCRow(squares: squares, sums: sums, w: w, count: count, inverse_n: inverseN,
                                  per_square: perSquare, slope: slope, base: base, inverse_total: inverseTotal,
                                  scale: scale, scores: scores)
        convolve_zncc_row_f32_avx2(&row)
    }
}

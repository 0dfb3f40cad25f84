import Testing
@testable import Convolve

/// The textbook 5×5 Gaussian (1 4 7 4 1 / 4 16 26 16 4 / 7 26 41 26 7 / … ) / 273.
@Suite struct GaussianTests {
    static let weights: [Double] = [1, 4, 7, 4, 1, 4, 16, 26, 16, 4, 7, 26, 41, 26, 7,
                                    4, 16, 26, 16, 4, 1, 4, 7, 4, 1].map { $0 / 273 }

    @Test(arguments: [Method.direct, .gemm, .fft, .auto])
    func stepEdgeBecomesMonotoneRamp(_ method: Method) throws {
        let (rows, columns, edge) = (12, 20, 10)
        let image = Tensor<Float>.from([rows, columns], (0..<(rows * columns)).map { $0 % columns >= edge ? 1 : 0 })
        let blurred = try convolve(image, .from([5, 5], Self.weights), mode: .same, boundary: .edge, method: method)
        let tolerance: Float = 1e-6
        for r in 0..<rows {
            let row = (0..<columns).map { blurred[r, $0] }
            for c in 1..<columns { #expect(row[c] >= row[c - 1] - tolerance, "row \(r) not monotone at \(c)") }
            // Flat far from the edge, a strictly rising ramp over the kernel's reach.
            for c in 0..<(edge - 2) { #expect(abs(row[c]) <= tolerance, "row \(r), column \(c)") }
            for c in (edge + 2)..<columns { #expect(abs(row[c] - 1) <= tolerance, "row \(r), column \(c)") }
            for c in (edge - 2)...(edge + 2) { #expect(row[c] > row[c - 1] + 0.01, "row \(r) ramp at \(c)") }
            // Column sums of the kernel are 17, 66, 107, 66, 17; cumulated: 17, 83, 190, 256 (/273).
            #expect(abs(row[edge - 2] - 17 / 273) <= tolerance && abs(row[edge - 1] - 83 / 273) <= tolerance)
            #expect(abs(row[edge] - 190 / 273) <= tolerance && abs(row[edge + 1] - 256 / 273) <= tolerance)
        }
    }

    @Test(arguments: [Method.direct, .gemm, .fft, .auto])
    func constantImageStaysConstantAwayFromBorder(_ method: Method) throws {
        let value = 0.37
        let image = Tensor<Double>.from([16, 18], Array(repeating: value, count: 16 * 18))
        let blurred = try convolve(image, .from([5, 5], Self.weights), mode: .same, method: method)
        for r in 2..<14 {
            for c in 2..<16 { #expect(abs(blurred[r, c] - value) <= 1e-14, "(\(r), \(c))") }
        }
        // With zero padding the border darkens: the corner sees only the 3×3 quarter (41+26+26+16·… )/273.
        #expect(blurred[0, 0] < value * 0.6)
    }
}

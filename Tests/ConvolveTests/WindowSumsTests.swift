import BenchCore
import Testing
@testable import Convolve

/// The running window sums behind template matching: every window's `Σ I` and `Σ I²`
/// within the rounding bound they state, against compensated (Neumaier) sums of the
/// window itself; and the bound small enough to matter.
@Suite struct WindowSumsTests {
    /// Noise in [−1, 1] with a bright block (×10⁴) and a flat dark band: the cancellations
    /// the running sums must survive.
    static func image(_ height: Int, _ width: Int) -> [Double] {
        var random = SeededRandom(seed: stableSeed("window sums \(height)×\(width)"))
        var image = (0..<(height * width)).map { _ in Double.random(in: -1...1, using: &random) }
        for y in 0..<height {
            for x in 0..<width {
                if (height / 4..<height / 2).contains(y), (width / 3..<width / 2).contains(x) { image[y * width + x] *= 1e4 }
                if y >= 3 * height / 4 { image[y * width + x] = 0.25 }
            }
        }
        return image
    }

    /// Neumaier's compensated sum: exact to about one rounding of the result.
    static func compensatedSum(_ values: some Sequence<Double>) -> Double {
        var (sum, compensation) = (0.0, 0.0)
        for v in values {
            let t = sum + v
            compensation += abs(sum) >= abs(v) ? (sum - t) + v : (v - t) + sum
            sum = t
        }
        return sum + compensation
    }

    /// Checks every window of a `height × width` image; returns the largest `Σ I²` bound.
    func check<T: ConvolveScalar>(_: T.Type, height: Int, width: Int, h: Int, w: Int) -> Double {
        let image = Self.image(height, width).map { T($0) }
        let pixels = image.map { Double($0) }
        var largestBound = 0.0
        image.withUnsafeBufferPointer { buffer in
            WorkspacePool.withBuffer(Double.self, count: WindowSums<T>.scratchCount(width: width)) { scratch in
                var windows = WindowSums(buffer.baseAddress!, height: height, width: width, h: h, w: w, sums: true,
                                         scratch: scratch)
                for y in 0...(height - h) {
                    windows.advance()
                    let (eq, es) = windows.errors
                    largestBound = max(largestBound, eq)
                    for x in 0...(width - w) {
                        let window = (y..<(y + h)).flatMap { r in (x..<(x + w)).map { pixels[r * width + $0] } }
                        let q = Self.compensatedSum(window.map { $0 * $0 }), s = Self.compensatedSum(window)
                        let dq = abs(windows.squaresOfWindow(x) - q)
                        let ds = abs((windows.sums![x + w] - windows.sums![x]) - s)
                        #expect(dq <= eq, "Σ I² at \(y), \(x): off by \(dq), bound \(eq)")
                        #expect(ds <= es, "Σ I at \(y), \(x): off by \(ds), bound \(es)")
                    }
                }
            }
        }
        return largestBound
    }

    @Test(arguments: [(1, 1), (5, 7), (16, 3), (9, 40)])
    func everyWindowSumIsWithinItsBound(_ size: (Int, Int)) {
        for (height, width) in [(48, 45), (37, 130)] {
            _ = check(Float.self, height: height, width: width, h: size.0, w: size.1)
            let bound = check(Double.self, height: height, width: width, h: size.0, w: size.1)
            // Useful as a flatness threshold: far below any real window's variance.
            let total = Self.image(height, width).reduce(0) { $0 + $1 * $1 }
            #expect(bound < 1e-11 * total)
        }
    }

    @Test func wholeImageWindowIsItsTotal() {
        let (height, width) = (20, 33)
        let image = Self.image(height, width)
        image.withUnsafeBufferPointer { buffer in
            WorkspacePool.withBuffer(Double.self, count: WindowSums<Double>.scratchCount(width: width)) { scratch in
                var windows = WindowSums(buffer.baseAddress!, height: height, width: width, h: height, w: width,
                                         sums: false, scratch: scratch)
                windows.advance()
                let exact = Self.compensatedSum(image.map { $0 * $0 })
                #expect(abs(windows.squaresOfWindow(0) - exact) <= windows.errors.squares)
                #expect(abs(windows.totalSquares - exact) <= 1e-12 * exact)
            }
        }
    }

    /// Every row's prefix sums, bounds and ZNCC scores from the Swift loops and from their
    /// AVX2 form (`WindowStatistics.c`), for widths and output rows that end inside a
    /// vector: the same bits (both promise the same operations in the same order).
    @Test(arguments: [(1, 1), (3, 5), (8, 17), (13, 4)])
    func bothCompiledFormsGiveTheSameBits(_ template: (Int, Int)) {
        guard VectorDirectRows.avx2Available else { return }  // this processor runs only the portable form
        // 1043 columns: rows of scores that cross the AVX2 form's 512-score chunks.
        for (height, width) in [(29, 45), (21, 64), (17, 131), (14, 1043)] {
            func run<T: ConvolveScalar>(_: T.Type, _ instructions: VectorInstructions) -> [[Double]] {
                let image = Self.image(height, width).map { T($0) }
                let (h, w) = template, count = width - w + 1
                let correlation = (0..<count).map { T(Double($0 % 7) - 3) }
                var rows: [[Double]] = []
                image.withUnsafeBufferPointer { buffer in
                    let n = WindowSums<T>.scratchCount(width: width)
                    WorkspacePool.withBuffer(Double.self, count: n + count) { scratch in
                        var windows = WindowSums(buffer.baseAddress!, height: height, width: width, h: h, w: w,
                                                 sums: true, scratch: scratch, instructions: instructions)
                        let zncc = ZNCCRows(count: count, n: Double(h * w), tVariance: 0.75, flat: 1e-12)
                        for _ in 0...(height - h) {
                            windows.advance()
                            var scores = correlation
                            scores.withUnsafeMutableBufferPointer {
                                zncc.scores($0.baseAddress!, windows: windows, scratch: scratch + n)
                            }
                            rows.append(Array(UnsafeBufferPointer(start: windows.squares, count: width + 1))
                                        + Array(UnsafeBufferPointer(start: windows.sums!, count: width + 1))
                                        + [windows.errors.squares, windows.errors.sums, windows.totalSquares]
                                        + scores.map { Double($0) })
                        }
                    }
                }
                return rows
            }
            for (portable, vector) in [(run(Float.self, .portable), run(Float.self, .avx2FMA)),
                                       (run(Double.self, .portable), run(Double.self, .avx2FMA))] {
                #expect(portable.count == vector.count)
                for (y, (a, b)) in zip(portable, vector).enumerated() {
                    let differing = zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
                    #expect(differing == 0, "\(height)×\(width), template \(template), row \(y): \(differing) values differ")
                }
            }
        }
    }
}

import BenchCore
import Testing
@testable import Convolve

/// The GEMM path's workers share a call by whole units, by output positions or by output
/// channels (``GEMMSplit``); however it is shared, every output is computed once and the
/// result is the one-thread result within the path's bound.
@Suite struct GEMMSplitTests {
    static func layer(_ input: [Int], _ weight: [Int], padding: Int = 0, stride: Int = 1, groups: Int = 1)
        throws -> ConvolutionGeometry {
        try .layer(inputShape: input, weightShape: weight, stride: [stride], padding: .symmetric([padding]), groups: groups)
    }

    /// Each geometry with the share two workers take, im2col and pointwise.
    static let cases: [(ConvolutionGeometry, GEMMSplit.Share)] = [
        (try! layer([3, 8, 20, 20], [16, 4, 3, 3], padding: 1, groups: 2), .units),
        (try! layer([1, 32, 24, 24], [8, 32, 3, 3], padding: 1), .columns),
        (try! layer([1, 64, 9, 9], [96, 64, 3, 3], padding: 1, stride: 2), .channels),
        (try! layer([4, 64, 16, 16], [32, 64, 1, 1]), .units),
        (try! layer([1, 96, 40, 40], [24, 96, 1, 1]), .columns),
        (try! layer([1, 256, 7, 7], [128, 256, 1, 1]), .channels),
        (try! .signal(inputShape: [300, 280], kernelShape: [9, 9], mode: .same, boundary: .reflect,
                      semantics: .convolution), .columns),
    ]

    @Test func twoWorkersTakeTheShareTheShapeCallsFor() {
        for (g, share) in Self.cases {
            let split = GEMMSplit(g, scalarSize: 8, threads: 2, workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget)
            #expect(split.workers == 2 && split.share == share, "\(g): \(split)")
            #expect(GEMMSplit(g, scalarSize: 8, threads: 1, workspaceBudget: 1 << 26).workers == 1)
        }
    }

    /// Pieces cover each (output channel, position) of a unit exactly once, and the columns
    /// buffers stay within the budget.
    @Test func piecesCoverEveryOutputOnceWithinTheBudget() {
        for (g, _) in Self.cases {
            for threads in [1, 2, 3, 5] {
                for budget in [1 << 12, 1 << 16, ConvolutionOptions.defaultWorkspaceBudget] {
                    let split = GEMMSplit(g, scalarSize: 8, threads: threads, workspaceBudget: budget)
                    #expect(split.workers >= 1 && split.workers <= threads)
                    if !GEMMPath.isPointwise(g) {
                        let columnBytes = GEMMPath.columnBytes(g, scalarSize: 8)
                        if columnBytes <= budget {
                            #expect(split.columnCopies * split.segment * columnBytes <= budget, "\(g) \(threads) \(budget)")
                        }
                    }
                    guard split.share != .units else { continue }
                    var covered = [Int](repeating: 0, count: split.outputChannels * split.positions)
                    for piece in 0..<split.pieces {
                        let (channels, positions) = split.range(piece)
                        if split.share == .columns { #expect(positions.count <= split.segment || GEMMPath.isPointwise(g)) }
                        for o in channels { for p in positions { covered[o * split.positions + p] += 1 } }
                    }
                    #expect(covered.allSatisfy { $0 == 1 }, "\(g) \(threads) \(budget)")
                }
            }
        }
    }

    /// The workers' products run on one OpenBLAS thread each, whatever the thread count
    /// was before: OpenBLAS's own pool never runs beside the engine's workers.
    @Test func openBLASRunsOnOneThreadAfterAParallelCall() throws {
        let (g, _) = Self.cases[1]
        let x = Tensor<Float>.from(g.inputShape, Array(repeating: 0.5, count: Shape.product(g.inputShape)))
        let k = Tensor<Float>.from(g.kernelShape, Array(repeating: 0.25, count: Shape.product(g.kernelShape)))
        BLASThreads.set(2)
        _ = try compute(g, input: x, kernel: k, method: .gemm, options: .init(threads: 2))
        #expect(BLASThreads.current == 1)
    }

    /// Threads and a budget of a few columns (many segments) change how the work is
    /// shared, never the result beyond the GEMM path's bound.
    @Test func everyShareGivesTheOneThreadResultWithinTheBound() throws {
        for (g, _) in Self.cases {
            var random = SeededRandom(seed: stableSeed("gemm split \(g)"))
            let x = Tensor<Double>.from(g.inputShape, random.values(Shape.product(g.inputShape)))
            let k = Tensor<Double>.from(g.kernelShape, random.values(Shape.product(g.kernelShape)))
            let reference = try compute(g, input: x, kernel: k, method: .reference)
            let bound = ErrorBound.maximumError(.gemm, g, input: x.elements, kernel: k.elements)
            let tight = 7 * GEMMPath.columnBytes(g, scalarSize: 8)
            for threads in [1, 2, 3] {
                for budget in [ConvolutionOptions.defaultWorkspaceBudget, tight] {
                    let options = ConvolutionOptions(threads: threads, workspaceBudget: budget)
                    let y = try compute(g, input: x, kernel: k, method: .gemm, options: options)
                    #expect(maxAbsDifference(y.doubles, reference.doubles) <= bound, "\(g) \(threads) threads, \(budget) B")
                }
            }
        }
    }
}

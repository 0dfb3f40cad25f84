import BenchCore
import Dispatch
import Synchronization
import Testing
@testable import Convolve

/// More threads change how work is shared out, never what is computed.
@Suite struct ThreadingTests {
    static let geometries: [ConvolutionGeometry] = [
        try! .layer(inputShape: [2, 6, 40, 36], weightShape: [8, 3, 5, 3], stride: [2, 1], padding: .symmetric([2, 1]),
                    dilation: [1, 2], groups: 2),
        try! .layer(inputShape: [1, 3, 70, 70], weightShape: [16, 3, 7, 7], stride: [2], padding: .symmetric([3])),
        try! .signal(inputShape: [300, 280], kernelShape: [9, 9], mode: .same, boundary: .reflect,
                     semantics: .convolution),
    ]

    @Test(arguments: geometries)
    func directAndFFTPathsGiveIdenticalResultsOnAnyThreadCount(_ g: ConvolutionGeometry) throws {
        var random = SeededRandom(seed: stableSeed("threads \(g)"))
        let x = Tensor<Float>.from(g.inputShape, random.values(Shape.product(g.inputShape)))
        let k = Tensor<Float>.from(g.kernelShape, random.values(Shape.product(g.kernelShape)))
        for method in [Method.direct, .fft, .reference] {
            let one = try compute(g, input: x, kernel: k, method: method)
            for threads in [2, 3] {
                let many = try compute(g, input: x, kernel: k, method: method, options: .init(threads: threads))
                #expect(many == one, "\(method) with \(threads) threads")
            }
        }
        let one = try compute(g, input: x, kernel: k, method: .gemm)
        let two = try compute(g, input: x, kernel: k, method: .gemm, options: .init(threads: 2))
        let bound = ErrorBound.maximumError(.gemm, g, input: x.elements, kernel: k.elements)
        #expect(maxAbsDifference(one.doubles, two.doubles) <= 2 * bound)
    }

    /// Every path, and each form of the direct path, gives its result within its bound on a
    /// thread with a 512 KiB stack (a secondary thread's default on some systems), with the
    /// frames this suite's unoptimised build lays out: a 2-D signal (output rows, GEMM, FFT)
    /// and layers for the channel blocks and vectors, the depthwise lanes and Winograd.
    @Test func everyPathRunsOnASmallThreadStack() throws {
        // Correlation: the direct forms take the kernel as it lies (convolution flips it first).
        let signal = try ConvolutionGeometry.signal(inputShape: [40, 70], kernelShape: [5, 5], mode: .same,
                                                    boundary: .zero, semantics: .correlation)
        let dense = try ConvolutionGeometry.layer(inputShape: [1, 16, 20, 20], weightShape: [32, 16, 3, 3],
                                                  stride: [1], padding: .symmetric([1]))
        let depthwise = try ConvolutionGeometry.layer(inputShape: [1, 32, 20, 20], weightShape: [32, 1, 3, 3],
                                                      stride: [1], padding: .symmetric([1]), groups: 32)
        let runs: [(ConvolutionGeometry, Method?, DirectPath.Form?)] = [
            (signal, nil, .rows), (signal, .gemm, nil), (signal, .fft, nil),
            (dense, nil, .channelBlocks), (dense, nil, .channelVectors), (dense, .winograd, nil),
            (depthwise, nil, .depthwiseLanes),
        ]
        var results: [(label: String, error: Double, bound: Double)] = []
        runOnThread(stackBytes: 512 << 10) {
            for (g, method, form) in runs {
                var random = SeededRandom(seed: stableSeed("small stack \(g)"))
                let x = Tensor<Float>.from(g.inputShape, random.values(Shape.product(g.inputShape)))
                let k = Tensor<Float>.from(g.kernelShape, random.values(Shape.product(g.kernelShape)))
                guard let expected = try? compute(g, input: x, kernel: k, method: .reference) else {
                    results.append(("\(g) reference", .infinity, 0))
                    continue
                }
                let y: [Float]?
                let path: Path
                if let form {
                    y = DirectForms.run(g, x.elements, k.elements, .detected, form: form)
                    path = .direct
                } else {
                    y = (try? compute(g, input: x, kernel: k, method: method!))?.elements
                    path = Path(rawValue: method!.rawValue)!
                }
                let error = y.map { maxAbsDifference($0.map { Double($0) }, expected.doubles) } ?? .infinity
                results.append(("\(g) \(form.map { "\($0)" } ?? "\(method!)")", error,
                                ErrorBound.maximumError(path, g, input: x.elements, kernel: k.elements)))
            }
        }
        #expect(results.count == runs.count)
        for result in results {
            #expect(result.error <= result.bound, "\(result.label): \(result.error) > \(result.bound)")
        }
    }

    /// The paths' main loops draw their items from per-worker shares that the others may
    /// take from: every item is handed out exactly once however many workers ask (which
    /// worker takes which is the scheduler's business, and results do not depend on it: the
    /// test above).
    @Test func itemsGoOutExactlyOnceHoweverManyWorkersAsk() {
        for (count, workers) in [(0, 2), (1, 3), (7, 2), (1000, 2), (1000, 5)] {
            var taken = [[Int]](repeating: [], count: workers)
            taken.withUnsafeMutableBufferPointer { taken in
                Parallel.run(workers: workers, items: count) { w, items in
                    for item in items { taken[w].append(item) }
                }
            }
            #expect(taken.flatMap { $0 }.sorted() == Array(0..<count), "\(count) items, \(workers) workers")
        }
    }

    /// Worker `w`'s share is the contiguous `⌊w·n/W⌋ ..< ⌊(w+1)·n/W⌋`, taken from the front; a
    /// worker that finds its share empty takes the rest of the others' in turn, so one
    /// worker left alone (the others slowed, or not started) still takes every item once.
    @Test func eachWorkerTakesItsOwnShareFirstThenTheOthers() {
        let shares = Parallel.Items.Shares(10, workers: 3)
        #expect(shares.shares.map(\.end) == [3, 6, 10])
        #expect(Array(Parallel.Items(shares: shares, worker: 1)) == [3, 4, 5, 6, 7, 8, 9, 0, 1, 2])
        #expect(Array(Parallel.Items(shares: shares, worker: 0)).isEmpty)
        let alone = Parallel.Items.Shares(7, workers: 2)
        var first = Parallel.Items(shares: alone, worker: 0).makeIterator()
        #expect([first.next(), first.next()] == [0, 1])
        // Worker 1 finishes its share (3 ..< 7) and then takes the rest of worker 0's.
        #expect(Array(Parallel.Items(shares: alone, worker: 1)) == [3, 4, 5, 6, 2])
        #expect(first.next() == nil)
    }

    /// Every worker of a loop runs exactly once, whether the spinning ``WorkerPool`` takes the
    /// loop or `concurrentPerform` does (the pool in use, more workers than processors, or
    /// a loop started inside a worker): 300 loops in a row of 2 to 4 workers, four threads
    /// starting loops at once, and loops nested in every worker. A lost start would hang
    /// the test; a body run twice or not at all fails it.
    @Test func everyWorkerRunsOnceWhicheverThreadsStartTheLoops() {
        for round in 0..<300 {
            let workers = 2 + round % 3
            #expect(Self.runs(workers) == Array(repeating: 1, count: workers), "loop \(round), \(workers) workers")
        }
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<100 where Self.runs(2) != [1, 1] { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(Self.runs(2, nested: true) == Array(repeating: 1, count: 6))
    }

    /// How often each worker (then each nested worker) of one loop of `workers` ran.
    private static func runs(_ workers: Int, nested: Bool = false) -> [Int] {
        var counts = [Int](repeating: 0, count: workers * (nested ? workers + 1 : 1))
        counts.withUnsafeMutableBufferPointer { counts in
            Parallel.run(workers: workers) { w in
                counts[w] += 1
                guard nested else { return }
                Parallel.run(workers: workers) { inner in counts[workers + w * workers + inner] += 1 }
            }
        }
        return counts
    }
}

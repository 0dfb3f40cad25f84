import BenchCore
import Testing
@testable import Convolve

/// Overlap-save tiles on the FFT path: every tile size (down to one output per tile),
/// mode, boundary, rank, stride, dilation and group layout gives the untiled answer within
/// the FFT bound, with tiles paired through complex transforms or not; the result does
/// not depend on the thread count; auto tiles only where the model says it pays; bad
/// tilings are refused.
@Suite struct FFTTilingTests {
    static let tilings: [[Int]] = [[1], [2], [3], [5]]

    @Test(arguments: SignalCase.all.filter { $0.kernel != .larger || $0.mode != .valid })
    func everyTilingMatchesTheReference(_ c: SignalCase) throws {
        var random = SeededRandom(seed: stableSeed("tiles " + c.testDescription))
        let x = random.values(c.inputShape.reduce(1, *)), k = random.values(c.kernelShape.reduce(1, *))
        try check(Float.self, c, x, k)
        try check(Double.self, c, x, k)
    }

    private func check<T: ConvolveScalar>(_: T.Type, _ c: SignalCase, _ x: [Double], _ k: [Double]) throws {
        let input = Tensor<T>.from(c.inputShape, x), kernel = Tensor<T>.from(c.kernelShape, k)
        for semantics in Semantics.allCases {
            let expected = ReferenceSignal.compute(.init(shape: input.shape, values: input.doubles),
                                                   .init(shape: kernel.shape, values: kernel.doubles),
                                                   op: semantics, mode: c.mode, boundary: c.boundary)
            let geometry = try ConvolutionGeometry.signal(inputShape: input.shape, kernelShape: kernel.shape,
                                                          mode: c.mode, boundary: c.boundary, semantics: semantics)
            let bound = ErrorBound.maximumError(.fft, geometry, input: input.elements, kernel: kernel.elements)
            for b in Self.tilings {
                for (threads, paired) in [(1, false), (1, true), (2, true)] {
                    let options = ConvolutionOptions(threads: threads,
                                                     fftTiling: .outputsPerTile(Array(repeating: b[0], count: c.rank)),
                                                     fftPairedTiles: paired)
                    let result = semantics == .convolution
                        ? try convolve(input, kernel, mode: c.mode, boundary: c.boundary, method: .fft, options: options)
                        : try correlate(input, kernel, mode: c.mode, boundary: c.boundary, method: .fft, options: options)
                    let error = maxAbsDifference(result.doubles, expected.values)
                    #expect(result.shape == expected.shape && error <= bound,
                            "\(T.dtypeName) \(semantics) tiles of \(b[0]), paired \(paired), \(threads) threads: error \(error) > bound \(bound)")
                }
            }
        }
    }

    @Test(arguments: LayerFaceTests.sweep.filter { $0.padding != "symmetric" })
    func tiledLayersMatchTheReferenceLayer(_ s: LayerFaceTests.Sweep) throws {
        let (ref, padding) = LayerFaceTests.layer(s, batch: 3)
        let label = "tiles " + s.testDescription
        let x = Tensor<Double>.from(ref.inputShape, LayerFaceTests.data(ref.inputShape.reduce(1, *), "x" + label))
        let w = Tensor<Double>.from(ref.weightShape, LayerFaceTests.data(ref.weightShape.reduce(1, *), "w" + label))
        let expected = ref.forward(x.doubles, w.doubles, bias: nil)
        let geometry = try ConvolutionGeometry.layer(inputShape: x.shape, weightShape: w.shape, stride: ref.stride,
                                                     padding: padding, dilation: ref.dilation, groups: ref.groups)
        let bound = ErrorBound.maximumError(.fft, geometry, input: x.elements, kernel: w.elements)
        for b in [1, 2, 3] {
            let tiling = FFTTiling.outputsPerTile(Array(repeating: b, count: s.rank))
            for paired in [false, true] {
                let y = try convNd(x, weight: w, stride: ref.stride, padding: padding, dilation: ref.dilation,
                                   groups: ref.groups, method: .fft,
                                   options: ConvolutionOptions(threads: 1, fftTiling: tiling, fftPairedTiles: paired))
                let error = maxAbsDifference(y.doubles, expected)
                #expect(y.shape == ref.outputShape && error <= bound,
                        "\(label) tiles of \(b), paired \(paired): error \(error) > bound \(bound)")
                // Each output comes from one tile (and one fixed pair): two workers give the same bits.
                let threaded = try convNd(x, weight: w, stride: ref.stride, padding: padding, dilation: ref.dilation,
                                          groups: ref.groups, method: .fft,
                                          options: ConvolutionOptions(threads: 2, fftTiling: tiling, fftPairedTiles: paired))
                #expect(threaded.elements == y.elements, "\(label) tiles of \(b), paired \(paired): thread count changed the result")
            }
        }
    }

    @Test func preparedLayerUsesTheTiledLayoutBitForBit() throws {
        var random = SeededRandom(seed: 5)
        let x = try Tensor<Float>(shape: [2, 3, 20, 17], elements: random.values(2 * 3 * 20 * 17).map { Float($0) })
        let w = try Tensor<Float>(shape: [4, 3, 5, 4], elements: random.values(4 * 3 * 20).map { Float($0) })
        let options = ConvolutionOptions(fftTiling: .outputsPerTile([6, 5]))
        let layer = try ConvolutionLayer(weight: w, padding: .symmetric([2]), method: .fft, options: options)
        let once = try conv2d(x, weight: w, padding: .symmetric([2]), method: .fft, options: options)
        #expect(try layer(x).elements == once.elements)
        #expect(try layer(x).elements == once.elements)
    }

    @Test func autoTilesLargeInputsAndNotSmallOnes() throws {
        let large = try ConvolutionGeometry.signal(inputShape: [1024, 1024], kernelShape: [15, 15], mode: .same, semantics: .convolution)
        #expect(large.fftPlan(Float.self).tiles.reduce(1, *) > 1)
        let long = try ConvolutionGeometry.signal(inputShape: [1 << 20], kernelShape: [129], mode: .same, semantics: .convolution)
        #expect(long.fftPlan(Float.self).tiles[0] > 1)
        let small = try ConvolutionGeometry.signal(inputShape: [48, 48], kernelShape: [21, 21], mode: .same, semantics: .convolution)
        #expect(small.fftPlan(Float.self).tiles == [1, 1])
        // A kernel nearly as large as the input: a tile could not be shorter than the whole.
        let wide = try ConvolutionGeometry.signal(inputShape: [1024, 1024], kernelShape: [1000, 1000], mode: .valid,
                                                  semantics: .correlation)
        #expect(wide.fftPlan(Float.self).tiles == [1, 1])
    }

    /// FFTW's estimated plans for 3-D frames whose z or y length is not a power of two run
    /// 2.4–6.5× slower per `N·log₂N` (``CostModel/outerAxesFactor(_:)``), so auto's 3-D tiles
    /// keep those axes at powers of two (128³ ∗ 9³ had taken 40³ tiles, 3× slower than 32³).
    @Test func threeDimensionalTilesKeepTheirOuterAxesAtPowersOfTwo() throws {
        for k in [5, 7, 9, 11, 13, 15] {
            let g = try ConvolutionGeometry.signal(inputShape: [128, 128, 128], kernelShape: [k, k, k], mode: .same,
                                                   semantics: .convolution)
            let plan = g.fftPlan(Float.self)
            #expect(plan.tiles.reduce(1, *) > 1, "\(k)³: \(plan)")
            #expect(plan.extent[0].nonzeroBitCount == 1 && plan.extent[1].nonzeroBitCount == 1, "\(k)³: \(plan.extent)")
        }
    }

    @Test func tilesArePairedWhereComplexTransformsWereMeasuredFaster() throws {
        func pairs(_ extent: [Int], tiles: Int = 2, scalarSize: Int = 4, planning: FFTPlanning = .estimate) -> Bool {
            FFTLayout.pairsTiles(extent, tiles: tiles, scalarSize: scalarSize, planning: planning)
        }
        #expect(pairs([2048]) && pairs([65_536]) && pairs([20_480]) && pairs([12_288]) && pairs([1280], scalarSize: 8))
        #expect(!pairs([24_576]) && !pairs([16_384]) && !pairs([163_840], tiles: 8) && !pairs([262_144]))
        // Double's estimated complex plans cost more than two real ones from 1,536 points on.
        #expect(!pairs([65_536], tiles: 3, scalarSize: 8) && !pairs([4096], scalarSize: 8))
        #expect(pairs([65_536], tiles: 3, scalarSize: 8, planning: .measure))
        // Longer 1-D Float frames with measured plans: even counts or at least 7 tiles; never in Double.
        #expect(pairs([24_576], tiles: 4, planning: .measure) && pairs([163_840], tiles: 8, planning: .measure))
        #expect(pairs([327_680], tiles: 4, planning: .measure) && pairs([262_144], tiles: 7, planning: .measure))
        #expect(!pairs([327_680], tiles: 3, planning: .measure) && !pairs([1 << 19], planning: .measure))
        #expect(!pairs([163_840], tiles: 8, scalarSize: 8, planning: .measure))
        #expect(pairs([128, 128]) && pairs([160, 640]) && pairs([32, 32, 32]))
        #expect(pairs([256, 256]) && pairs([384, 384]) && pairs([640, 1024]))
        #expect(!pairs([1024, 1536]) && !pairs([256, 256, 8]))
        // Double's row-by-column pairs of 192- and 384-point axes (1-D complex transforms
        // of 2.40 and 2.52 real ones): 1024² ∗ 127² ran 384² tiles paired in 1.2–1.6× the
        // unpaired time; 320² and 256² pairs stay.
        #expect(!pairs([384, 384], scalarSize: 8) && !pairs([192, 192], scalarSize: 8))
        #expect(pairs([320, 320], scalarSize: 8) && pairs([256, 640], scalarSize: 8))
        // Double's 3-D complex transforms cost 1.7–6.3 real ones: 128³ ∗ 7³ ran its 32³ tiles
        // unpaired in 0.81–0.89 of the paired time.
        #expect(!pairs([32, 32, 32], scalarSize: 8) && !pairs([16, 16, 16], scalarSize: 8))
        let template = try ConvolutionGeometry.signal(inputShape: [1024, 1024], kernelShape: [128, 128], mode: .valid,
                                                      semantics: .correlation)
        let plan2D = template.fftPlan(Float.self, options: ConvolutionOptions(fftTiling: .outputsPerTile([513, 897])))
        #expect(plan2D.extent == [640, 1024] && plan2D.pairedTiles)
        // Auto's tiled layouts pair only where the rule allows; untiled layouts and forced-off
        // options never pair.
        let long = try ConvolutionGeometry.signal(inputShape: [1 << 20], kernelShape: [129], mode: .same, semantics: .convolution)
        let plan = long.fftPlan(Float.self)
        #expect(plan.tiles[0] > 1 && plan.pairedTiles && pairs(plan.extent, tiles: plan.tiles[0]))
        // Measured plans pair the same tiles where that rule says so (1-D 2²⁰ ∗ 32,768: 8 tiles
        // of 163,840 points in Float, not in Double).
        let longKernel = try ConvolutionGeometry.signal(inputShape: [1 << 20], kernelShape: [32_768], mode: .same,
                                                        semantics: .convolution)
        let measured = ConvolutionOptions(fftPlanning: .measure)
        for (estimated, prepared, size) in [(longKernel.fftPlan(Float.self), longKernel.fftPlan(Float.self, options: measured), 4),
                                            (longKernel.fftPlan(Double.self), longKernel.fftPlan(Double.self, options: measured), 8)] {
            #expect(prepared.extent == estimated.extent && prepared.tiles == estimated.tiles)
            #expect(!estimated.pairedTiles || pairs(estimated.extent, tiles: estimated.tiles[0], scalarSize: size))
            #expect(prepared.pairedTiles == pairs(prepared.extent, tiles: prepared.tiles[0], scalarSize: size,
                                                  planning: .measure))
        }
        let eightTiles = ConvolutionOptions(fftTiling: .outputsPerTile([131_073]), fftPlanning: .measure)
        let forced = longKernel.fftPlan(Float.self, options: eightTiles)
        #expect(forced.extent == [163_840] && forced.tiles == [8] && forced.pairedTiles)
        #expect(!longKernel.fftPlan(Double.self, options: eightTiles).pairedTiles)
        #expect(!long.fftPlan(Float.self, options: ConvolutionOptions(fftPairedTiles: false)).pairedTiles)
        #expect(!long.fftPlan(Float.self, options: ConvolutionOptions(fftTiling: .whole, fftPairedTiles: true)).pairedTiles)
    }

    /// FFTW's estimated 1-D plans are uneven by length (``OneAxisTransformCosts``): a
    /// complex 12,288-point pair costs 1.22 real transforms, a 20,480-point pair 1.42, and
    /// `Double`'s cost more than two real ones; `Double`'s real 20,480-point transform runs
    /// at 0.117 ns per `N·log₂N`, its 40,960-point one at 0.145. With the per-length costs,
    /// auto's one-shot 1-D 2²⁰ ∗ 2,048 runs paired 12,288-point tiles in `Float` (3.1–3.2 ms
    /// in the bench against the 20,480-point tiles' 3.9–4.6) and unpaired 20,480-point tiles
    /// in `Double` (5.4 ms in a release probe against the 40,960-point tiles' 6.4 that the
    /// smooth rate chose).
    @Test func oneAxisTilesFollowTheirLengthsMeasuredCosts() throws {
        let g = try ConvolutionGeometry.signal(inputShape: [1 << 20], kernelShape: [2048], mode: .same,
                                               semantics: .convolution)
        let float = g.fftPlan(Float.self), double = g.fftPlan(Double.self)
        #expect(float.extent == [12_288] && float.pairedTiles, "\(float)")
        #expect(double.extent == [20_480] && !double.pairedTiles, "\(double)")
        for k in [512, 8192] {
            let long = try ConvolutionGeometry.signal(inputShape: [1 << 20], kernelShape: [k], mode: .same,
                                                      semantics: .convolution)
            let plan = long.fftPlan(Double.self)
            #expect(!plan.pairedTiles || OneAxisTransformCosts.pairedFactor(plan.extent[0], scalarSize: 8) < 2,
                    "\(k): \(plan)")
        }
        // The same with every processor family's constants, whichever machine runs the test.
        let budget = ConvolutionOptions().workspaceBudget
        for family in ProcessorFamily.allCases {
            let model = CostModel.measured(for: family)
            let float = model.fftLayout(g, scalarSize: 4, workspaceBudget: budget)
            let double = model.fftLayout(g, scalarSize: 8, workspaceBudget: budget)
            #expect(float.extent == [12_288] && float.paired, "\(family): \(float)")
            #expect(double.extent == [20_480] && !double.paired, "\(family): \(double)")
        }
    }

    /// The FFT estimate's copies: every tile writes its window and its outputs once; paired
    /// 1-D tiles interleave their two windows in that one pass, while 2-D frames (row by
    /// row) and strided layouts (through a real frame each) pay a second copy of the windows.
    /// Raising the price of an element by `δ` raises the estimate by `δ` times those copies.
    @Test func pairedOneAxisWindowsArePricedAsOneCopy() throws {
        func copies(_ g: ConvolutionGeometry, outputsPerTile: [Int]) -> (layout: FFTLayout, elements: Double) {
            let layout = FFTLayout(g, outputsPerTile: outputsPerTile, scalarSize: 4, paired: true)
            var model = CostModel.current
            let base = model.fftSeconds(g, layout: layout, scalarSize: 4, threads: 1)
            model.copyElement += 1e-9
            return (layout, (model.fftSeconds(g, layout: layout, scalarSize: 4, threads: 1) - base) / 1e-9)
        }
        let line = try ConvolutionGeometry.signal(inputShape: [1 << 16], kernelShape: [64], mode: .same,
                                                  semantics: .convolution)
        let (pairs, lineCopies) = copies(line, outputsPerTile: [1985])
        #expect(pairs.paired && pairs.tileCount > 2)
        let framePoints = Double(pairs.tileCount * pairs.frame.volume)
        #expect(abs(lineCopies - 2 * framePoints) < 1e-6 * framePoints, "\(lineCopies) against \(2 * framePoints)")
        let image = try ConvolutionGeometry.signal(inputShape: [512, 512], kernelShape: [15, 15], mode: .same,
                                                   semantics: .convolution)
        let (tiles, imageCopies) = copies(image, outputsPerTile: [114, 114])
        let imagePoints = Double(tiles.tileCount * tiles.frame.volume)
        #expect(tiles.paired && abs(imageCopies - 3 * imagePoints) < 1e-6 * imagePoints)
    }

    /// A paired layout's spectra are full complex arrays: a prepared value built paired
    /// gives the one-shot paired answer bit for bit, and the unpaired one within the bound.
    @Test func preparedPairedSpectraMatchOneShotCalls() throws {
        var random = SeededRandom(seed: 12)
        let x = try Tensor<Float>(shape: [3001], elements: random.values(3001).map { Float($0) })
        let k = try Tensor<Float>(shape: [40], elements: random.values(40).map { Float($0) })
        for paired in [false, true] {
            let options = ConvolutionOptions(threads: 1, fftTiling: .outputsPerTile([217]), fftPlanning: .estimate,
                                             fftPairedTiles: paired)
            let filter = try SignalFilter(kernel: k, mode: .same, method: .fft, options: options)
            let once = try convolve(x, k, mode: .same, method: .fft, options: options)
            #expect(try filter(x).elements == once.elements, "paired \(paired)")
            let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: .same,
                                                          semantics: .convolution)
            let direct = try convolve(x, k, mode: .same, method: .direct)
            #expect(maxAbsDifference(once.doubles, direct.doubles)
                    <= ErrorBound.maximumError(.fft, geometry, input: x.elements, kernel: k.elements))
        }
    }

    @Test func autoTilingIsCheckedOnALargeProblem() throws {
        var random = SeededRandom(seed: 9)
        let n = 600
        let x = try Tensor<Double>(shape: [n, n], elements: random.values(n * n))
        let k = try Tensor<Double>(shape: [9, 9], elements: random.values(81))
        let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: .same,
                                                      boundary: .reflect, semantics: .convolution)
        #expect(geometry.fftPlan(Double.self).tiles.reduce(1, *) > 1)
        let tiled = try convolve(x, k, mode: .same, boundary: .reflect, method: .fft)
        let whole = try convolve(x, k, mode: .same, boundary: .reflect, method: .fft,
                                 options: ConvolutionOptions(fftTiling: .whole))
        let direct = try convolve(x, k, mode: .same, boundary: .reflect, method: .direct)
        let bound = ErrorBound.maximumError(.fft, geometry, input: x.elements, kernel: k.elements)
        #expect(maxAbsDifference(tiled.doubles, direct.doubles) <= bound)
        #expect(maxAbsDifference(whole.doubles, direct.doubles) <= bound)
    }

    @Test func badTilingsAreRefused() throws {
        let x = try Tensor<Float>(shape: [8, 8], elements: Array(repeating: 1, count: 64))
        let k = try Tensor<Float>(shape: [3, 3], elements: Array(repeating: 1, count: 9))
        #expect(throws: ConvolutionError.optionRankMismatch(option: "fftTiling outputs per tile", count: 1, expected: 2)) {
            try convolve(x, k, method: .fft, options: ConvolutionOptions(fftTiling: .outputsPerTile([4])))
        }
        #expect(throws: ConvolutionError.invalidCount(argument: "fftTiling outputs per tile", value: 0)) {
            try convolve(x, k, method: .fft, options: ConvolutionOptions(fftTiling: .outputsPerTile([4, 0])))
        }
        #expect(throws: ConvolutionError.self) {
            try convolve(x, k, method: .fft, options: ConvolutionOptions(workspaceBudget: 16, fftTiling: .outputsPerTile([4, 4])))
        }
    }
}

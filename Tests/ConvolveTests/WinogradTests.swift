import BenchCore
import Testing
@testable import Convolve

/// The Winograd path (F(4×4, 3×3), F(2×2, 3×3), F(2×2, 5×5)) against the formula, within
/// its documented bound, on every geometry it accepts (tiles transformed one at a time,
/// eight of a row at once, and eight gathered across rows); and a typed refusal for every
/// geometry it does not.
@Suite struct WinogradTests {
    static let geometries: [ConvolutionGeometry] = {
        var list: [ConvolutionGeometry] = []
        let boundaries: [Boundary] = [.zero, .constant(0.25), .edge, .reflect, .symmetric, .wrap]
        var i = 0
        // Sizes below, at and between whole 4×4 tiles; channels, groups, depthwise; padding.
        for extent in [[3, 3], [4, 4], [6, 9], [13, 10], [17, 22]] {
            for (groups, cin, cout) in [(1, 1, 1), (1, 3, 5), (2, 4, 6), (4, 4, 8)] {
                i += 1
                let before = [i % 2, (i / 2) % 3], after = [(i + 1) % 3, i % 2]
                guard let g = try? ConvolutionGeometry(
                    batch: 1 + i % 3, inputChannels: cin, outputChannels: cout, groups: groups, inputExtent: extent,
                    kernelExtent: [3, 3], padBefore: before, padAfter: after, boundary: boundaries[i % boundaries.count],
                    semantics: i % 2 == 0 ? .convolution : .correlation) else { continue }
                list.append(g)
            }
        }
        list.append(try! .signal(inputShape: [37, 29], kernelShape: [3, 3], mode: .same, boundary: .reflect,
                                 semantics: .convolution))
        list.append(try! .layer(inputShape: [2, 16, 14, 14], weightShape: [24, 16, 3, 3], padding: .symmetric([1])))
        // Rows of 8 tiles and more, so eight tiles are transformed at once (a row's last
        // ones as its last eight, overlapping): whole tiles (64 = 16 × 4 columns, so the
        // output transform runs eight at a time too), and a partial last column and row.
        list.append(try! .layer(inputShape: [1, 3, 20, 64], weightShape: [5, 3, 3, 3], padding: .symmetric([1])))
        list.append(try! .layer(inputShape: [2, 2, 18, 45], weightShape: [3, 2, 3, 3], padding: .symmetric([1])))
        list.append(try! .signal(inputShape: [35, 70], kernelShape: [3, 3], mode: .valid, semantics: .correlation))
        // Dilated, by phases: per-axis dilations, phases of unequal extents (padded 15 and 20
        // by 2 and 3), every boundary's samples read through them, groups, a batch.
        for (i, (dilation, extent)) in [([2, 2], [12, 10]), ([2, 3], [12, 17]), ([1, 2], [9, 21]), ([3, 1], [20, 8])]
            .enumerated() {
            list.append(try! ConvolutionGeometry(
                batch: 1 + i % 2, inputChannels: 4, outputChannels: 6, groups: 1 + i % 2, inputExtent: extent,
                kernelExtent: [3, 3], dilation: dilation, padBefore: [1 + i % 2, 3], padAfter: [2, i % 2],
                boundary: boundaries[(i + 1) % boundaries.count], semantics: i % 2 == 0 ? .convolution : .correlation))
        }
        list.append(try! .layer(inputShape: [1, 8, 28, 28], weightShape: [8, 8, 3, 3], padding: .symmetric([2]),
                                dilation: [2]))
        // Small maps in a batch: blocks of items share the products (a partial last block too).
        list.append(try! .layer(inputShape: [5, 8, 5, 6], weightShape: [4, 8, 3, 3], padding: .symmetric([1])))
        list.append(try! .layer(inputShape: [3, 6, 7, 7], weightShape: [6, 3, 3, 3], padding: .symmetric([2]),
                                dilation: [2], groups: 2))
        // 5×5 kernels (F(2×2, 5×5)): sizes below, at and between whole 2×2 tiles, every
        // boundary, both semantics, groups; rows of eight tiles and more (a partial last
        // column and row); dilated by phases; small maps in a batch.
        for (j, extent) in [[5, 5], [6, 7], [9, 12], [21, 17]].enumerated() {
            list.append(try! ConvolutionGeometry(
                batch: 1 + j % 2, inputChannels: 4, outputChannels: 6, groups: 1 + j % 2, inputExtent: extent,
                kernelExtent: [5, 5], padBefore: [j % 3, 2], padAfter: [2, (j + 1) % 3],
                boundary: boundaries[j % boundaries.count], semantics: j % 2 == 0 ? .convolution : .correlation))
        }
        list.append(try! .signal(inputShape: [23, 41], kernelShape: [5, 5], mode: .same, boundary: .symmetric,
                                 semantics: .convolution))
        list.append(try! .layer(inputShape: [1, 3, 20, 37], weightShape: [5, 3, 5, 5], padding: .symmetric([2])))
        list.append(try! .layer(inputShape: [1, 4, 16, 18], weightShape: [6, 4, 5, 5], padding: .symmetric([4]),
                                dilation: [2]))
        list.append(try! .layer(inputShape: [5, 8, 6, 5], weightShape: [4, 8, 5, 5], padding: .symmetric([2])))
        return list
    }()

    @Test(arguments: geometries)
    func winogradMatchesTheFormulaWithinItsBound(_ g: ConvolutionGeometry) throws {
        var random = SeededRandom(seed: stableSeed("winograd \(g)"))
        let x = random.values(Shape.product(g.inputShape)), k = random.values(Shape.product(g.kernelShape))
        let expected = GeometryPathsTests.reference(g, x, k)
        // A budget of a few tiles forces several chunks; one of 13 tiles puts chunk
        // boundaries inside rows of tiles (eight at once up to them, one at a time after);
        // two threads share the transforms. (A dilated layer's phase outputs come on top.)
        let phases = WinogradPath.dilationScratch(g) * 8
        let tight = ConvolutionOptions(threads: 1, workspaceBudget: 3 * WinogradPath.bytesPerTile(g, scalarSize: 8) + phases)
        let rows = ConvolutionOptions(threads: 1, workspaceBudget: 13 * WinogradPath.bytesPerTile(g, scalarSize: 8) + phases)
        for options in [ConvolutionOptions(), tight, rows, ConvolutionOptions(threads: 2)] {
            let y = try compute(g, input: .from(g.inputShape, x), kernel: Tensor<Double>.from(g.kernelShape, k),
                                method: .winograd, options: options)
            let bound = ErrorBound.maximumError(.winograd, g, input: x, kernel: k)
            #expect(y.shape == g.outputShape && maxAbsDifference(y.doubles, expected) <= bound, "Double \(options)")
            let xf = Tensor<Float>.from(g.inputShape, x), kf = Tensor<Float>.from(g.kernelShape, k)
            let yf = try compute(g, input: xf, kernel: kf, method: .winograd, options: options)
            let exact = GeometryPathsTests.reference(g, xf.doubles, kf.doubles)
            let boundF = ErrorBound.maximumError(.winograd, g, input: xf.elements, kernel: kf.elements)
            #expect(maxAbsDifference(yf.doubles, exact) <= boundF, "Float \(options)")
        }
    }

    /// Every tile the path has for a geometry's kernel (F(2×2) and F(4×4) for 3×3, F(2×2, 5×5)
    /// for 5×5), forced, within its own bound; and each tile's `S`.
    @Test(arguments: geometries.filter { $0.semantics == .correlation })
    func everyTileMatchesTheFormulaWithinItsBound(_ g: ConvolutionGeometry) throws {
        var random = SeededRandom(seed: stableSeed("tiles \(g)"))
        let x = random.values(Shape.product(g.inputShape)).map { Float($0) }
        let k = random.values(Shape.product(g.kernelShape)).map { Float($0) }
        let expected = GeometryPathsTests.reference(g, x.map(Double.init), k.map(Double.init))
        let u = Double(Float.ulpOfOne) / 2, cg = Double(g.groupInputChannels)
        let maxX = x.map { abs(Double($0)) }.max()!, maxK = k.map { abs(Double($0)) }.max()!
        let fill = g.boundary.fillValue.map(abs) ?? 0
        let tiles: [any WinogradTile.Type] = g.kernelExtent == [5, 5] ? [WinogradF2K5.self]
            : [WinogradF2.self, WinogradF4.self]
        #expect(tiles.contains { $0 == WinogradPath.tile(for: g) })
        for tile in tiles {
            var y = [Float](repeating: .nan, count: Shape.product(g.outputShape))
            x.withUnsafeBufferPointer { x in
                k.withUnsafeBufferPointer { k in
                    y.withUnsafeMutableBufferPointer { y in
                        WinogradPath.run(g, tile: tile, input: x.baseAddress!, kernel: k.baseAddress!,
                                         output: y.baseAddress!, options: .init())
                    }
                }
            }
            let bound = (cg + ErrorBound.winogradDepth) * u * cg * tile.absoluteGain * max(maxX, fill) * maxK
            #expect(maxAbsDifference(y.map(Double.init), expected) <= bound, "\(tile) on \(g)")
        }
        #expect(WinogradF2.absoluteGain == 64 && WinogradF4.absoluteGain == 2304)
        #expect(abs(WinogradF2K5.absoluteGain - 29_929.0 / 9) < 1e-9)
    }

    @Test(arguments: [
        try! ConvolutionGeometry.layer(inputShape: [1, 2, 11, 9], weightShape: [3, 2, 3, 3], padding: .symmetric([1])),
        // Dilated phases, and a batch whose items share products (the last block partial).
        try! ConvolutionGeometry.layer(inputShape: [2, 2, 13, 11], weightShape: [3, 2, 3, 3],
                                       padding: .explicit(before: [2, 3], after: [1, 3]), dilation: [2, 3]),
        try! ConvolutionGeometry.layer(inputShape: [7, 3, 4, 5], weightShape: [2, 3, 3, 3], padding: .symmetric([1])),
        try! ConvolutionGeometry.layer(inputShape: [1, 3, 19, 13], weightShape: [4, 3, 5, 5], padding: .symmetric([2])),
        try! ConvolutionGeometry.layer(inputShape: [3, 2, 9, 8], weightShape: [3, 2, 5, 5],
                                       padding: .explicit(before: [3, 2], after: [2, 4]), dilation: [2, 1]),
    ])
    func winogradIsExactForSmallIntegersInDouble(_ g: ConvolutionGeometry) throws {
        // Integers and the transforms' thirds, sixths and twenty-fourths: Double keeps ~1e-13, far
        // inside the bound, so an off-by-one tile, phase or item or a wrong coefficient cannot hide.
        let x = (0..<Shape.product(g.inputShape)).map { Double($0 % 7) - 3 }
        let k = (0..<Shape.product(g.kernelShape)).map { Double($0 % 5) - 2 }
        for options in [ConvolutionOptions(), ConvolutionOptions(threads: 1, workspaceBudget: 1 << 12)] {
            let y = try compute(g, input: Tensor<Double>.from(g.inputShape, x), kernel: .from(g.kernelShape, k),
                                method: .winograd, options: options)
            #expect(maxAbsDifference(y.doubles, GeometryPathsTests.reference(g, x, k)) < 1e-11, "\(options)")
        }
    }

    @Test func winogradRefusesWhatItCannotCompute() throws {
        let refused: [(ConvolutionGeometry, String)] = [
            (try .layer(inputShape: [1, 2, 9, 9], weightShape: [2, 2, 7, 7]), "3×3 and 5×5 kernels only"),
            (try .layer(inputShape: [1, 2, 9, 9], weightShape: [2, 2, 3, 5]), "3×3 and 5×5 kernels only"),
            (try .layer(inputShape: [1, 2, 9, 9], weightShape: [2, 2, 3, 3], stride: [2]), "stride 1"),
            (try .layer(inputShape: [1, 2, 9], weightShape: [2, 2, 3]), "2-D problems only"),
        ]
        for (g, limit) in refused {
            let x = try Tensor<Float>(shape: g.inputShape, repeating: 1), k = try Tensor<Float>(shape: g.kernelShape, repeating: 1)
            do {
                _ = try compute(g, input: x, kernel: k, method: .winograd)
                Issue.record("winograd accepted \(g)")
            } catch {
                guard case let .pathUnsupported(path, reason) = error else { Issue.record("\(error)"); continue }
                #expect(path == "winograd" && reason.contains(limit), "\(reason)")
            }
            #expect(explain(g, scalar: Float.self).excluded[.winograd] != nil)
        }
    }

    /// A dilated layer's phase outputs (one batch item's, `d_y·d_x` phases of
    /// `(⌈P_y/d_y⌉ − 2) × (⌈P_x/d_x⌉ − 2)` per output channel) count against the workspace
    /// budget: a budget that holds the tiles but not them is refused with a typed error
    /// naming both sizes, and `auto` leaves Winograd out; a budget that holds them runs.
    @Test func dilationPhasesThatOverflowTheBudgetAreRefused() throws {
        let g = try ConvolutionGeometry.layer(inputShape: [1, 4, 20, 20], weightShape: [8, 4, 3, 3],
                                              padding: .symmetric([2]), dilation: [2])
        // 4 phases of 12² padded → 10² outputs, 8 channels, 8-byte scalars.
        let needed = 4 * 8 * 10 * 10 * 8
        #expect(WinogradPath.dilationScratch(g) * 8 == needed)
        let options = ConvolutionOptions(threads: 1, workspaceBudget: needed - 8)
        let x = try Tensor<Float>(shape: g.inputShape, repeating: 1), k = try Tensor<Float>(shape: g.kernelShape, repeating: 1)
        #expect(throws: ConvolutionError.workspaceBudgetTooSmall(unit: "one batch item's outputs in dilation phases",
                                                                 neededBytes: needed, budgetBytes: needed - 8)) {
            try compute(g, input: x, kernel: k, method: .winograd, options: options)
        }
        #expect(explain(g, scalar: Float.self, options: options).excluded[.winograd] != nil)
        _ = try compute(g, input: x, kernel: k, method: .winograd, options: ConvolutionOptions(threads: 1,
                                                                                                workspaceBudget: needed))
    }

    /// Kernel tiles made eight at a time (one kernel per `SIMD8` lane) give each kernel's
    /// tile made alone, bit for bit: every tile, `Float` and `Double`. (The layers of
    /// `geometries` with 384 kernels run through them, against the formula, above.)
    @Test func eightKernelTilesAtOnceGiveEachKernelsOwnTileBits() {
        func compare<T: ConvolveScalar, W: WinogradTile>(_: T.Type, _: W.Type) {
            var random = SeededRandom(seed: stableSeed("kernel tiles \(W.self) \(T.dtypeName)"))
            let n = W.kernelElements, r = W.taps
            let kernels: [T] = random.values(8 * n).map { T($0) }
            let e = W.elements
            var eight = [T](repeating: .nan, count: e * 8), single = [T](repeating: .nan, count: e * 8)
            kernels.withUnsafeBufferPointer { g in
                withUnsafeTemporaryAllocation(of: SIMD8<T>.self, capacity: n + r * W.window + e) { lanes in
                    W.kernelTiles8(g.baseAddress!, scratch: lanes.baseAddress!, into: &eight, step: 8)
                }
                withUnsafeTemporaryAllocation(of: T.self, capacity: r * W.window) { scratch in
                    single.withUnsafeMutableBufferPointer { u in
                        for k in 0..<8 {
                            W.kernelTile(g.baseAddress! + n * k, scratch: scratch.baseAddress!, into: u.baseAddress! + k,
                                         step: 8)
                        }
                    }
                }
            }
            #expect(DirectForms.differing(eight, single) == 0, "\(W.self) \(T.dtypeName)")
        }
        compare(Float.self, WinogradF4.self)
        compare(Double.self, WinogradF4.self)
        compare(Float.self, WinogradF2.self)
        compare(Double.self, WinogradF2.self)
        compare(Float.self, WinogradF2K5.self)
        compare(Double.self, WinogradF2K5.self)
    }

    /// The kernel transform as the path runs it (``WinogradPath/transformKernels``: the AVX2
    /// form where it runs, then `SIMD8` lanes, then one by one) gives each kernel's tile made
    /// alone, bit for bit, and leaves the cache line between `U_ξ` and `U_ξ+1` untouched: every
    /// tile, `Float` and `Double`, counts that leave the vector forms a remainder.
    /// Where AVX2 runs, it transforms every whole vector's worth of 3×3 kernels itself.
    @Test func kernelTransformGivesEachKernelsOwnTileBits() {
        func compare<T: ConvolveScalar, W: WinogradTile>(_: T.Type, _: W.Type, count: Int) {
            var random = SeededRandom(seed: stableSeed("kernel transform \(W.self) \(T.dtypeName) \(count)"))
            let n = W.kernelElements
            let kernels: [T] = random.values(n * count).map { T($0) }
            let e = W.elements, step = WinogradPath.kernelTileStride(count: count, scalarSize: MemoryLayout<T>.stride)
            var made = [T](repeating: .nan, count: e * step), single = made
            kernels.withUnsafeBufferPointer { g in
                WinogradPath.transformKernels(W.self, g.baseAddress!, count: count, into: &made, step: step, workers: 2)
                withUnsafeTemporaryAllocation(of: T.self, capacity: W.taps * W.window) { scratch in
                    single.withUnsafeMutableBufferPointer { u in
                        for k in 0..<count {
                            W.kernelTile(g.baseAddress! + n * k, scratch: scratch.baseAddress!, into: u.baseAddress! + k,
                                         step: step)
                        }
                    }
                }
                if VectorWinograd.runs && W.taps == 3 {
                    var vector = [T](repeating: .nan, count: e * step)
                    let done = VectorWinograd.transformKernels(g.baseAddress!, count: count, outputs: W.outputs,
                                                               into: &vector, step: step)
                    let width = T.self == Float.self ? 8 : 4
                    #expect(done == count / width * width, "\(W.self) \(T.dtypeName) \(count)")
                    let wanted = (0..<e * step).map { $0 % step < done ? single[$0] : .nan }
                    #expect(DirectForms.differing(vector, wanted) == 0, "AVX2 \(W.self) \(T.dtypeName) \(count)")
                }
            }
            #expect(DirectForms.differing(made, single) == 0, "\(W.self) \(T.dtypeName) \(count)")
            #expect((0..<e).allSatisfy { xi in (count..<step).allSatisfy { made[xi * step + $0].isNaN } })
        }
        for count in [1, 7, 75, 1024] {
            compare(Float.self, WinogradF4.self, count: count)
            compare(Double.self, WinogradF4.self, count: count)
            compare(Float.self, WinogradF2.self, count: count)
            compare(Double.self, WinogradF2.self, count: count)
            compare(Float.self, WinogradF2K5.self, count: count)
            compare(Double.self, WinogradF2K5.self, count: count)
        }
    }

    /// Where the AVX2 tile transforms run (`Float`), they give the `SIMD8` loops' bits: the
    /// input transform of eight windows of a row and of eight windows anywhere, and the
    /// output transform of eight tiles in a row and scattered, every tile; an output
    /// element the tiles do not cover stays untouched.
    @Test func vectorTileTransformsGiveTheLanesBits() {
        guard VectorWinograd.tilesRun(Float.self) else { return }
        func compare<W: WinogradTile>(_: W.Type) {
            var random = SeededRandom(seed: stableSeed("tile transforms \(W.self)"))
            let m = W.outputs, a = W.window, e = W.elements, rowStride = 8 * m + a + 3
            let step = 8 + 5
            // The windows' rows, and the output transform's `α²` elements `step` apart.
            let plane: [Float] = random.values(max(rowStride * (3 * a), e * step)).map { Float($0) }
            let offsets = SIMD8<Int>(0, 3, 1 * rowStride + 5, 7, 2 * rowStride, 11, rowStride + 1, 2 * m)
            withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: 2 * e) { lanes in
                plane.withUnsafeBufferPointer { p in
                    for gathered in [false, true] {
                        var vector = [Float](repeating: .nan, count: e * step), swift = vector
                        if gathered {
                            VectorWinograd.inputTiles8(p.baseAddress!, offsets: offsets, rowStride: rowStride,
                                                       tile: W.vectorCode, into: &vector, step: step)
                            W.inputTiles8(p.baseAddress!, offsets: offsets, rowStride: rowStride,
                                          scratch: lanes.baseAddress!, into: &swift, step: step)
                        } else {
                            VectorWinograd.inputTiles8(p.baseAddress! + 1, rowStride: rowStride, tile: W.vectorCode,
                                                       into: &vector, step: step)
                            W.inputTiles8(p.baseAddress! + 1, rowStride: rowStride, scratch: lanes.baseAddress!,
                                          into: &swift, step: step)
                        }
                        #expect(DirectForms.differing(vector, swift) == 0, "input \(W.self) gathered \(gathered)")
                    }
                    let outputStride = 8 * m + 3
                    for corners in [SIMD8<Int>(0, 1, 2, 3, 4, 5, 6, 7) &* m &+ 1,
                                    SIMD8<Int>(5 * m, 0, m * outputStride, 2 * m, 7 * m, m * outputStride + 3 * m,
                                               m * outputStride + m, 3 * m)] {
                        var vector = [Float](repeating: .nan, count: 2 * m * outputStride), swift = vector
                        VectorWinograd.outputTiles8(p.baseAddress!, step: step, tile: W.vectorCode, into: &vector,
                                                    corners: corners, rowStride: outputStride)
                        W.outputTiles8(p.baseAddress!, step: step, scratch: lanes.baseAddress!, into: &swift,
                                       corners: corners, rowStride: outputStride)
                        #expect(DirectForms.differing(vector, swift) == 0, "output \(W.self) \(corners)")
                        #expect(vector.filter(\.isNaN).count == 2 * m * outputStride - 8 * m * m)
                    }
                }
            }
        }
        compare(WinogradF4.self)
        compare(WinogradF2.self)
        compare(WinogradF2K5.self)
    }

    /// A layer's bias added by the Winograd path as it stores its tiles gives the bits of the
    /// path's output with the bias added after it: whole and partial tiles, eight tiles in
    /// a row and across rows, several groups and batch items, `Float` and `Double`.
    @Test func biasAddedInTheOutputTransformEqualsAPassAfterIt() throws {
        func compare<T: ConvolveScalar>(_: T.Type, input: [Int], weight: [Int], groups: Int) throws {
            let g = try ConvolutionGeometry.layer(inputShape: input, weightShape: weight, padding: .same, groups: groups)
            var random = SeededRandom(seed: stableSeed("winograd bias \(T.dtypeName) \(input)"))
            let x: [T] = random.values(Shape.product(input)).map { T($0) }
            let k: [T] = random.values(Shape.product(weight)).map { T($0) }
            let bias: [T] = random.values(weight[0]).map { T($0) }
            let fused = try Engine.run(g, input: x, kernel: k, bias: bias, method: .winograd, options: .init())
            var after = try Engine.run(g, input: x, kernel: k, method: .winograd, options: .init())
            let volume = g.outputVolume
            for i in after.indices { after[i] += bias[(i / volume) % weight[0]] }
            #expect(DirectForms.differing(fused, after) == 0, "\(T.dtypeName) \(input) \(weight)")
        }
        for (input, weight, groups) in [([2, 4, 13, 10], [6, 2, 3, 3], 2), ([1, 3, 40, 37], [5, 3, 3, 3], 1),
                                        ([1, 8, 14, 14], [8, 8, 3, 3], 1), ([2, 4, 11, 21], [6, 2, 5, 5], 2),
                                        ([1, 3, 20, 38], [4, 3, 5, 5], 1)] {
            try compare(Float.self, input: input, weight: weight, groups: groups)
            try compare(Double.self, input: input, weight: weight, groups: groups)
        }
    }

    /// The chunks of tiles are of equal size (none narrow), hold the cache target's worth
    /// of `V` and `M` unless that is under the minimum of columns, and never exceed the
    /// workspace budget.
    @Test func chunksOfTilesAreEvenWithinTheCacheTargetAndTheBudget() throws {
        for (channels, side) in [(16, 224), (64, 112), (64, 56), (256, 14), (512, 7), (3, 1024)] {
            let g = try ConvolutionGeometry.layer(inputShape: [1, channels, side, side],
                                                  weightShape: [channels, channels, 3, 3], padding: .same)
            let tiles = ((side + 3) / 4) * ((side + 3) / 4), perTile = WinogradPath.bytesPerTile(g, scalarSize: 4)
            for budget in [ConvolutionOptions.defaultWorkspaceBudget, 10 * perTile, perTile] {
                let chunk = WinogradPath.chunkTiles(g, tiles: tiles, scalarSize: 4, workspaceBudget: budget)
                let chunks = (tiles + chunk - 1) / chunk
                #expect(chunk >= 1 && chunk * perTile <= budget, "\(channels)@\(side)² budget \(budget)")
                #expect(chunk * (chunks - 1) < tiles && tiles - chunk * (chunks - 1) > chunk - chunks,
                        "equal chunks: \(tiles) tiles in \(chunks) of \(chunk)")
                if budget == ConvolutionOptions.defaultWorkspaceBudget {
                    let target = max(WinogradPath.chunkMinimumTiles, WinogradPath.chunkCacheBytes / perTile)
                    #expect(chunk <= target && (chunk == tiles || 2 * chunk > target),
                            "\(channels)@\(side)²: \(chunk) of \(tiles) tiles, target \(target)")
                }
            }
        }
    }
}

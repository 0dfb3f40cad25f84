import Testing
@testable import Convolve

/// The chooser is a pure function of geometry, scalar size, options and finiteness.
@Suite struct ChooserTests {
    @Test func explainEstimatesEveryPathThatCanRunAndSaysWhyNotTheOthers() throws {
        let choice = try explainSignal(inputShape: [256, 256], kernelShape: [7, 7], mode: .same, scalar: Float.self)
        #expect(Set(choice.estimates.keys) == [.direct, .gemm, .fft])
        #expect(choice.excluded[.winograd]?.contains("3×3 and 5×5 kernels only") == true)
        #expect(choice.description.contains("winograd excluded"))
        let small = try explainSignal(inputShape: [256, 256], kernelShape: [3, 3], mode: .same, scalar: Float.self)
        #expect(Set(small.estimates.keys) == Set(Path.allCases))
        #expect(choice.estimates[choice.path] == choice.estimates.values.min())
        #expect(choice.description.contains("chosen: \(choice.path)"))
    }

    /// `explain` names the direct path's form, in its description too: the output rows for
    /// a one-channel image filter, and where a vector form runs the depthwise lanes for
    /// MobileNetV2's c960@7² and the channel blocks for a ResNet 3×3 layer; `auto`'s own
    /// choice leaves it out.
    @Test func explainNamesTheDirectPathsForm() throws {
        let image = try explainSignal(inputShape: [512, 512], kernelShape: [5, 5], mode: .same, scalar: Float.self)
        #expect(image.directForm == "output rows")
        #expect(image.description.contains("direct   estimated") && image.description.contains("(output rows)"))
        let geometry = try ConvolutionGeometry.signal(inputShape: [512, 512], kernelShape: [5, 5], mode: .same,
                                                      semantics: .correlation)
        #expect(PathChooser.choose(geometry, scalarSize: 4).directForm == nil)
        guard VectorInstructions.detected != .portable else { return }  // no vector form here
        let depthwise = try ConvolutionGeometry.layer(inputShape: [1, 960, 7, 7], weightShape: [960, 1, 3, 3],
                                                      padding: .symmetric([1]), groups: 960)
        #expect(explain(depthwise, scalar: Float.self).directForm == "depthwise lanes")
        let resnet = try ConvolutionGeometry.layer(inputShape: [1, 64, 56, 56], weightShape: [64, 64, 3, 3],
                                                   padding: .symmetric([1]))
        #expect(explain(resnet, scalar: Float.self, options: ConvolutionOptions(threads: 1)).directForm
            == "channel vectors")
    }

    /// explain names how GEMM's workers would share the call, as its own workers do.
    @Test func explainNamesHowGEMMsWorkersShareTheCall() throws {
        let deep = try ConvolutionGeometry.layer(inputShape: [1, 512, 7, 7], weightShape: [512, 512, 3, 3],
                                                 padding: .symmetric([1]))
        let batch = try ConvolutionGeometry.layer(inputShape: [8, 64, 56, 56], weightShape: [64, 64, 3, 3],
                                                  padding: .symmetric([1]))
        let wide = try ConvolutionGeometry.layer(inputShape: [1, 128, 56, 56], weightShape: [128, 128, 3, 3],
                                                 stride: [2], padding: .symmetric([1]))
        for (g, name) in [(deep, "2 workers over output channels"), (batch, "2 workers over batch items and groups"),
                          (wide, "2 workers over output positions")] {
            let two = explain(g, scalar: Float.self, options: ConvolutionOptions(threads: 2))
            #expect(two.gemmShare == name && two.description.contains("(\(name))"), "\(g)")
            #expect(explain(g, scalar: Float.self, options: ConvolutionOptions(threads: 1)).gemmShare == "one worker")
        }
    }

    /// Two FFT workers divide the estimate by `1 + gain`, the one-axis gain on 1-D problems;
    /// with the Zen 4's gains 1024² ∗ 15² stays on the FFT path at two threads, as at one
    /// (measured there: FFT 1.63 ms against direct's 2.27 on two threads).
    @Test func fftWorkersDivideTheEstimateByTheirRanksGain() throws {
        let image = try ConvolutionGeometry.signal(inputShape: [1024, 1024], kernelShape: [15, 15], mode: .same,
                                                   semantics: .convolution)
        let signal = try ConvolutionGeometry.signal(inputShape: [1 << 20], kernelShape: [128], mode: .same,
                                                    semantics: .convolution)
        for family in ProcessorFamily.allCases {
            let model = CostModel.measured(for: family)
            for (g, gain) in [(image, model.fftWorkerGain), (signal, model.fftOneAxisWorkerGain)] {
                let one = model.seconds(.fft, g, scalarSize: 4, threads: 1)
                let two = model.seconds(.fft, g, scalarSize: 4, threads: 2)
                #expect(abs(two * (1 + gain) / one - 1) < 1e-9, "\(family) \(g)")
            }
        }
        let zen4 = CostModel.measured(for: .amdZen4)
        #expect(zen4.fftWorkerGain > zen4.fftOneAxisWorkerGain)
        if VectorInstructions.detected == .avx512 {
            for threads in [1, 2] {
                let choice = PathChooser.choose(image, scalarSize: 4, options: ConvolutionOptions(threads: threads),
                                                model: zen4)
                #expect(choice.path == .fft, "1024² ∗ 15² on \(threads) threads")
            }
        }
    }

    @Test func smallKernelsGoDirectAndLargeKernelsGoToFFT() throws {
        let small = try explainSignal(inputShape: [1024, 1024], kernelShape: [3, 3], mode: .same, scalar: Float.self)
        #expect(small.path == .direct, "\(small)")
        let large = try explainSignal(inputShape: [1024, 1024], kernelShape: [63, 63], mode: .same, scalar: Float.self)
        #expect(large.path == .fft, "\(large)")
        let long = try explainSignal(inputShape: [1 << 20], kernelShape: [4096], mode: .same, scalar: Float.self)
        #expect(long.path == .fft, "\(long)")
    }

    /// The blocked direct kernel passes over every input row of every channel once per
    /// register block: with many channels and one tap that overhead, not the multiply-adds,
    /// sets its time (1×1 c64@56²: 1.6–1.9 ms by rows against 0.3–0.5 ms GEMM measured by
    /// the crossover suite), and the model counts it, so a pointwise layer never goes to the
    /// row kernel: to GEMM, or to the channel blocks (0.36 ms against GEMM's 0.40 in the
    /// layers run, `bench --workloads layers --peers`).
    @Test func theDirectEstimateCountsRowPassesSoPointwiseLayersAvoidTheRowKernel() throws {
        let geometry = try ConvolutionGeometry.layer(inputShape: [1, 64, 56, 56], weightShape: [64, 64, 1, 1])
        let g = Geometry3(geometry)
        // Row pairs (a 1×1 kernel is too short for AVX-512's four rows) × blocks × channels × (k_y + 1).
        #expect(DirectRowKernel.rowPasses(g, channels: 64, instructions: .avx2FMA) == Double(28 * 2 * 64 * 2))
        #expect(DirectRowKernel.rowPasses(g, channels: 64, instructions: .avx512) == Double(28 * 1 * 64 * 2))
        #expect(DirectRowKernel.rowPasses(g, channels: 64, instructions: .portable) == Double(28 * 4 * 64 * 2))
        let passes = DirectRowKernel.rowPasses(g, channels: 64)  // the form this processor runs, as the model counts
        let model = CostModel.measured
        var free = model
        free.directBlockedRowPass = 0
        let rows = model.directRowsSeconds(geometry, scalarSize: 4, threads: 1)
        #expect(abs(rows - free.directRowsSeconds(geometry, scalarSize: 4, threads: 1)
                    - 64 * passes * model.directBlockedRowPass) < 1e-12)
        #expect(rows > model.seconds(.gemm, geometry, scalarSize: 4))
        let path = PathChooser.choose(geometry, scalarSize: 4, options: .init(threads: 1)).path
        let form = model.directForm(geometry, scalarSize: 4, threads: 1,
                                    workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget)
        #expect(path == .gemm || (path == .direct && [.channelBlocks, .channelVectors].contains(form)))
    }

    /// A one-channel image's rows pad and write their bands on the workers that compute them
    /// (a depthwise layer's, its planes), so two workers halve the whole estimate, copies included; with the copies left on one
    /// worker, 1024² 3×3 on two threads had gone to the channel blocks (1.6–2.6 ms against
    /// the rows' 0.2), on every processor's constants.
    @Test func oneChannelImagesShareTheirCopiesBetweenWorkersAndStayInRows() throws {
        for k in [3, 5] {
            let image = try ConvolutionGeometry.signal(inputShape: [1024, 1024], kernelShape: [k, k], mode: .same,
                                                       semantics: .convolution)
            #expect(DirectPath.workers(image, threads: 2) == 2)
            for model in [CostModel.measuredIntel, .measuredAMDZen4, .measuredAMDZen3] {
                let one = model.directRowsSeconds(image, scalarSize: 4, threads: 1)
                let two = model.directRowsSeconds(image, scalarSize: 4, threads: 2)
                #expect(abs(two - one / 2) < 1e-12 * one, "\(k)×\(k): \(one) → \(two)")
                for threads in [1, 2] {
                    #expect(model.directForm(image, scalarSize: 4, threads: threads,
                                             workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget) == .rows)
                }
            }
        }
        // Planes padded whole (a depthwise layer) are padded and written by their workers too.
        let depthwise = try ConvolutionGeometry.layer(inputShape: [1, 32, 112, 112], weightShape: [32, 1, 3, 3],
                                                      padding: .symmetric([1]), groups: 32)
        #expect(DirectPath.runsPlanes(depthwise, Geometry3(depthwise), scalarSize: 4, threads: 2)
                && DirectPath.planeWorkers(depthwise, threads: 2) == 2)
        for model in [CostModel.measuredIntel, .measuredAMDZen4, .measuredAMDZen3] {
            let one = model.directRowsSeconds(depthwise, scalarSize: 4, threads: 1)
            let two = model.directRowsSeconds(depthwise, scalarSize: 4, threads: 2)
            #expect(abs(two - one / 2) < 1e-12 * one, "depthwise: \(one) → \(two)")
        }
    }

    /// Choices are kept per problem (``PathChoiceMemo``), so a second call asks nothing, but
    /// never handed to a call whose model, finiteness or options differ.
    @Test func keptChoicesAnswerOnlyTheirOwnProblem() throws {
        let g = try ConvolutionGeometry.layer(inputShape: [1, 64, 56, 56], weightShape: [64, 64, 3, 3],
                                              padding: .symmetric([1]))
        let one = ConvolutionOptions(threads: 1)
        let first = PathChooser.choose(g, scalarSize: 4, options: one)
        let again = PathChooser.choose(g, scalarSize: 4, options: one)
        #expect(again.path == first.path && again.estimates == first.estimates)
        var dearer = CostModel.current
        dearer.gemmMultiplyAdd *= 10
        let other = PathChooser.choose(g, scalarSize: 4, options: one, model: dearer)
        #expect(other.estimates[.gemm] == dearer.seconds(.gemm, g, scalarSize: 4, threads: 1))
        #expect(other.estimates[.gemm]! > 5 * first.estimates[.gemm]!)
        #expect(PathChooser.choose(g, scalarSize: 4, options: one, inputIsFinite: false).estimates[.fft] == nil)
        #expect(first.estimates[.fft] != nil)
        let two = PathChooser.choose(g, scalarSize: 4, options: ConvolutionOptions(threads: 2))
        #expect(two.estimates[.direct] == CostModel.current.seconds(.direct, g, scalarSize: 4, threads: 2))
    }

    @Test func autoNeverPicksFFTForNonFiniteData() throws {
        let geometry = try ConvolutionGeometry.signal(inputShape: [1024, 1024], kernelShape: [63, 63], mode: .same,
                                                      semantics: .convolution)
        let choice = explain(geometry, scalar: Float.self, inputIsFinite: false)
        #expect(choice.path != .fft)
        #expect(choice.estimates[.fft] == nil && choice.excluded[.fft] != nil)
    }

    @Test func theChoiceIsDeterministic() throws {
        let geometry = try ConvolutionGeometry.signal(inputShape: [300, 200], kernelShape: [15, 9], mode: .full,
                                                      semantics: .correlation)
        let a = PathChooser.choose(geometry, scalarSize: 4), b = PathChooser.choose(geometry, scalarSize: 4)
        #expect(a.path == b.path && a.estimates == b.estimates)
        // Double costs more than Float on every path.
        let d = PathChooser.choose(geometry, scalarSize: 8)
        for path in a.estimates.keys { #expect(d.estimates[path]! > a.estimates[path]!) }
    }

    /// What the bench measured on each processor family (docs/benchmarks.md,
    /// docs/path-selection.md): Winograd the 3×3 layers of 64 and 128 channels on all
    /// (1.4–1.5× faster than the channel blocks on the AMD Zen 4, 1.4× on the Intel Xeon
    /// once OpenBLAS ran its SkylakeX kernels there), and c256@14² on the AMD Zen 3; where
    /// a vector form runs, the direct path's channel blocks the strided stem, and c256@14²
    /// one-shot on the Intel Xeon in AVX-512 (its 65,536 kernel tiles cost more than
    /// Winograd saves); without a vector form Winograd takes the 3×3 layers and GEMM the
    /// stem; FFT the 31×31 layer, direct the depthwise one, everywhere. Each family's
    /// constants are checked by their own estimates, with the vector form this processor
    /// runs (the direct path's constants are that form's); `explain` follows the detected
    /// family's.
    @Test func resNetLayersGoWhereTheirProcessorsConstantsPlaceThem() throws {
        func geometry(_ x: [Int], _ w: [Int], stride: Int = 1, padding: Int, groups: Int = 1) throws -> ConvolutionGeometry {
            try .layer(inputShape: x, weightShape: w, stride: [stride], padding: .symmetric([padding]), groups: groups)
        }
        func pick(_ g: ConvolutionGeometry, _ model: CostModel) -> Path {
            PathChooser.choose(g, scalarSize: 4, model: model).path
        }
        let c64 = try geometry([1, 64, 56, 56], [64, 64, 3, 3], padding: 1)
        let c128 = try geometry([1, 128, 28, 28], [128, 128, 3, 3], padding: 1)
        let c256 = try geometry([1, 256, 14, 14], [256, 256, 3, 3], padding: 1)
        let stem = try geometry([1, 3, 224, 224], [64, 3, 7, 7], stride: 2, padding: 3)
        let big = try geometry([1, 16, 128, 128], [16, 16, 31, 31], padding: 15)
        let depthwise = try geometry([1, 32, 112, 112], [32, 1, 3, 3], padding: 1, groups: 32)
        let blocks = VectorInstructions.detected != .portable
        for family in ProcessorFamily.allCases {
            let model = CostModel.measured(for: family)
            let layers: Path = .winograd
            #expect(pick(c64, model) == layers, "\(family) c64@56²")
            #expect(pick(c128, model) == layers, "\(family) c128@28²")
            if family == .intel && VectorInstructions.detected != .avx2FMA {
                #expect(pick(c256, model) == (blocks ? .direct : .winograd), "intel c256@14²")
            }
            if family == .amdZen3 {
                // On one thread Winograd (2.28–2.50 ms against GEMM's 2.86–3.15 and direct's
                // 2.97–3.18, bench medians); on two, not GEMM, whose product OpenBLAS's threads
                // ran only about 1.6× faster there (medians of four runs, before GEMM had
                // workers of its own: Winograd 1.53, direct 1.74, GEMM 1.86 ms;
                // ``CostModel/gemmWorkerGain``).
                let one = PathChooser.choose(c256, scalarSize: 4, options: ConvolutionOptions(threads: 1), model: model)
                #expect(one.path == .winograd, "amd-zen3 c256@14²")
                let two = PathChooser.choose(c256, scalarSize: 4, options: ConvolutionOptions(threads: 2), model: model)
                #expect(two.path != .gemm, "amd-zen3 c256@14² on two threads")
            }
            #expect(pick(stem, model) == (blocks ? .direct : .gemm), "\(family) stem")
            #expect(pick(big, model) == .fft, "\(family) 31×31")
            #expect(pick(depthwise, model) == .direct, "\(family) depthwise")
        }
        // explain, on this machine, as its family's estimates order the paths.
        for g in [c64, c128, stem, big, depthwise] {
            #expect(explain(g, scalar: Float.self).path == pick(g, .measured), "\(g)")
        }
    }

    /// Strided 3×3 layers of 16–32 input channels whose output rows are at most two AVX-512
    /// vectors wide (28² from 56²) pay the channel blocks' strided factor though their rows
    /// fit the L1: without it the blocks' estimates read 1.18–1.23 of their times and took
    /// layers the channel vectors ran faster (release probe on the Zen 4, one thread, ms,
    /// vectors against blocks: c32→64 0.294 / 0.348, c16→32 0.086 / 0.107, c32→32 0.158 /
    /// 0.204), while the 7×7 stride-2 stem (112-wide rows) stays in the blocks (2.11 against
    /// 2.36).
    @Test func shortStridedRowsPayTheBlocksStridedFactorOnAVX512() throws {
        guard VectorInstructions.detected == .avx512 else { return }  // the forms these constants price
        let model = CostModel.measured(for: .amdZen4)
        func form(_ c: Int, _ o: Int, _ size: Int, _ k: Int = 3) throws -> DirectPath.Form {
            let g = try ConvolutionGeometry.layer(inputShape: [1, c, size, size], weightShape: [o, c, k, k], stride: [2],
                                                  padding: .symmetric([k / 2]))
            return model.directForm(g, scalarSize: 4, threads: 1, workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget)
        }
        #expect(try form(32, 64, 56) == .channelVectors && form(16, 32, 56) == .channelVectors)
        #expect(try form(32, 32, 56) == .channelVectors && form(3, 64, 224, 7) == .channelBlocks)
    }

    /// Layers of the networks suite on the Zen 3's constants with its AVX2 kernels (one
    /// thread), where the measurements placed them (release probe and `bench --suite
    /// networks`, best calls, ms): c512→512 3×3 on 7² direct (3.1–3.3 against GEMM's
    /// 3.5–3.8), which GEMM's weight price decides; 1×1 layers on 7² GEMM (1.37–1.47
    /// against direct's 1.76–2.45), which it must not touch; 1×1 layers of 16–32 input
    /// channels (MobileNetV2's expansions) in the channel blocks (c16→96@112² 0.57 against
    /// GEMM's 1.01, c24→144@56² 0.29 against 0.45, c32→192@28² 0.13 against 0.18), those of
    /// 64 on GEMM (c64→64@56² 0.38 against 0.42–0.44, c64→256@56² 1.45 against 1.49–1.55);
    /// the unpadded strided 1×1
    /// GEMM (0.71–0.96 against 1.15–1.40), which no longer pays for a padded copy; and the
    /// strided depthwise layer direct in rows (the stride-2 plane kernel: 0.46–0.57 in calm
    /// probe runs, the column phases before it 0.73–0.80, against the channel blocks'
    /// 1.08–1.11); the dilated 3×3 c256@28² on Winograd by phases (7.6–8.2 against GEMM's
    /// 11.0–11.6 and direct's 12.1–14.0); 5×5 layers of many channels on Winograd's
    /// F(2×2, 5×5) (c32→64 on 28² 0.82 against the channel blocks' 1.01, c96 on 28² 2.67
    /// against 4.48), but 5×5 c16→32 on 112² not (6.5 against direct's 4.7), the direct
    /// path's form for the c32→64 layer the channel vectors (0.89–0.94 against the blocks'
    /// 1.05–1.14); the strided 3×3 layers of many channels direct in channel vectors
    /// (c128@56²: 2.69–2.89 against GEMM's 3.10–3.36; c256@28² 2.91–3.10 against
    /// 2.95–3.25), where the channel blocks' phase planes (4.1–4.3) had left them on GEMM;
    /// and the 7×7 stride-2 stem of three channels direct (2.6–2.9 against GEMM's
    /// 3.8–4.3).
    @Test func networkLayersGoWhereTheZen3sMeasurementsPlaceThem() throws {
        guard VectorInstructions.detected == .avx2FMA else { return }  // the constants of that form
        let model = CostModel.measured(for: .amdZen3)
        func pick(_ x: [Int], _ w: [Int], stride: Int = 1, padding: Int, groups: Int = 1) throws -> PathChoice {
            let g = try ConvolutionGeometry.layer(inputShape: x, weightShape: w, stride: [stride],
                                                  padding: .symmetric([padding]), groups: groups)
            return PathChooser.choose(g, scalarSize: 4, options: ConvolutionOptions(threads: 1), model: model)
        }
        #expect(try pick([1, 512, 7, 7], [512, 512, 3, 3], padding: 1).path == .direct)
        #expect(try pick([1, 1024, 7, 7], [1024, 1024, 1, 1], padding: 0).path == .gemm)
        #expect(try pick([1, 2048, 7, 7], [512, 2048, 1, 1], padding: 0).path == .gemm)
        #expect(try pick([1, 256, 56, 56], [128, 256, 1, 1], stride: 2, padding: 0).path == .gemm)
        #expect(try pick([1, 16, 112, 112], [96, 16, 1, 1], padding: 0).path == .direct)
        #expect(try pick([1, 24, 56, 56], [144, 24, 1, 1], padding: 0).path == .direct)
        #expect(try pick([1, 32, 28, 28], [192, 32, 1, 1], padding: 0).path == .direct)
        #expect(try pick([1, 64, 56, 56], [64, 64, 1, 1], padding: 0).path == .gemm)
        #expect(try pick([1, 64, 56, 56], [256, 64, 1, 1], padding: 0).path == .gemm)
        let depthwise = try ConvolutionGeometry.layer(inputShape: [1, 96, 112, 112], weightShape: [96, 1, 3, 3],
                                                      stride: [2], padding: .symmetric([1]), groups: 96)
        #expect(PathChooser.choose(depthwise, scalarSize: 4, options: ConvolutionOptions(threads: 1), model: model)
            .path == .direct)
        #expect(model.directForm(depthwise, scalarSize: 4, threads: 1,
                                 workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget) == .rows)
        let dilated = try ConvolutionGeometry.layer(inputShape: [1, 256, 28, 28], weightShape: [256, 256, 3, 3],
                                                    padding: .symmetric([2]), dilation: [2])
        #expect(PathChooser.choose(dilated, scalarSize: 4, options: ConvolutionOptions(threads: 1), model: model)
            .path == .winograd)
        let fiveByFive = try ConvolutionGeometry.layer(inputShape: [1, 32, 28, 28], weightShape: [64, 32, 5, 5],
                                                       padding: .symmetric([2]))
        #expect(PathChooser.choose(fiveByFive, scalarSize: 4, options: ConvolutionOptions(threads: 1), model: model)
            .path == .winograd)
        #expect(try pick([1, 96, 28, 28], [96, 96, 5, 5], padding: 2).path == .winograd)
        #expect(try pick([1, 16, 112, 112], [32, 16, 5, 5], padding: 2).path != .winograd)
        #expect(model.directForm(fiveByFive, scalarSize: 4, threads: 1,
                                 workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget) == .channelVectors)
        for (x, w) in [([1, 256, 28, 28], [256, 256, 3, 3]), ([1, 128, 56, 56], [128, 128, 3, 3])] {
            let g = try ConvolutionGeometry.layer(inputShape: x, weightShape: w, stride: [2], padding: .symmetric([1]))
            #expect(model.directForm(g, scalarSize: 4, threads: 1,
                                     workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget) == .channelVectors)
        }
        #expect(try pick([1, 256, 28, 28], [256, 256, 3, 3], stride: 2, padding: 1).path == .direct)
        #expect(try pick([1, 128, 56, 56], [128, 128, 3, 3], stride: 2, padding: 1).path == .direct)
        #expect(try pick([1, 3, 224, 224], [64, 3, 7, 7], stride: 2, padding: 3).path == .direct)
    }

    @Test func preparedKernelsLeaveExactlyTheirTransformsOutOfTheEstimates() throws {
        let c256 = try ConvolutionGeometry.layer(inputShape: [1, 256, 14, 14], weightShape: [256, 256, 3, 3],
                                                 padding: .symmetric([1]))
        let one = ConvolutionOptions(threads: 1)
        for family in ProcessorFamily.allCases {
            let model = CostModel.measured(for: family)
            let once = PathChooser.choose(c256, scalarSize: 4, options: one, model: model)
            let prepared = PathChooser.choose(c256, scalarSize: 4, options: one, kernelsPrepared: true, model: model)
            #expect(prepared.kernelsPrepared && !once.kernelsPrepared)
            #expect(prepared.reason.contains("kernels prepared") && !once.reason.contains("kernels prepared"))
            // Direct's saving is the channel vectors' packing, where the vectors are its estimate.
            let vectors = model.directChannelVectorsSeconds(c256, scalarSize: 4, threads: 1, weightsPrepared: true)
            #expect(prepared.estimates[.direct] == min(once.estimates[.direct]!, vectors ?? .infinity), "\(family)")
            #expect(prepared.estimates[.gemm] == once.estimates[.gemm], "\(family)")
            // Winograd's saving is the O·Cg kernel transforms of the tile the path uses.
            let tile = model.winogradTile(c256)
            let kernels = Double(256 * 256) * model.winogradKernelTile * Double(tile.elements) / 36
            let saved = once.estimates[.winograd]! - prepared.estimates[.winograd]!
            #expect(abs(saved - kernels) <= 1e-9 * kernels, "\(family): saved \(saved), kernels \(kernels)")
            #expect(prepared.estimates[.fft]! < once.estimates[.fft]!, "\(family)")
        }
    }

    /// Prepared values pack the channel vectors' weights once (``ChannelVectorWeights``), so
    /// their estimate leaves out exactly the packing, and the form is chosen without it:
    /// c512@7² on two threads with AVX-512 ran the channel blocks prepared (1.40 ms) where
    /// the vectors with packed weights ran 1.15 (release probe, AMD EPYC Zen 4).
    @Test func preparedChannelVectorWeightsLeaveExactlyTheirPackingOutOfTheEstimate() throws {
        let c512 = try ConvolutionGeometry.layer(inputShape: [1, 512, 7, 7], weightShape: [512, 512, 3, 3],
                                                 padding: .symmetric([1]))
        let c128 = try ConvolutionGeometry.layer(inputShape: [1, 128, 28, 28], weightShape: [128, 128, 3, 3],
                                                 padding: .symmetric([1]))
        for family in ProcessorFamily.allCases {
            let model = CostModel.measured(for: family)
            for g in [c512, c128] {
                for instructions in [VectorInstructions.avx2FMA, .avx512] {
                    // Packed once per call, or by each item of positions (c512@7²'s one), the
                    // items on both workers at once.
                    let items = DirectChannelVectors.items(g, scalarSize: 4, instructions: instructions).positions
                    let perItem = DirectChannelVectors.packsPerItem(g, scalarSize: 4, instructions: instructions)
                    let workers = DirectChannelVectors.workers(g, threads: 2, scalarSize: 4, instructions: instructions)
                    let packings = perItem ? CostModel.itemPackingFactor * Double(items) / Double(workers) : 1
                    let packing = Double(g.outputChannels * g.groupInputChannels * g.kernelVolume) * packings
                        * model.copyElement
                    let once = model.directChannelVectorsSeconds(g, scalarSize: 4, threads: 2, instructions: instructions)!
                    let prepared = model.directChannelVectorsSeconds(g, scalarSize: 4, threads: 2, instructions: instructions,
                                                                     weightsPrepared: true)!
                    #expect(abs(once - prepared - packing) <= 1e-9 * once, "\(family) \(instructions)")
                }
            }
        }
        // And where each item packs its own, on two threads too (1.18–1.21 ms against the
        // channel blocks' 1.32–1.35 one-shot, release probe, AMD EPYC Zen 4).
        let zen4 = CostModel.measured(for: .amdZen4)
        for prepared in [false, true] {
            #expect(zen4.directForm(c512, scalarSize: 4, threads: 2, workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget,
                                    instructions: .avx512, weightsPrepared: prepared) == .channelVectors, "\(prepared)")
        }
    }

    @Test func preparedLayersAndPlansChooseWithoutTheirKernelsTransformsAndRunThatChoice() throws {
        var random = SystemRandomNumberGenerator()
        let w = try Tensor<Float>(shape: [256, 256, 3, 3], elements: (0..<(256 * 256 * 9)).map { _ in
            Float.random(in: -1..<1, using: &random)
        })
        let x = try Tensor<Float>(shape: [1, 256, 14, 14], elements: (0..<(256 * 196)).map { _ in
            Float.random(in: -1..<1, using: &random)
        })
        let one = ConvolutionOptions(threads: 1)
        let layer = try ConvolutionLayer(weight: w, padding: .symmetric([1]), options: one)
        let g = try layer.geometry(inputShape: x.shape)
        let choice = try layer.explain(inputShape: x.shape)
        #expect(choice.kernelsPrepared)
        #expect(choice.path == PathChooser.choose(g, scalarSize: 4, options: layer.options, kernelsPrepared: true).path)
        #expect(try ConvolutionPlan(g, kernel: w, options: one).path == choice.path)
        // The layer runs that path: its outputs are that path's, bit for bit.
        let forced = try conv2d(x, weight: w, padding: .symmetric([1]), method: Method(rawValue: choice.path.rawValue)!,
                                options: one)
        #expect(try layer(x).elements == forced.elements, "\(choice.path)")
        // With the AMD Zen 4's constants c256@14² runs Winograd one-shot and prepared: 1.43–1.70
        // and 1.33–1.48 ms against direct's 2.31–2.36 (release probe, 2026-12-07), where the
        // constants before (its kernel tiles at 11.4 ns, 0.3 ns a byte of spill) ran it direct
        // one-shot (docs/performance.md).
        if VectorInstructions.detected == .avx512 {
            let amd = CostModel.measured(for: .amdZen4)
            #expect(PathChooser.choose(g, scalarSize: 4, options: one, model: amd).path == .winograd)
            #expect(PathChooser.choose(g, scalarSize: 4, options: one, kernelsPrepared: true, model: amd).path == .winograd)
        }
    }
}

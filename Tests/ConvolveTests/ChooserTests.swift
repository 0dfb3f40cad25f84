import Testing
@testable import Convolve

/// The chooser is a pure function of geometry, scalar size, options and finiteness.
@Suite struct ChooserTests {
    @Test func explainEstimatesEveryPathThatCanRunAndSaysWhyNotTheOthers() throws {
        let choice = try explainSignal(inputShape: [256, 256], kernelShape: [7, 7], mode: .same, scalar: Float.self)
        #expect(Set(choice.estimates.keys) == [.direct, .gemm, .fft])
        #expect(choice.excluded[.winograd]?.contains("3×3 kernels only") == true)
        #expect(choice.description.contains("winograd excluded"))
        let small = try explainSignal(inputShape: [256, 256], kernelShape: [3, 3], mode: .same, scalar: Float.self)
        #expect(Set(small.estimates.keys) == Set(Path.allCases))
        #expect(choice.estimates[choice.path] == choice.estimates.values.min())
        #expect(choice.description.contains("chosen: \(choice.path)"))
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
        #expect(path == .gemm || (path == .direct && form == .channelBlocks))
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

    @Test func resNetLayersGoToDirectChannelBlocksAndTheBigKernelToFFT() throws {
        // What the bench measured here (docs/benchmarks.md): where a vector form runs, the
        // direct path's channel blocks win the 3×3 layers and the strided stem (without them
        // Winograd took the 3×3 layers and GEMM the stem), FFT the 31×31 layer, direct
        // depthwise.
        func pick(_ x: [Int], _ w: [Int], stride: Int = 1, padding: Int, groups: Int = 1) throws -> Path {
            explain(try .layer(inputShape: x, weightShape: w, stride: [stride], padding: .symmetric([padding]),
                               groups: groups), scalar: Float.self).path
        }
        let blocks = VectorInstructions.detected != .portable
        #expect(try pick([1, 64, 56, 56], [64, 64, 3, 3], padding: 1) == (blocks ? .direct : .winograd))
        #expect(try pick([1, 128, 28, 28], [128, 128, 3, 3], padding: 1) == (blocks ? .direct : .winograd))
        #expect(try pick([1, 256, 14, 14], [256, 256, 3, 3], padding: 1) == (blocks ? .direct : .winograd))
        #expect(try pick([1, 3, 224, 224], [64, 3, 7, 7], stride: 2, padding: 3) == (blocks ? .direct : .gemm))
        #expect(try pick([1, 16, 128, 128], [16, 16, 31, 31], padding: 15) == .fft)
        #expect(try pick([1, 32, 112, 112], [32, 1, 3, 3], padding: 1, groups: 32) == .direct)
    }
}

import Testing
@testable import Convolve

/// The chooser is a pure function of geometry, scalar size, options and finiteness.
@Suite struct ChooserTests {
    @Test func explainEstimatesEveryPath() throws {
        let choice = try explainSignal(inputShape: [256, 256], kernelShape: [7, 7], mode: .same, scalar: Float.self)
        #expect(Set(choice.estimates.keys) == Set(Path.allCases))
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
        for path in Path.allCases { #expect(d.estimates[path]! > a.estimates[path]!) }
    }
}

import Testing
@testable import Convolve

/// Every bad input gets its typed error, and a failed call leaves the caller's output alone.
@Suite struct ErrorTests {
    let x2 = Tensor<Float>.from([6, 5], (0..<30).map { Double($0) })
    let k2 = Tensor<Float>.from([3, 3], Array(repeating: 1, count: 9))

    @Test func rankMismatchIsRefused() {
        #expect(throws: ConvolutionError.rankMismatch(input: 2, kernel: 1)) {
            try convolve(x2, Tensor<Float>([1, 2, 3]))
        }
    }

    @Test func fourAxesAreRefused() throws {
        let x = try Tensor<Float>(shape: [2, 2, 2, 2], repeating: 1)
        #expect(throws: ConvolutionError.unsupportedRank(argument: "input", rank: 4, allowed: 1...3)) {
            try correlate(x, x)
        }
    }

    @Test func emptyAxesAreRefused() throws {
        let empty = try Tensor<Float>(shape: [4, 0])
        #expect(throws: ConvolutionError.emptyAxis(argument: "input", axis: 1)) { try convolve(empty, k2) }
        #expect(throws: ConvolutionError.emptyAxis(argument: "kernel", axis: 1)) { try convolve(x2, empty) }
    }

    @Test func elementCountMustMatchShape() {
        #expect(throws: ConvolutionError.elementCountMismatch(argument: "elements", shape: [2, 2], count: 3)) {
            try Tensor<Float>(shape: [2, 2], elements: [1, 2, 3])
        }
        #expect(throws: ConvolutionError.negativeExtent(argument: "shape", axis: 0, extent: -1)) {
            try Tensor<Float>(shape: [-1, 2])
        }
    }

    @Test func sizesWhoseProductOverflowsAreRefused() {
        #expect(throws: ConvolutionError.sizeOverflow(argument: "shape", shape: [Int.max, 2])) {
            try Tensor<Float>(shape: [Int.max, 2])
        }
        #expect(throws: ConvolutionError.self) {
            try ConvolutionGeometry(inputExtent: [1 << 40, 1 << 40], kernelExtent: [1, 1])
        }
        #expect(throws: ConvolutionError.self) {
            try ConvolutionGeometry(inputExtent: [8], kernelExtent: [3], padBefore: [Int.max], padAfter: [1])
        }
    }

    @Test func geometriesWithoutOutputAreRefused() {
        #expect(throws: ConvolutionError.noOutput(axis: 0, paddedInput: 3, dilatedKernel: 5)) {
            try ConvolutionGeometry(inputExtent: [3], kernelExtent: [5])
        }
        #expect(throws: ConvolutionError.noOutput(axis: 1, paddedInput: 6, dilatedKernel: 7)) {
            try ConvolutionGeometry(inputExtent: [6, 6], kernelExtent: [3, 3], dilation: [1, 3])
        }
    }

    @Test func nonPositiveStrideDilationAndNegativePaddingAreRefused() {
        #expect(throws: ConvolutionError.invalidStride(axis: 0, stride: 0)) {
            try ConvolutionGeometry(inputExtent: [8], kernelExtent: [3], stride: [0])
        }
        #expect(throws: ConvolutionError.invalidStride(axis: 1, stride: -2)) {
            try ConvolutionGeometry(inputExtent: [8, 8], kernelExtent: [3, 3], stride: [1, -2])
        }
        #expect(throws: ConvolutionError.invalidDilation(axis: 0, dilation: 0)) {
            try ConvolutionGeometry(inputExtent: [8], kernelExtent: [3], dilation: [0])
        }
        #expect(throws: ConvolutionError.invalidPadding(axis: 0, before: -1, after: 0)) {
            try ConvolutionGeometry(inputExtent: [8], kernelExtent: [3], padBefore: [-1])
        }
        #expect(throws: ConvolutionError.optionRankMismatch(option: "stride", count: 3, expected: 2)) {
            try ConvolutionGeometry(inputExtent: [8, 8], kernelExtent: [3, 3], stride: [1, 1, 1])
        }
    }

    @Test func groupsMustDivideChannels() {
        #expect(throws: ConvolutionError.invalidGroups(groups: 2, inputChannels: 3, outputChannels: 4)) {
            try ConvolutionGeometry(inputChannels: 3, outputChannels: 4, groups: 2, inputExtent: [8], kernelExtent: [3])
        }
        #expect(throws: ConvolutionError.invalidCount(argument: "batch", value: 0)) {
            try ConvolutionGeometry(batch: 0, inputExtent: [8], kernelExtent: [3])
        }
    }

    @Test func reflectOnAnAxisOfLengthOneIsRefused() throws {
        let row = try Tensor<Float>(shape: [1, 5], repeating: 1)
        #expect(throws: ConvolutionError.boundaryNeedsTwoSamples(boundary: "reflect", axis: 0)) {
            try convolve(row, k2, mode: .same, boundary: .reflect)
        }
        // Symmetric and edge repeat the single sample, as numpy.pad does.
        #expect(try convolve(row, k2, mode: .same, boundary: .symmetric).elements.allSatisfy { $0 >= 3 })
    }

    @Test func validModeNeedsOneOperandToCoverTheOther() throws {
        let wide = try Tensor<Float>(shape: [2, 9], repeating: 1)
        #expect(throws: ConvolutionError.validModeNeedsCoveringShapes(input: [6, 5], kernel: [2, 9])) {
            try convolve(x2, wide, mode: .valid)
        }
    }

    @Test func forcedFFTOnNonFiniteDataIsRefusedAndAutoAvoidsIt() throws {
        var x = try Tensor<Float>(shape: [128, 128], repeating: 1)
        x[10, 20] = .nan
        let k = try Tensor<Float>(shape: [63, 63], repeating: 1)
        #expect(throws: ConvolutionError.nonFiniteInputForFFT(argument: "input")) { try convolve(x, k, mode: .same, method: .fft) }
        var infiniteKernel = k
        infiniteKernel[0, 0] = .infinity
        #expect(throws: ConvolutionError.nonFiniteInputForFFT(argument: "kernel")) {
            try convolve(x2, infiniteKernel, method: .fft)
        }
        // auto would pick FFT for this size on finite data (3× below the direct path's
        // estimate), but must not here; the NaN then stays inside the kernel's footprint
        // instead of covering the image.
        let finiteChoice = try explainSignal(inputShape: [128, 128], kernelShape: [63, 63], mode: .same, scalar: Float.self)
        #expect(finiteChoice.path == .fft)
        let result = try convolve(x, k, mode: .same)
        let nanCount = result.elements.filter(\.isNaN).count
        #expect(nanCount > 0 && nanCount <= 63 * 63)
    }

    @Test func tooSmallWorkspaceBudgetIsRefusedForGEMMAndAvoidedByAuto() throws {
        let options = ConvolutionOptions(workspaceBudget: 16)
        #expect(throws: ConvolutionError.workspaceBudgetTooSmall(unit: "one im2col column of patches", neededBytes: 72, budgetBytes: 16)) {
            try convolve(x2, k2, method: .gemm, options: options)
        }
        let choice = try explainSignal(inputShape: [6, 5], kernelShape: [3, 3], scalar: Float.self, options: options)
        #expect(choice.excluded[.gemm] != nil && choice.path != .gemm)
        #expect(throws: ConvolutionError.invalidThreadCount(0)) {
            try convolve(x2, k2, options: ConvolutionOptions(threads: 0))
        }
    }

    @Test func failedCallLeavesTheCallersOutputUntouched() throws {
        let sentinel = Tensor<Float>.from([8, 7], (0..<56).map { Double($0) * 0.5 })
        var output = sentinel
        var poisoned = x2
        poisoned[0, 0] = .nan
        #expect(throws: ConvolutionError.nonFiniteInputForFFT(argument: "input")) {
            try convolve(poisoned, k2, into: &output, method: .fft)
        }
        #expect(output == sentinel)
        var wrongShape = try Tensor<Float>(shape: [3, 3], repeating: 7)
        #expect(throws: ConvolutionError.outputShapeMismatch(expected: [8, 7], actual: [3, 3])) {
            try correlate(x2, k2, into: &wrongShape)
        }
        #expect(wrongShape.elements.allSatisfy { $0 == 7 })
        try convolve(x2, k2, into: &output)
        #expect(output == (try convolve(x2, k2)))
    }

    @Test func messagesNameTheArgumentAndWhatIsAllowed() {
        let message = ConvolutionError.invalidStride(axis: 1, stride: 0).description
        #expect(message.contains("axis 1") && message.contains("≥ 1"))
        #expect(ConvolutionError.boundaryNeedsTwoSamples(boundary: "reflect", axis: 0).description.contains("at least 2"))
    }
}

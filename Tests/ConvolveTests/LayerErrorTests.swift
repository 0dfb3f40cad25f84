import Testing
@testable import Convolve

/// Every way a CNN layer call can be wrong gets its own typed error, before any work.
@Suite struct LayerErrorTests {
    let x = try! Tensor<Float>(shape: [2, 4, 8, 8], repeating: 1)
    let w = try! Tensor<Float>(shape: [6, 2, 3, 3], repeating: 1)

    @Test func channelsNotDivisibleByGroupsAreRefused() {
        #expect(throws: ConvolutionError.invalidGroups(groups: 3, inputChannels: 4, outputChannels: 6)) {
            try conv2d(x, weight: w, groups: 3)
        }
    }

    @Test func weightChannelsMustMatchTheInputsPerGroup() {
        #expect(throws: ConvolutionError.weightChannelMismatch(inputChannels: 4, weightChannels: 2, groups: 1)) {
            try conv2d(x, weight: w)
        }
        #expect(throws: ConvolutionError.weightChannelMismatch(inputChannels: 4, weightChannels: 2, groups: 1)) {
            try ConvolutionLayer(weight: w).callAsFunction(x)
        }
    }

    @Test func aKernelLargerThanThePaddedInputIsRefused() throws {
        let big = try Tensor<Float>(shape: [6, 2, 11, 3], repeating: 1)
        #expect(throws: ConvolutionError.noOutput(axis: 0, paddedInput: 10, dilatedKernel: 11)) {
            try conv2d(x, weight: big, padding: .symmetric([1]), groups: 2)
        }
        #expect(throws: ConvolutionError.noOutput(axis: 1, paddedInput: 8, dilatedKernel: 9)) {
            try conv2d(x, weight: w, dilation: [1, 4], groups: 2)
        }
    }

    @Test func strideAndDilationBelowOneAreRefused() {
        #expect(throws: ConvolutionError.invalidStride(axis: 0, stride: 0)) { try conv2d(x, weight: w, stride: [0], groups: 2) }
        #expect(throws: ConvolutionError.invalidStride(axis: 1, stride: -1)) {
            try conv2d(x, weight: w, stride: [1, -1], groups: 2)
        }
        #expect(throws: ConvolutionError.invalidDilation(axis: 0, dilation: 0)) {
            try conv2d(x, weight: w, dilation: [0], groups: 2)
        }
        #expect(throws: ConvolutionError.invalidStride(axis: 0, stride: 0)) {
            try ConvolutionLayer(weight: w, stride: [0], groups: 2)
        }
    }

    @Test func aBiasOfTheWrongLengthIsRefused() throws {
        let bias = try Tensor<Float>(shape: [4], repeating: 0)
        #expect(throws: ConvolutionError.biasShapeMismatch(outputChannels: 6, shape: [4])) {
            try conv2d(x, weight: w, bias: bias, groups: 2)
        }
        #expect(throws: ConvolutionError.biasShapeMismatch(outputChannels: 6, shape: [4])) {
            try ConvolutionLayer(weight: w, bias: bias, groups: 2)
        }
    }

    @Test func samePaddingWithStrideIsRefused() {
        #expect(throws: ConvolutionError.samePaddingNeedsUnitStride(stride: [2, 2])) {
            try conv2d(x, weight: w, stride: [2], padding: .same, groups: 2)
        }
    }

    @Test func wrongRanksAndOptionCountsAreRefused() throws {
        let x1 = try Tensor<Float>(shape: [2, 4, 8], repeating: 1)
        #expect(throws: ConvolutionError.unsupportedRank(argument: "input [N, C, spatial…]", rank: 3, allowed: 4...4)) {
            try conv2d(x1, weight: w, groups: 2)
        }
        #expect(throws: ConvolutionError.rankMismatch(input: 3, kernel: 4)) { try convNd(x1, weight: w, groups: 2) }
        #expect(throws: ConvolutionError.optionRankMismatch(option: "stride", count: 3, expected: 2)) {
            try conv2d(x, weight: w, stride: [1, 1, 1], groups: 2)
        }
        #expect(throws: ConvolutionError.optionRankMismatch(option: "padding (before)", count: 3, expected: 2)) {
            try conv2d(x, weight: w, padding: .explicit(before: [1, 1, 1], after: [1]), groups: 2)
        }
        #expect(throws: ConvolutionError.invalidPadding(axis: 1, before: 0, after: -1)) {
            try conv2d(x, weight: w, padding: .explicit(before: [0], after: [0, -1]), groups: 2)
        }
    }

    @Test func gradientsRefuseAnOutputGradientOfTheWrongShape() throws {
        let dy = try Tensor<Float>(shape: [2, 6, 6, 5], repeating: 1)
        #expect(throws: ConvolutionError.shapeMismatch(argument: "outputGradient", expected: [2, 6, 6, 6],
                                                       actual: [2, 6, 6, 5])) {
            try conv2dBackward(outputGradient: dy, input: x, weight: w, groups: 2)
        }
    }

    @Test func everyLayerErrorSaysWhatIsAllowed() {
        let errors: [ConvolutionError] = [
            .weightChannelMismatch(inputChannels: 4, weightChannels: 2, groups: 1),
            .biasShapeMismatch(outputChannels: 6, shape: [4]),
            .samePaddingNeedsUnitStride(stride: [2]),
            .shapeMismatch(argument: "outputGradient", expected: [1], actual: [2]),
        ]
        for error in errors {
            #expect(error.description.contains("must") || error.description.contains("needs")
                    || error.description.contains("only"), "\(error.description)")
        }
    }
}

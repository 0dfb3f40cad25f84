import BenchCore
import Dispatch
import Testing
@testable import Convolve

/// The prepared layer computes what the one-shot call computes, prepares its FFT kernel
/// spectra once per input size, and is safe to share between threads.
@Suite struct ConvolutionLayerTests {
    static func tensor<T: ConvolveScalar>(_ shape: [Int], _ label: String) -> Tensor<T> {
        var random = SeededRandom(seed: stableSeed(label))
        return .from(shape, random.values(shape.reduce(1, *)))
    }

    @Test func preparedWinogradTilesGiveTheOneShotResult() throws {
        let w: Tensor<Float> = Self.tensor([12, 4, 3, 3], "w3"), b: Tensor<Float> = Self.tensor([12], "b3")
        let layer = try ConvolutionLayer(weight: w, bias: b, padding: .symmetric([1]), groups: 2, method: .winograd)
        // A small map (F(2×2)) and a larger one (F(4×4)): one set of tiles each.
        for shape in [[1, 8, 6, 6], [2, 8, 40, 36], [1, 8, 6, 6]] {
            let x: Tensor<Float> = Self.tensor(shape, "xw\(shape)")
            let once = try conv2d(x, weight: w, bias: b, padding: .symmetric([1]), groups: 2, method: .winograd)
            #expect(try layer(x) == once, "\(shape)")
        }
        #expect(layer.preparedBytes > 0)
        // 5×5 kernels: F(2×2, 5×5)'s tiles, dilated too.
        let w5: Tensor<Float> = Self.tensor([6, 4, 5, 5], "w5"), b5: Tensor<Float> = Self.tensor([6], "b5")
        for dilation in [1, 2] {
            let five = try ConvolutionLayer(weight: w5, bias: b5, padding: .symmetric([2 * dilation]),
                                            dilation: [dilation], method: .winograd)
            for shape in [[1, 4, 23, 19], [3, 4, 9, 11]] {
                let x: Tensor<Float> = Self.tensor(shape, "x5\(shape)")
                let once = try conv2d(x, weight: w5, bias: b5, padding: .symmetric([2 * dilation]),
                                      dilation: [dilation], method: .winograd)
                #expect(try five(x) == once, "5×5 dilation \(dilation) \(shape)")
            }
            #expect(five.preparedBytes > 0)
        }
    }

    /// Where the direct path sums in channel vectors, the layer packs its weights once
    /// (`ChannelVectorWeights`) and its calls give the one-shot call's bits, whichever way
    /// the one-shot call packs (before its items on 14² outputs, by each item on 6²), with
    /// groups, across input sizes; the packed weights are the prepared bytes, and released.
    @Test func preparedChannelVectorWeightsGiveTheOneShotResult() throws {
        guard VectorInstructions.detected.runsVectorForm else { return }  // no channel vectors here
        let one = ConvolutionOptions(threads: 1)
        for (groups, shapes) in [(1, [[1, 128, 28, 28], [2, 128, 12, 12], [1, 128, 28, 28]]), (2, [[1, 128, 28, 28]])] {
            let w: Tensor<Float> = Self.tensor([128, 128 / groups, 3, 3], "wv\(groups)")
            let b: Tensor<Float> = Self.tensor([128], "bv\(groups)")
            let layer = try ConvolutionLayer(weight: w, bias: b, stride: [2], padding: .symmetric([1]), groups: groups,
                                             method: .direct, options: one)
            for shape in shapes {
                #expect(try layer.explain(inputShape: shape).directForm == "channel vectors", "\(groups) \(shape)")
                let x: Tensor<Float> = Self.tensor(shape, "xv\(shape)")
                let once = try conv2d(x, weight: w, bias: b, stride: [2], padding: .symmetric([1]), groups: groups,
                                      method: .direct, options: one)
                #expect(try layer(x) == once, "\(groups) \(shape)")
            }
            #expect(layer.preparedBytes == 128 * (128 / groups) * 9 * 4)
            layer.releasePrepared()
            #expect(layer.preparedBytes == 0)
        }
    }

    @Test(arguments: [Method.direct, .gemm, .fft, .auto])
    func preparedLayerEqualsTheOneShotCall(_ method: Method) throws {
        let w: Tensor<Float> = Self.tensor([6, 2, 5, 3], "w"), b: Tensor<Float> = Self.tensor([6], "b")
        let layer = try ConvolutionLayer(weight: w, bias: b, stride: [2, 1], padding: .symmetric([2, 1]),
                                         dilation: [1, 2], groups: 2, method: method)
        for shape in [[2, 4, 20, 17], [1, 4, 9, 12], [2, 4, 20, 17]] {
            let x: Tensor<Float> = Self.tensor(shape, "x\(shape)")
            let once = try conv2d(x, weight: w, bias: b, stride: [2, 1], padding: .symmetric([2, 1]),
                                  dilation: [1, 2], groups: 2, method: method)
            // Prepared spectra are transformed exactly as the one-shot call transforms them.
            #expect(try layer(x) == once, "\(method) \(shape)")
        }
        if method == .fft {
            #expect(layer.preparedBytes > 0)
            layer.releasePrepared()
            #expect(layer.preparedBytes == 0)
        }
    }

    @Test func fftSpectraArePreparedOncePerInputSize() throws {
        let w: Tensor<Double> = Self.tensor([3, 3, 7, 7], "w7")
        let layer = try ConvolutionLayer(weight: w, padding: .same, method: .fft)
        let x: Tensor<Double> = Self.tensor([1, 3, 30, 30], "x30")
        _ = try layer(x)
        let bytes = layer.preparedBytes
        // 3×3 spectra of a 36×(36/2+1) transform (30 + 6 = 36, already a fast size).
        #expect(bytes >= 9 * 36 * 19 * 2 * 8)
        _ = try layer(x)
        #expect(layer.preparedBytes == bytes)
        _ = try layer(Self.tensor([2, 3, 40, 40], "x40"))
        #expect(layer.preparedBytes > bytes)
    }

    @Test func layerGivesIdenticalResultsFromManyThreads() throws {
        let w: Tensor<Float> = Self.tensor([4, 4, 9, 9], "w9")
        let layer = try ConvolutionLayer(weight: w, padding: .same, method: .fft)
        let inputs: [Tensor<Float>] = (0..<4).map { Self.tensor([1, 4, 24 + 8 * ($0 % 2), 24], "t\($0)") }
        let expected = try inputs.map { try layer($0) }
        let results = Mutex<[Int: Tensor<Float>]>([:])
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let y = try! layer(inputs[i % 4])
            results.withLock { $0[i] = y }
        }
        for (i, y) in results.withLock({ $0 }) { #expect(y == expected[i % 4]) }
    }

    @Test func samePaddingKeepsTheExtentAndPutsTheExtraZeroAtTheEnd() throws {
        // PyTorch: total = d·(k − 1), before = ⌊total/2⌋, after = total − before.
        let x: Tensor<Double> = Self.tensor([1, 2, 11, 10], "same x")
        let w: Tensor<Double> = Self.tensor([3, 2, 4, 3], "same w")
        let same = try conv2d(x, weight: w, padding: .same, dilation: [1, 3])
        #expect(same.shape == [1, 3, 11, 10])
        let explicit = try conv2d(x, weight: w, padding: .explicit(before: [1, 3], after: [2, 3]), dilation: [1, 3])
        #expect(same == explicit)
    }
}

import Synchronization

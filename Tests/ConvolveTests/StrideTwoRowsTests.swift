import BenchCore
import Testing
@testable import Convolve

/// The plane route's stride-2 kernel (`VectorStrideTwoRows`, `CVectorKernels/StrideTwoRows.c`):
/// each output the fused chain over `(ry, rx)` from 0, bit for bit, whatever the row's
/// length against the vector (full pairs, single vectors, masked tails), and nothing
/// written past the outputs; and the plane route's bias, added as each plane is finished
/// (fused in this kernel, a loop after the rows'), the bits of a pass after the call.
@Suite struct StrideTwoRowsTests {
    /// Padded planes of every width from one output to past two vector pairs, kernels 1×1
    /// to 4×7, strides along y 1 to 3 and dilations 1 and 2, with and without a bias,
    /// `Float` and `Double`, against the scalar chain `acc.addingProduct(w, p)` (one
    /// rounding per tap, as FMA): equal values (all finite), and a sentinel after the last row untouched.
    @Test func everyOutputIsTheScalarChainsBits() {
        guard VectorInstructions.detected.runsVectorForm else { return }
        func check<T: ConvolveScalar>(_: T.Type) {
            var random = SeededRandom(seed: stableSeed("stride two \(T.dtypeName)"))
            for (ky, kx) in [(1, 1), (3, 3), (2, 5), (4, 7), (3, 2)] {
                for (sy, dy) in [(1, 1), (2, 1), (3, 2)] {
                    for outWidth in [1, 3, 4, 7, 8, 9, 15, 16, 17, 23, 33, 40] {
                        for biased in [false, true] {
                            let outHeight = 3
                            let width = 2 * (outWidth - 1) + kx, height = (outHeight - 1) * sy + (ky - 1) * dy + 1
                            let g = Geometry3(try! ConvolutionGeometry(
                                inputExtent: [height, width], kernelExtent: [ky, kx], stride: [sy, 2],
                                dilation: [dy, 1]))
                            let slack = VectorStrideTwoRows.slack(scalarSize: MemoryLayout<T>.size)
                            let plane: [T] = random.values(height * width).map { T($0) } + [T](repeating: 7, count: slack)
                            let weights: [T] = random.values(ky * kx).map { T($0) }
                            let bias = T(random.values(1)[0])
                            var out = [T](repeating: .nan, count: outHeight * outWidth + 8)
                            plane.withUnsafeBufferPointer { p in
                                weights.withUnsafeBufferPointer { w in
                                    withUnsafePointer(to: bias) { b in
                                        out.withUnsafeMutableBufferPointer { o in
                                            VectorStrideTwoRows.run(g, padded: p.baseAddress!, weights: w.baseAddress!,
                                                                    bias: biased ? b : nil, out: o.baseAddress!)
                                        }
                                    }
                                }
                            }
                            var differing = 0
                            for oy in 0..<outHeight {
                                for ox in 0..<outWidth {
                                    var acc = T(0)
                                    for ry in 0..<ky {
                                        for rx in 0..<kx {
                                            acc = acc.addingProduct(weights[ry * kx + rx],
                                                                    plane[(oy * sy + ry * dy) * width + 2 * ox + rx])
                                        }
                                    }
                                    if biased { acc += bias }
                                    if out[oy * outWidth + ox] != acc { differing += 1 }
                                }
                            }
                            let label = "\(T.dtypeName) \(ky)×\(kx) sy \(sy) dy \(dy) width \(outWidth) bias \(biased)"
                            #expect(differing == 0, "\(label)")
                            let untouched = out[(outHeight * outWidth)...].allSatisfy { $0.isNaN }
                            #expect(untouched, "wrote past the outputs: \(label)")
                        }
                    }
                }
            }
        }
        check(Float.self)
        check(Double.self)
    }

    /// Depthwise layers (channel multipliers 1 and 2) with a bias through the plane route,
    /// at strides along x of 1, 2 (the stride-2 kernel, in a vector form) and 3: the bits
    /// of the same call without the bias followed by `OutputBias`'s pass, in every compiled
    /// form, on one worker and two.
    @Test func planesAddTheBiasWithThePassesBits() throws {
        for (stride, multiplier) in [(1, 1), (2, 1), (2, 2), (3, 1)] {
            let geometry = try ConvolutionGeometry.layer(inputShape: [2, 4, 12, 45],
                                                         weightShape: [4 * multiplier, 1, 3, 3],
                                                         stride: [stride], padding: .symmetric([1]), groups: 4)
            #expect(DirectPath.runsPlanes(geometry, Geometry3(geometry), scalarSize: 4, threads: 1))
            var random = SeededRandom(seed: stableSeed("plane bias \(stride) \(multiplier)"))
            let x = random.values(geometry.inputShape.reduce(1, *)).map { Float($0) }
            let w = random.values(geometry.kernelShape.reduce(1, *)).map { Float($0) }
            let bias = random.values(geometry.outputChannels).map { Float($0) }
            for instructions in VectorInstructions.allCases where instructions.isAvailable {
                for threads in [1, 2] {
                    var expected = DirectForms.run(geometry, x, w, instructions, form: .rows, threads: threads)
                    bias.withUnsafeBufferPointer { b in
                        expected.withUnsafeMutableBufferPointer { OutputBias.add(b.baseAddress!, to: $0.baseAddress!, geometry) }
                    }
                    let y = DirectForms.run(geometry, x, w, instructions, form: .rows, threads: threads, bias: bias)
                    #expect(DirectForms.differing(y, expected) == 0,
                            "stride \(stride) multiplier \(multiplier) \(instructions) threads \(threads)")
                }
            }
        }
    }
}

@testable import Convolve

/// Runs of the direct path in a chosen compiled form and form (rows or channel blocks), for
/// the tests of its kernels.
enum DirectForms {
    /// The direct path over `x` and `w` (native accumulation, with `bias` when given), into
    /// an output that starts as NaN so that an output left unwritten shows; with `prepared`,
    /// given the weights packed for the channel vectors as a prepared layer gives them.
    static func run<T: ConvolveScalar>(_ geometry: ConvolutionGeometry, _ x: [T], _ w: [T],
                                       _ instructions: VectorInstructions, form: DirectPath.Form,
                                       threads: Int = 1, bias: [T]? = nil, prepared: Bool = false) -> [T] {
        var y = [T](repeating: .nan, count: geometry.outputShape.reduce(1, *))
        x.withUnsafeBufferPointer { input in
            w.withUnsafeBufferPointer { kernel in
                let packed = prepared
                    ? ChannelVectorWeights<T>(geometry, kernel: kernel.baseAddress!, instructions: instructions) : nil
                y.withUnsafeMutableBufferPointer { output in
                    func go(_ b: UnsafePointer<T>?) {
                        DirectPath.run(geometry, input: input.baseAddress!, kernel: kernel.baseAddress!,
                                       output: output.baseAddress!, bias: b, accumulation: .native, threads: threads,
                                       instructions: instructions, form: form, vectorWeights: packed)
                    }
                    if let bias { bias.withUnsafeBufferPointer { go($0.baseAddress!) } } else { go(nil) }
                }
            }
        }
        return y
    }

    /// How many elements of `a` and `b` differ in their bits.
    static func differing<T: ConvolveScalar>(_ a: [T], _ b: [T]) -> Int {
        zip(a, b).filter { p, q in withUnsafeBytes(of: p) { u in withUnsafeBytes(of: q) { v in !u.elementsEqual(v) } } }
            .count
    }

    /// `ref` on seeded data run in `instructions` and `form`: the largest difference from the
    /// independent model and the direct path's bound. `inspect` sees the geometry first.
    static func errorAgainstTheModel<T: ConvolveScalar>(
        _ ref: ReferenceLayer, _: T.Type, _ instructions: VectorInstructions, form: DirectPath.Form,
        inspect: (ConvolutionGeometry) -> Void = { _ in }
    ) throws -> (error: Double, bound: Double) {
        let (errors, bound) = try errorsAgainstTheModel(ref, T.self, runs: [(instructions, 1)], form: form,
                                                        seed: "\(instructions)", inspect: inspect)
        return (errors[0], bound)
    }

    /// `ref` on seeded data (`seed` tells data sets apart) run once per `(instructions,
    /// threads)` of `runs` in `form`: each run's largest difference from the independent
    /// model, computed once, and the direct path's bound.
    static func errorsAgainstTheModel<T: ConvolveScalar>(
        _ ref: ReferenceLayer, _: T.Type, runs: [(VectorInstructions, Int)], form: DirectPath.Form, seed: String,
        inspect: (ConvolutionGeometry) -> Void = { _ in }
    ) throws -> (errors: [Double], bound: Double) {
        let label = "\(ref) \(T.dtypeName) \(seed)"
        let x = Tensor<T>.from(ref.inputShape, LayerFaceTests.data(ref.inputShape.reduce(1, *), "x" + label))
        let w = Tensor<T>.from(ref.weightShape, LayerFaceTests.data(ref.weightShape.reduce(1, *), "w" + label))
        let geometry = try ConvolutionGeometry.layer(inputShape: x.shape, weightShape: w.shape, stride: ref.stride,
                                                     padding: .explicit(before: ref.before, after: ref.after),
                                                     dilation: ref.dilation, groups: ref.groups)
        inspect(geometry)
        let expected = ref.forward(x.doubles, w.doubles, bias: nil)
        let bound = ErrorBound.maximumError(.direct, geometry, input: x.elements, kernel: w.elements)
        let errors = runs.map { instructions, threads in
            let y = run(geometry, x.elements, w.elements, instructions, form: form, threads: threads)
            return maxAbsDifference(y.map { Double($0) }, expected)
        }
        return (errors, bound)
    }
}

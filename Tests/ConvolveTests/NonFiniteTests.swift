import BenchCore
import Testing
@testable import Convolve

/// The FFT's outputs stand in for a pass over its input: one NaN or ±∞ anywhere a
/// transform reads makes some output non-finite, in every layout (whole, tiled, paired,
/// by rows and columns, strided phases, several channels and groups, every boundary), so
/// calls that defer the input's check refuse a forced FFT and send `auto` to the path it
/// picks for non-finite data, exactly as a check before the call would have.
@Suite struct NonFiniteTests {
    struct Layout: CustomTestStringConvertible, Sendable {
        let name: String
        let geometry: ConvolutionGeometry
        let options: ConvolutionOptions
        var testDescription: String { name }
    }

    static let layouts: [Layout] = {
        func signal(_ input: [Int], _ kernel: [Int], _ mode: Mode, _ boundary: Boundary = .zero) -> ConvolutionGeometry {
            try! ConvolutionGeometry.signal(inputShape: input, kernelShape: kernel, mode: mode, boundary: boundary,
                                            semantics: .correlation)
        }
        func tiles(_ b: [Int], paired: Bool, threads: Int = 1) -> ConvolutionOptions {
            ConvolutionOptions(threads: threads, fftTiling: .outputsPerTile(b), fftPairedTiles: paired)
        }
        let whole = ConvolutionOptions(threads: 1, fftTiling: .whole)
        let layer = try! ConvolutionGeometry.layer(inputShape: [2, 4, 17, 15], weightShape: [6, 2, 3, 3],
                                                   stride: [2, 1], padding: .symmetric([1, 2]), dilation: [1, 2],
                                                   groups: 2)
        return [
            Layout(name: "1-D whole", geometry: signal([300], [17], .same), options: whole),
            Layout(name: "1-D full, two workers", geometry: signal([300], [17], .full),
                   options: ConvolutionOptions(threads: 2, fftTiling: .whole)),
            Layout(name: "1-D reflect, tiles", geometry: signal([300], [17], .same, .reflect),
                   options: tiles([40], paired: false)),
            Layout(name: "1-D wrap, paired tiles, two workers", geometry: signal([300], [17], .valid, .wrap),
                   options: tiles([40], paired: true, threads: 2)),
            Layout(name: "2-D whole, constant border", geometry: signal([70, 50], [9, 7], .same, .constant(2.5)), options: whole),
            Layout(name: "2-D paired tiles", geometry: signal([70, 50], [9, 7], .same, .edge),
                   options: tiles([16, 20], paired: true)),
            Layout(name: "2-D by rows and columns", geometry: signal([300, 280], [21, 19], .same),
                   options: tiles([200, 200], paired: true)),
            Layout(name: "3-D whole", geometry: signal([20, 18, 16], [5, 5, 5], .same, .symmetric), options: whole),
            Layout(name: "3-D paired tiles", geometry: signal([20, 18, 16], [5, 3, 5], .full),
                   options: tiles([6, 6, 6], paired: true)),
            Layout(name: "layer, strided, dilated, grouped, whole", geometry: layer, options: whole),
            Layout(name: "layer, strided, dilated, grouped, tiles", geometry: layer, options: tiles([3, 4], paired: false)),
        ]
    }()

    /// Positions to poison: the first and last input sample of the batch and one between.
    private static func positions(_ geometry: ConvolutionGeometry) -> [Int] {
        let count = Shape.product(geometry.inputShape)
        return [0, count / 2 + 3, count - 1]
    }

    /// Seeded input and kernel for `layout`.
    private static func data(_ layout: Layout, _ salt: String) -> (x: [Float], k: [Float]) {
        var random = SeededRandom(seed: stableSeed(salt + layout.name))
        return (random.values(Shape.product(layout.geometry.inputShape)).map { Float($0) },
                random.values(Shape.product(layout.geometry.kernelShape)).map { Float($0) })
    }

    @Test(arguments: layouts)
    func fftOutputsShowEveryNonFiniteInputTheyRead(_ layout: Layout) throws {
        let geometry = layout.geometry
        let (x, k) = Self.data(layout, "non-finite ")
        var y = [Float](repeating: 0, count: Shape.product(geometry.outputShape))
        func fftOutputsAreFinite(_ input: [Float]) -> Bool {
            input.withUnsafeBufferPointer { x in
                k.withUnsafeBufferPointer { k in
                    y.withUnsafeMutableBufferPointer { y in
                        FFTPath.run(geometry, input: x.baseAddress!, kernel: k.baseAddress!, spectra: nil,
                                    output: y.baseAddress!, options: layout.options)
                    }
                }
            }
        }
        #expect(fftOutputsAreFinite(x))
        let shown = y
        for position in Self.positions(geometry) {
            for value in [Float.nan, .infinity, -.infinity] {
                var poisoned = x
                poisoned[position] = value
                #expect(!fftOutputsAreFinite(poisoned), "\(value) at input \(position) left every output finite")
            }
        }
        // A finite input's outputs are left as the FFT wrote them.
        let checked = try Engine.run(geometry, input: x, kernel: k, method: .fft, options: layout.options)
        #expect(checked == shown)
    }

    @Test(arguments: layouts)
    func deferredChecksRefuseForcedFFTAndRerouteAuto(_ layout: Layout) throws {
        let geometry = layout.geometry
        var (x, k) = Self.data(layout, "deferred ")
        x[Self.positions(geometry)[1]] = .nan
        #expect(throws: ConvolutionError.nonFiniteInputForFFT(argument: "input")) {
            try Engine.run(geometry, input: x, kernel: k, method: .fft, options: layout.options)
        }
        // `auto` told that the FFT runs unchecked (as when the cost model picks it) gives
        // the answer of the path it picks for non-finite data, bit for bit.
        let fallback = PathChooser.choose(geometry, scalarSize: 4, options: layout.options, inputIsFinite: false).path
        let expected = try Engine.run(geometry, input: x, kernel: k, method: Method(rawValue: fallback.rawValue)!,
                                      options: layout.options)
        var y = [Float](repeating: 0, count: expected.count)
        try x.withUnsafeBufferPointer { x throws(ConvolutionError) in
            try k.withUnsafeBufferPointer { k throws(ConvolutionError) in
                try y.withUnsafeMutableBufferPointer { y throws(ConvolutionError) in
                    let unchecked = Engine.Prepared(geometry: geometry, path: .fft, method: .auto,
                                                    options: layout.options, inputUnchecked: true)
                    try Engine.executeChecked(unchecked, input: x, kernel: k, output: y)
                }
            }
        }
        let same = y.elementsEqual(expected) { $0 == $1 || ($0.isNaN && $1.isNaN) }
        #expect(same && fallback != .fft)
    }

    /// The copy behind the FFT's last write: every value copied exactly, and its probe NaN
    /// for one NaN or ±∞ at any position copied (and only then), for every count around
    /// the vector widths, both steps and both parts of complex values.
    @Test func checkingCopiesFlagEveryNonFiniteValueTheyCopy() {
        checkCopies(Float.self)
        checkCopies(Double.self)
    }

    private func checkCopies<T: ConvolveScalar>(_: T.Type) {
        for count in 0...40 {
            for (step, offset) in [(1, 0), (2, 0), (2, 1)] {
                let source = (0..<(2 * count + 2)).map { T($0) * 0.25 - 3 }
                var destination = [T](repeating: 0, count: count)
                func copy(_ source: [T]) -> T {
                    source.withUnsafeBufferPointer { s in
                        destination.withUnsafeMutableBufferPointer { d in
                            Finite.copy(s.baseAddress! + offset, step: step, into: d.baseAddress!, count: count)
                        }
                    }
                }
                #expect(copy(source) == 0)
                #expect(destination == (0..<count).map { source[offset + $0 * step] })
                for position in 0..<count {
                    for value in [T.nan, .infinity, -.infinity] {
                        var poisoned = source
                        poisoned[offset + position * step] = value
                        #expect(copy(poisoned).isNaN, "\(value) at \(position) of \(count), step \(step)")
                        // A value between the copied ones (the other part) is not read.
                        if step == 2 {
                            poisoned[offset + position * step] = source[offset + position * step]
                            poisoned[offset + position * step + 1] = value
                            #expect(copy(poisoned) == 0)
                        }
                    }
                }
            }
        }
    }
}

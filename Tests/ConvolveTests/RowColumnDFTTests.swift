import BenchCore
import Foundation
import Testing
@testable import Convolve

/// The 2-D complex transforms done by rows and columns (``RowColumnDFT``): the spectrum,
/// kept transposed, is the DFT's definition bin for bin; the inverse undoes it (times
/// `∏L`) on every row it is asked for; pruning the zero rows of a forward input changes
/// nothing; and the FFT path's paired tiles through it (frames above 128², with partial
/// blocks of rows and columns, strides, dilations and channels) agree with the direct path
/// within the FFT bound.
@Suite struct RowColumnDFTTests {
    /// Frames above 128² points, so FFTW's own 2-D plan is not used: heights and widths
    /// that are and are not multiples of the 8-row blocks, and odd ones (the transposing
    /// copy moves rows and columns in pairs).
    static let frames: [[Int]] = [[136, 144], [130, 150], [200, 90], [90, 200], [129, 135]]

    @Test(arguments: frames)
    func transposedSpectrumIsTheDFT(_ extent: [Int]) {
        check(Float.self, extent, tolerance: 2e-5)
        check(Double.self, extent, tolerance: 1e-13)
    }

    private func check<T: ConvolveScalar>(_: T.Type, _ extent: [Int], tolerance: Double) {
        let (h, w) = (extent[0], extent[1]), count = h * w
        #expect(count > FFTPlan<T>.rowColumnPoints)
        let forward = FFTPlanCache.shared.plan(T.self, extents: extent, direction: .complexForward, threads: 1)
        let backward = FFTPlanCache.shared.plan(T.self, extents: extent, direction: .complexBackward, threads: 1)
        var random = SeededRandom(seed: stableSeed("row-column \(extent) \(T.dtypeName)"))
        let x = random.values(2 * count)
        let input = FFTWBuffer<T>(count: 2 * count), spectrum = FFTWBuffer<T>(count: 2 * count)
        let back = FFTWBuffer<T>(count: 2 * count)
        for i in 0..<2 * count { input.pointer[i] = T(x[i]) }
        forward.transform(input.pointer, spectrum.pointer)

        // Bins against the definition, in Double: X[u, v] = Σ x[m, n]·e^{−2πi(um/H + vn/W)},
        // kept at v·H + u.
        let scale = x.map(abs).reduce(0, +)
        for (u, v) in [(0, 0), (1, 0), (0, 1), (h - 1, w - 1), (h / 2, w / 3), (7, w - 2), (h - 3, 5)] {
            var re = 0.0, im = 0.0
            for m in 0..<h {
                for n in 0..<w {
                    let angle = -2 * Double.pi * (Double(u * m % h) / Double(h) + Double(v * n % w) / Double(w))
                    let (a, b) = (x[2 * (m * w + n)], x[2 * (m * w + n) + 1])
                    re += a * cos(angle) - b * sin(angle)
                    im += a * sin(angle) + b * cos(angle)
                }
            }
            let got = (Double(spectrum.pointer[2 * (v * h + u)]), Double(spectrum.pointer[2 * (v * h + u) + 1]))
            let error = max(abs(got.0 - re), abs(got.1 - im)) / scale
            #expect(error <= tolerance, "\(T.dtypeName) \(extent) bin (\(u), \(v)): relative error \(error)")
        }

        // The inverse, on all rows and on the first few only, is ∏L times the input there.
        for kept in [h, 11] {
            let copy = FFTWBuffer<T>(count: 2 * count)
            copy.pointer.update(from: spectrum.pointer, count: 2 * count)
            backward.transform(copy.pointer, back.pointer, rows: kept)
            var worst = 0.0
            for i in 0..<2 * kept * w { worst = max(worst, abs(Double(back.pointer[i]) / Double(count) - x[i])) }
            #expect(worst <= tolerance * 10, "\(T.dtypeName) \(extent) round trip of \(kept) rows: error \(worst)")
        }

        // An input zero from row r on: transforming only its first r rows changes nothing.
        let r = 13
        for i in 0..<2 * count { input.pointer[i] = i < 2 * r * w ? T(x[i]) : 0 }
        let full = FFTWBuffer<T>(count: 2 * count), pruned = FFTWBuffer<T>(count: 2 * count)
        forward.transform(input.pointer, full.pointer)
        for i in 0..<2 * count { input.pointer[i] = i < 2 * r * w ? T(x[i]) : 0 }
        forward.transform(input.pointer, pruned.pointer, rows: r)
        #expect((0..<2 * count).allSatisfy { full.pointer[$0] == pruned.pointer[$0] },
                "\(T.dtypeName) \(extent): pruning the zero rows changed the spectrum")
    }

    /// A forward transform shared between two workers (its blocks of rows, then of
    /// columns) gives one worker's bits, whole and with its zero rows pruned, in every
    /// frame (partial last blocks too); and so does a single-kernel filter in paired tiles
    /// on two threads, whose one kernel transform is shared that way.
    @Test func sharedForwardTransformsGiveOneWorkersBits() throws {
        func compare<T: ConvolveScalar>(_: T.Type, _ extent: [Int]) {
            let count = extent[0] * extent[1]
            let forward = FFTPlanCache.shared.plan(T.self, extents: extent, direction: .complexForward, threads: 1)
            var random = SeededRandom(seed: stableSeed("shared row-column \(extent) \(T.dtypeName)"))
            let x = random.values(2 * count)
            for rows in [extent[0], 13] {
                var spectra: [[T]] = []
                for workers in [1, 2] {
                    let input = FFTWBuffer<T>(count: 2 * count), spectrum = FFTWBuffer<T>(count: 2 * count)
                    for i in 0..<2 * count { input.pointer[i] = i < 2 * rows * extent[1] ? T(x[i]) : 0 }
                    forward.transform(input.pointer, spectrum.pointer, rows: rows, workers: workers)
                    spectra.append(Array(UnsafeBufferPointer(start: spectrum.pointer, count: 2 * count)))
                }
                #expect(DirectForms.differing(spectra[0], spectra[1]) == 0, "\(T.dtypeName) \(extent) rows \(rows)")
            }
        }
        for extent in Self.frames {
            compare(Float.self, extent)
            compare(Double.self, extent)
        }
        var random = SeededRandom(seed: stableSeed("shared kernel transform"))
        let x = Tensor<Float>.from([300, 330], random.values(300 * 330)), k = Tensor<Float>.from([41, 37], random.values(41 * 37))
        let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: .same,
                                                      semantics: .convolution)
        var outputs: [[Float]] = []
        for threads in [1, 2] {
            let options = ConvolutionOptions(threads: threads, fftTiling: .outputsPerTile([160, 170]), fftPairedTiles: true)
            let plan = geometry.fftPlan(Float.self, options: options)
            #expect(plan.pairedTiles && plan.workers == threads && plan.extent.reduce(1, *) > FFTPlan<Float>.rowColumnPoints)
            outputs.append(try convolve(x, k, mode: .same, method: .fft, options: options).elements)
        }
        #expect(DirectForms.differing(outputs[0], outputs[1]) == 0)
    }

    /// 2-D correlations and convolutions in paired tiles of frames above 128² (tiles side
    /// by side, and one tile per row of tiles so that a pair spans two rows of tiles, the
    /// last pair of different heights), against the direct path.
    @Test(arguments: [[150, 170], [55, 1000], [260, 120]])
    func pairedRowColumnTilesMatchTheDirectPath(_ outputs: [Int]) throws {
        var random = SeededRandom(seed: stableSeed("row-column tiles \(outputs)"))
        let xs = random.values(300 * 330), ks = random.values(9 * 8)
        for mode in [Mode.full, .valid] {
            let x = Tensor<Float>.from([300, 330], xs), k = Tensor<Float>.from([9, 8], ks)
            for semantics in Semantics.allCases {
                // The direct path, itself checked against the float64 reference elsewhere.
                let expected = semantics == .convolution
                    ? try convolve(x, k, mode: mode, method: .direct) : try correlate(x, k, mode: mode, method: .direct)
                let geometry = try ConvolutionGeometry.signal(inputShape: x.shape, kernelShape: k.shape, mode: mode,
                                                              semantics: semantics)
                let options = ConvolutionOptions(threads: 1, fftTiling: .outputsPerTile(outputs), fftPairedTiles: true)
                let plan = geometry.fftPlan(Float.self, options: options)
                #expect(plan.pairedTiles && plan.extent.reduce(1, *) > FFTPlan<Float>.rowColumnPoints)
                let y = semantics == .convolution
                    ? try convolve(x, k, mode: mode, method: .fft, options: options)
                    : try correlate(x, k, mode: mode, method: .fft, options: options)
                let bound = ErrorBound.maximumError(.fft, geometry, input: x.elements, kernel: k.elements)
                let error = maxAbsDifference(y.doubles, expected.doubles)
                #expect(y.shape == expected.shape && error <= bound,
                        "\(mode) \(semantics) tiles of \(outputs): error \(error) > bound \(bound)")
            }
        }
    }

    /// A layer with stride, dilation and groups in paired tiles of frames above 128²: the
    /// kernels' stride phases fill fewer rows of the frame than their taps span.
    @Test func stridedDilatedLayerTilesMatchTheDirectPath() throws {
        var random = SeededRandom(seed: 77)
        let x = Tensor<Double>.from([1, 4, 410, 700], random.values(4 * 410 * 700))
        let w = Tensor<Double>.from([6, 2, 7, 5], random.values(6 * 2 * 7 * 5))
        let padding = LayerPadding.explicit(before: [3, 2], after: [4, 1])
        let direct = try convNd(x, weight: w, stride: [2, 3], padding: padding, dilation: [3, 2], groups: 2,
                                method: .direct)
        let geometry = try ConvolutionGeometry.layer(inputShape: x.shape, weightShape: w.shape, stride: [2, 3],
                                                     padding: padding, dilation: [3, 2], groups: 2)
        let bound = ErrorBound.maximumError(.fft, geometry, input: x.elements, kernel: w.elements)
        for threads in [1, 2] {
            let options = ConvolutionOptions(threads: threads, fftTiling: .outputsPerTile([200, 120]), fftPairedTiles: true)
            let plan = geometry.fftPlan(Double.self, options: options)
            #expect(plan.pairedTiles && plan.extent.reduce(1, *) > FFTPlan<Double>.rowColumnPoints)
            let y = try convNd(x, weight: w, stride: [2, 3], padding: padding, dilation: [3, 2], groups: 2,
                               method: .fft, options: options)
            let error = maxAbsDifference(y.doubles, direct.doubles)
            #expect(y.shape == direct.shape && error <= bound, "\(threads) threads: error \(error) > bound \(bound)")
        }
    }
}

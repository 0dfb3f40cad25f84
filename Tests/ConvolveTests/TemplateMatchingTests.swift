import BenchCore
import Testing
@testable import Convolve

/// Template matching against numpy's window-by-window definitions (checked against
/// OpenCV's matchTemplate when the fixtures were made), and the properties that make ZNCC
/// useful: a planted template is found, under any brightness and contrast.
@Suite struct TemplateMatchingTests {
    @Test func everyMethodMatchesTheDefinitionsOnEveryPath() throws {
        let fixtures = try Fixtures.matching
        #expect(fixtures.opencvChecked == fixtures.cases.count)
        for c in fixtures.cases {
            for method in MatchMethod.allCases {
                let expected = c.scores[method.rawValue]!
                for path in [Method.direct, .fft, .auto] {
                    let scores = try matchTemplate(Tensor<Double>.from(c.imageShape, c.image),
                                                   .from(c.templateShape, c.template), method: method, path: path)
                    #expect(scores.shape == c.scoreShape)
                    let scale = max(1, expected.map(abs).max()!)
                    #expect(maxAbsDifference(scores.doubles, expected) <= 1e-9 * scale, "\(method) \(path) \(c.templateShape)")
                    let single = try matchTemplate(Tensor<Float>.from(c.imageShape, c.image),
                                                   .from(c.templateShape, c.template), method: method, path: path)
                    #expect(maxAbsDifference(single.doubles, expected) <= 2e-4 * scale, "Float \(method) \(path)")
                }
            }
        }
    }

    static func scene(_ height: Int, _ width: Int, seed: String) -> [Double] {
        var random = SeededRandom(seed: stableSeed(seed))
        return random.values(height * width).map { 0.5 + 0.25 * $0 }
    }

    @Test(arguments: [(9, 9), (16, 24), (40, 40)])
    func aPlantedTemplateIsFoundUnderAnyBrightnessAndContrast(_ size: (Int, Int)) throws {
        let (height, width, h, w) = (120, 140, size.0, size.1)
        var image = Self.scene(height, width, seed: "scene \(h)×\(w)")
        let (y0, x0) = (37, 81)
        let template = (0..<(h * w)).map { image[(y0 + $0 / w) * width + x0 + $0 % w] }
        let t = Tensor<Float>.from([h, w], template)
        let original = try matchTemplate(Tensor<Float>.from([height, width], image), t)
        // Brightness and contrast: I → 2.5·I + 40. ZNCC does not change (to rounding).
        image = image.map { 2.5 * $0 + 40 }
        let changed = try matchTemplate(Tensor<Float>.from([height, width], image), t)
        for scores in [original, changed] {
            let best = scores.elements.indices.max { scores.elements[$0] < scores.elements[$1] }!
            #expect(best == y0 * scores.shape[1] + x0, "found at \(best / scores.shape[1]), \(best % scores.shape[1])")
            #expect(abs(Double(scores.elements[best]) - 1) < 1e-3)
        }
        #expect(maxAbsDifference(original.doubles, changed.doubles) < 2e-3)
    }

    @Test func flatWindowsScoreZeroAndScoresStayInRange() throws {
        // Left half flat, right half noise; a textured template.
        var image = Self.scene(30, 40, seed: "flat")
        for y in 0..<30 { for x in 0..<20 { image[y * 40 + x] = 0.7 } }
        let template = Tensor<Double>.from([5, 5], Self.scene(5, 5, seed: "template"))
        let zncc = try matchTemplate(Tensor<Double>.from([30, 40], image), template, method: .zncc)
        for y in 0..<26 { for x in 0..<16 { #expect(zncc[y, x] == 0) } }
        #expect(zncc.elements.allSatisfy { (-1...1).contains($0) })
        let normed = try matchTemplate(Tensor<Double>.from([30, 40], image), template, method: .ccorrNormed)
        #expect(normed.elements.allSatisfy { (-1...1).contains($0) })
        let zeros = try matchTemplate(Tensor<Double>(shape: [8, 8], repeating: 0), template, method: .sqdiffNormed)
        #expect(zeros.elements.allSatisfy { $0 == 1 })
    }

    @Test func badShapesAreRefused() throws {
        let image = try Tensor<Float>(shape: [10, 10], repeating: 1)
        #expect(throws: ConvolutionError.templateLargerThanImage(image: [10, 10], template: [11, 3])) {
            try matchTemplate(image, try Tensor<Float>(shape: [11, 3], repeating: 1))
        }
        #expect(throws: ConvolutionError.unsupportedRank(argument: "template", rank: 1, allowed: 2...2)) {
            try matchTemplate(image, Tensor<Float>([1, 2, 3]))
        }
    }
}

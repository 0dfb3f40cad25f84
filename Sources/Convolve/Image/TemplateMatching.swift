/// How ``matchTemplate(_:_:method:path:options:)`` scores a template `T` (`n = h·w` samples)
/// against the image window `I` under it (OpenCV's `TM_*` definitions):
///
/// | method | score |
/// |---|---|
/// | `ccorr` | `Σ T·I` |
/// | `ccorrNormed` | `Σ T·I / √(Σ T² · Σ I²)`, in [−1, 1] |
/// | `sqdiff` | `Σ (T − I)²` |
/// | `sqdiffNormed` | `Σ (T − I)² / √(Σ T² · Σ I²)` |
/// | `zncc` | `Σ T′·I′ / √(Σ T′² · Σ I′²)` with `T′ = T − mean T`, `I′ = I − mean I`, in [−1, 1] (OpenCV's `TM_CCOEFF_NORMED`, skimage's `match_template`) |
public enum MatchMethod: String, Sendable, CaseIterable, CustomStringConvertible {
    case ccorr
    case ccorrNormed = "ccorr-normed"
    case sqdiff
    case sqdiffNormed = "sqdiff-normed"
    case zncc

    public var description: String { rawValue }
}

/// Template matching: the score of `template` at every position where it fits inside
/// `image` (both 2-D), a `(H − h + 1) × (W − w + 1)` map; `method` says which score.
///
/// The correlation `Σ T·I` (or `Σ T′·I` for `zncc`, the same as `Σ T′·I′` because
/// `Σ T′ = 0`) comes from the engine (`correlate(image, template, mode: .valid)` on `path`,
/// `auto` by default: direct for small templates, FFT for large ones); the window sums
/// `Σ I` and `Σ I²` from running sums in `Double` (``WindowSums``); the division in `Double`.
/// For `zncc`, a window (or template) whose variance is below `(n·u)²` of its energy `Σ I²`
/// (`u` the unit roundoff of `T`) plus what the running sums' rounding can make of a zero
/// variance (``ZNCCRows``), where rounding would decide the score, is flat and scores 0.
/// A window whose energy is within the running sums' rounding bound of zero counts as
/// zero; a zero-energy window or template scores 0 in `ccorrNormed`, and in `sqdiffNormed`
/// 0 when both are zero, 1 otherwise. `zncc` and
/// `ccorrNormed` are clamped to [−1, 1], `sqdiff` and `sqdiffNormed` to ≥ 0.
///
/// - Throws: ``ConvolutionError`` when either tensor is not 2-D or the template is larger
///   than the image on an axis.
@_specialize(where T == Float)
@_specialize(where T == Double)
public func matchTemplate<T: ConvolveScalar>(
    _ image: Tensor<T>, _ template: Tensor<T>, method: MatchMethod = .zncc, path: Method = .auto,
    options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    guard image.rank == 2 else { throw .unsupportedRank(argument: "image", rank: image.rank, allowed: 2...2) }
    guard template.rank == 2 else { throw .unsupportedRank(argument: "template", rank: template.rank, allowed: 2...2) }
    let (height, width) = (image.shape[0], image.shape[1]), (h, w) = (template.shape[0], template.shape[1])
    guard h >= 1, w >= 1, height >= 1, width >= 1 else {
        throw .emptyAxis(argument: h < 1 || w < 1 ? "template" : "image", axis: h < 1 || height < 1 ? 0 : 1)
    }
    guard h <= height, w <= width else { throw .templateLargerThanImage(image: image.shape, template: template.shape) }

    let n = Double(h * w)
    let t = template.elements.map { Double($0) }
    let tSum = t.reduce(0, +)
    let kernel: Tensor<T> = method == .zncc
        ? Tensor(validShape: template.shape, elements: t.map { T($0 - tSum / n) })
        : template
    let geometry = try ConvolutionGeometry.signal(inputShape: image.shape, kernelShape: template.shape, mode: .valid,
                                                  semantics: .correlation)
    // The scores overwrite the correlation in place.
    var scores = try Engine.run(geometry, input: image.elements, kernel: kernel.elements, method: path, options: options)
    let (outH, outW) = (height - h + 1, width - w + 1)
    if method == .ccorr { return Tensor(validShape: [outH, outW], elements: scores) }

    let flat = (n * Double(T.ulpOfOne) / 2) * (n * Double(T.ulpOfOne) / 2)
    let tSquares = t.reduce(0) { $0 + $1 * $1 }
    let tVariance = tSquares - tSum * tSum / n
    let flatTemplate = tVariance <= flat * tSquares
    WorkspacePool.withBuffer(Double.self, count: WindowSums<T>.scratchCount(width: width) + outW) { scratch in
        image.elements.withUnsafeBufferPointer { pixels in
            var windows = WindowSums(pixels.baseAddress!, height: height, width: width, h: h, w: w,
                                     sums: method == .zncc, scratch: scratch)
            let s2 = scratch + WindowSums<T>.scratchCount(width: width)
            let zncc = ZNCCRows(count: outW, n: n, tVariance: tVariance, flat: flat)
            scores.withUnsafeMutableBufferPointer { out in
                for y in 0..<outH {
                    windows.advance()
                    let o = out.baseAddress! + y * outW
                    if method == .zncc {
                        if flatTemplate { o.update(repeating: 0, count: outW) } else { zncc.scores(o, windows: windows, scratch: s2) }
                        continue
                    }
                    // A window's energy within rounding of zero counts as zero.
                    let zero = windows.errors.squares
                    for x in 0..<outW {
                        let q = windows.squaresOfWindow(x)
                        s2[x] = q <= zero ? 0 : q
                    }
                    // One loop per method, so each inner loop is branch-light; `o[x]` holds the
                    // correlation on entry.
                    switch method {
                    case .ccorr, .zncc:
                        break  // returned above, handled above
                    case .sqdiff:
                        for x in 0..<outW { o[x] = T(max(0, s2[x] - 2 * Double(o[x]) + tSquares)) }
                    case .ccorrNormed:
                        for x in 0..<outW {
                            let energy = s2[x] * tSquares
                            o[x] = energy == 0 ? 0 : T(min(1, max(-1, Double(o[x]) / energy.squareRoot())))
                        }
                    case .sqdiffNormed:
                        for x in 0..<outW {
                            let difference = max(0, s2[x] - 2 * Double(o[x]) + tSquares)
                            if s2[x] == 0 || tSquares == 0 {
                                o[x] = s2[x] == 0 && tSquares == 0 ? 0 : 1
                            } else {
                                o[x] = T(difference / (s2[x] * tSquares).squareRoot())
                            }
                        }
                    }
                }
            }
        }
    }
    return Tensor(validShape: [outH, outW], elements: scores)
}

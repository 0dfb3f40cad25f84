import Foundation

/// Estimated seconds for each path on a geometry: a few per-operation costs, each
/// multiplied by how often the path performs that operation. All costs are for `Float`
/// on one thread; `Double` costs ``doubleFactor`` times as much (half the SIMD lanes).
///
/// - direct: `macs · directMultiplyAdd · (stride_x > 1 ? directStridedFactor : 1)
///   + tapRows · directTapRow`, where a tap-row is one pass of one kernel tap over one
///   block of one output row (its loop overhead dominates short rows).
/// - gemm: im2col writes `batch · groups · Cg·∏k · ∏o` elements (`im2colElement` each),
///   then GEMM runs at `gemmMultiplyAdd` per multiply-add when it has at least
///   `gemmFullRateRows` output channels per group (`M`), and proportionally slower below
///   that, where it is bound by streaming the im2col matrix.
/// - fft: `(batch·C + O·Cg + batch·O)` transforms of `∏L` points costing
///   `fftPoint · ∏L · log₂∏L` each, `batch · O · Cg` spectrum products of `∏L/2` bins at
///   `spectrumBin` each, and `copyElement` per element padded or cropped.
///
/// The default values, ``measured``, were fitted on the development machine (AMD EPYC,
/// AVX2); `docs/path-selection.md` gives the measurements and the crossovers they imply.
public struct CostModel: Hashable, Sendable {
    public var directMultiplyAdd: Double
    public var directStridedFactor: Double
    public var directTapRow: Double
    public var im2colElement: Double
    public var gemmMultiplyAdd: Double
    public var gemmFullRateRows: Double
    public var fftPoint: Double
    public var spectrumBin: Double
    public var copyElement: Double
    public var doubleFactor: Double

    public init(directMultiplyAdd: Double, directStridedFactor: Double, directTapRow: Double,
                im2colElement: Double, gemmMultiplyAdd: Double, gemmFullRateRows: Double,
                fftPoint: Double, spectrumBin: Double, copyElement: Double, doubleFactor: Double) {
        self.directMultiplyAdd = directMultiplyAdd
        self.directStridedFactor = directStridedFactor
        self.directTapRow = directTapRow
        self.im2colElement = im2colElement
        self.gemmMultiplyAdd = gemmMultiplyAdd
        self.gemmFullRateRows = gemmFullRateRows
        self.fftPoint = fftPoint
        self.spectrumBin = spectrumBin
        self.copyElement = copyElement
        self.doubleFactor = doubleFactor
    }

    /// Constants measured on the development machine; see `docs/path-selection.md`.
    public static let measured = CostModel(
        directMultiplyAdd: 0.16e-9, directStridedFactor: 4, directTapRow: 6e-9,
        im2colElement: 0.55e-9, gemmMultiplyAdd: 0.012e-9, gemmFullRateRows: 64,
        fftPoint: 0.45e-9, spectrumBin: 1.2e-9, copyElement: 0.5e-9, doubleFactor: 2)

    /// Estimated seconds for `path` on `geometry` with scalars of `scalarSize` bytes.
    public func seconds(_ path: Path, _ geometry: ConvolutionGeometry, scalarSize: Int, threads: Int = 1) -> Double {
        let precision = scalarSize > 4 ? doubleFactor : 1
        let g = geometry
        let macs = Double(g.batch) * Double(g.outputChannels) * Double(g.groupInputChannels)
            * Double(g.outputVolume) * Double(g.kernelVolume)
        let padded = Double(g.batch * g.inputChannels) * Double(Shape.product(g.paddedExtent))
        let parallel = Double(max(1, threads))
        switch path {
        case .direct:
            let ox = Double(g.outputExtent.last!)
            let blocks = (ox / Double(DirectPath.blockLength)).rounded(.up)
            let tapRows = macs / ox * blocks
            let strided = g.stride.last! > 1 ? directStridedFactor : 1
            return precision * (macs * directMultiplyAdd * strided + tapRows * directTapRow + padded * copyElement)
        case .gemm:
            let m = Double(g.groupOutputChannels)
            let unrolled = GEMMPath.isPointwise(g) ? 0
                : Double(g.batch * g.groups) * Double(g.groupInputChannels * g.kernelVolume) * Double(g.outputVolume)
            let gemm = macs * gemmMultiplyAdd * max(1, gemmFullRateRows / m) / parallel
            return precision * (unrolled * im2colElement + gemm + (unrolled > 0 ? padded * copyElement : 0))
        case .fft:
            let points = Double(Shape.product(FFTPath.transformExtent(g)))
            let inputTransforms = Double(g.batch * g.inputChannels)
            let kernelTransforms = Double(g.outputChannels * g.groupInputChannels) * (g.batch > 1 ? 1 : Double(g.batch))
            let inverseTransforms = Double(g.batch * g.outputChannels)
            let transforms = inputTransforms + kernelTransforms + inverseTransforms
            let transformSeconds: Double = transforms * fftPoint * points * log2(max(2, points)) / parallel
            let products: Double = Double(g.batch * g.outputChannels * g.groupInputChannels) * points / 2
            let copies: Double = Double(g.batch * (g.inputChannels + g.outputChannels)) * points
            return precision * (transformSeconds + products * spectrumBin + copies * copyElement)
        }
    }
}

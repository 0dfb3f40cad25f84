import Foundation

/// One way of computing a ``ConvolutionGeometry``. All compute the same sum.
public enum Path: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The sliding-window sum, contiguous inner loops over output rows.
    case direct
    /// Patches unrolled into a matrix (im2col), then one BLAS GEMM per segment.
    case gemm
    /// The convolution theorem: real-to-complex transforms at a fast size, a pointwise
    /// product with the conjugated kernel spectrum, the inverse transform, crop and scale.
    case fft
    /// Winograd's F(4×4, 3×3): 2-D 3×3 kernels with stride 1 and dilation 1 only, with
    /// 36 instead of 144 multiplications per 16 outputs and a wider error bound.
    case winograd

    public var description: String { rawValue }
}

/// What a caller asks for: a path, `auto` to let the chooser pick, `autotune` to let the
/// clock pick, or `reference`.
public enum Method: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The chooser picks the path with the least estimated time (see ``explain(_:scalar:options:inputIsFinite:)``).
    case auto
    /// Opt-in: the first call of a geometry times the paths the model thinks could win,
    /// later calls run the fastest (``Autotuner``).
    case autotune
    case direct
    case gemm
    case fft
    case winograd
    /// The direct path accumulating in `Double` with compensated (Neumaier) summation:
    /// slower, and the oracle the bench and tests compare the other paths with.
    case reference

    public var description: String { rawValue }

    /// The path this method forces, if it forces one.
    public var forcedPath: Path? {
        switch self {
        case .auto, .autotune: return nil
        case .direct, .reference: return .direct
        case .gemm: return .gemm
        case .fft: return .fft
        case .winograd: return .winograd
        }
    }
}

/// Settings that change how, not what, a call computes.
public struct ConvolutionOptions: Hashable, Sendable {
    /// Threads one call may use: the engine's own workers (over rows, tiles, channels,
    /// output positions) and FFTW's, never nested (a path that runs its own workers plans
    /// FFTW with one thread inside them; OpenBLAS always runs on the calling worker's
    /// thread alone). Default ``defaultThreads``: all cores. Each path uses fewer where
    /// threads do not pay (small problems run on one thread).
    public var threads: Int
    /// The most memory, in bytes, the im2col matrix may take; larger problems are cut
    /// into segments of output positions. Default 64 MiB.
    public var workspaceBudget: Int
    /// How the FFT path tiles large inputs (overlap-save). Default ``FFTTiling/auto``.
    public var fftTiling: FFTTiling
    /// How hard FFTW plans each new transform size. Default nil: ``FFTPlanning/estimate``
    /// for one-shot calls, ``FFTPlanning/measure`` for prepared values (``SignalFilter``,
    /// ``ConvolutionLayer``), which are built to be used many times.
    public var fftPlanning: FFTPlanning?
    /// Whether the FFT path's overlap-save tiles go two at a time through one complex
    /// transform (`A + iB`; `docs/performance.md`). Default nil: where FFTW was measured
    /// faster that way on this machine (1-D tiles, and 2-D/3-D frames up to 2¹⁷ points of
    /// suitable lengths). The result is the same either way, up to rounding.
    public var fftPairedTiles: Bool?

    /// The cores this process may run on (`ProcessInfo.activeProcessorCount`).
    /// Read once per process: asking the system costs tens of microseconds, more than a
    /// small convolution.
    public static let defaultThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The default ``workspaceBudget``: 64 MiB.
    public static let defaultWorkspaceBudget = 64 << 20

    public init(threads: Int = ConvolutionOptions.defaultThreads,
                workspaceBudget: Int = ConvolutionOptions.defaultWorkspaceBudget, fftTiling: FFTTiling = .auto,
                fftPlanning: FFTPlanning? = nil, fftPairedTiles: Bool? = nil) {
        self.threads = threads
        self.workspaceBudget = workspaceBudget
        self.fftTiling = fftTiling
        self.fftPlanning = fftPlanning
        self.fftPairedTiles = fftPairedTiles
    }

    /// These options with ``fftPlanning`` defaulted to `planning` when unset.
    func planning(default planning: FFTPlanning) -> ConvolutionOptions {
        var options = self
        options.fftPlanning = fftPlanning ?? planning
        return options
    }

    /// Throws unless `bytes` (the smallest `unit` a path can work in) fit the workspace budget.
    func requireWorkspace(_ bytes: Int, for unit: String) throws(ConvolutionError) {
        guard bytes <= workspaceBudget else {
            throw .workspaceBudgetTooSmall(unit: unit, neededBytes: bytes, budgetBytes: workspaceBudget)
        }
    }

    func validate() throws(ConvolutionError) {
        guard threads >= 1 else { throw .invalidThreadCount(threads) }
        guard workspaceBudget >= 1 else { throw .invalidCount(argument: "workspaceBudget", value: workspaceBudget) }
        if case .outputsPerTile(let outputs) = fftTiling, let bad = outputs.first(where: { $0 < 1 }) {
            throw .invalidCount(argument: "fftTiling outputs per tile", value: bad)
        }
    }
}

/// What every path provides. Paths compute correlation only: the engine hands them the
/// kernel already flipped when the geometry asks for convolution.
protocol ConvolutionPath {
    /// Throws when this path cannot run `geometry` under `options` (the limit is named).
    static func check(_ geometry: ConvolutionGeometry, options: ConvolutionOptions) throws(ConvolutionError)

    /// Computes `out[b, o, y] = Σ_c Σ_r P[b, g·Cg + c, y·s + r·d] · kernel[o, c, r]` into
    /// `output` (`geometry.outputShape`, row-major, fully overwritten). Called only after
    /// ``check(_:options:)`` passed; it cannot fail.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    )
}

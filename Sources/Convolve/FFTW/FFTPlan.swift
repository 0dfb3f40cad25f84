import Synchronization

/// FFTW's planner is not thread-safe: every plan creation and destruction, in either
/// precision, holds this lock. Execution needs no lock.
let fftwPlannerLock = Mutex<Void>(())

/// How hard FFTW searches for a fast plan.
public enum FFTPlanning: Hashable, Sendable {
    /// `FFTW_ESTIMATE`: instant; a heuristic algorithm, or the measured one when FFTW has
    /// wisdom for the size when the plan is made (loaded with ``FFTWisdom``, or left by a
    /// measured plan of the size made earlier in the process).
    case estimate
    /// `FFTW_MEASURE`: times candidate algorithms once per size (typically 0.1–5 s here);
    /// the plans are 1.2–1.5× faster (`docs/performance.md`).
    case measure
}

/// Which transform a plan computes.
enum FFTDirection: Hashable, Sendable {
    /// Real `n_1 × … × n_d` to complex `n_1 × … × (n_d/2 + 1)` (`fftw_plan_dft_r2c`).
    case realToComplex
    /// The unnormalised inverse (`fftw_plan_dft_c2r`): applied after the forward transform
    /// it multiplies by `∏ n`. It overwrites its complex input.
    case complexToReal
    /// Complex `n_1 × … × n_d` to complex, `e^{−2πi k·m/n}` (`fftw_plan_dft`, `FFTW_FORWARD`).
    case complexForward
    /// Its unnormalised inverse, `e^{+2πi k·m/n}` (`FFTW_BACKWARD`): applied after the
    /// forward transform it multiplies by `∏ n`.
    case complexBackward
}

/// One FFTW plan for a fixed size, direction and thread count, executed on any pair of
/// `fftw_malloc`'d arrays of that size through the new-array execute functions.
/// Complex 2-D plans of more than 128² points are ``RowColumnDFT``s (their spectra are
/// transposed). Destroys itself (under the planner lock) when released.
final class FFTPlan<T: FFTWScalar>: @unchecked Sendable {
    let extents: [Int]
    let direction: FFTDirection
    private let plan: OpaquePointer?
    private let rowColumn: RowColumnDFT<T>?

    /// How this plan was made.
    let planning: FFTPlanning

    /// Complex 2-D frames of more points than this are transformed by rows and columns
    /// (``RowColumnDFT``); at 128² FFTW's own plan was 1.2× faster.
    static var rowColumnPoints: Int { 128 * 128 }

    /// Plans with `FFTW_ESTIMATE` (picks an algorithm by heuristics, or from wisdom when
    /// FFTW has any for this problem) or `FFTW_MEASURE` (times candidates, typically
    /// 0.1–5 s for the sizes here). Call with ``fftwPlannerLock`` held.
    init(extents: [Int], direction: FFTDirection, threads: Int, planning: FFTPlanning) {
        self.extents = extents
        self.direction = direction
        self.planning = planning
        T.fftwSetPlannerThreads(threads)
        let realCount = extents.reduce(1, *)
        let halfCount = 2 * realCount / extents[extents.count - 1] * (extents[extents.count - 1] / 2 + 1)
        let complexDirection = direction == .complexForward || direction == .complexBackward
        let flags = planning == .measure ? FFTWFlags.measure : FFTWFlags.estimate
        if complexDirection && extents.count == 2 && realCount > Self.rowColumnPoints {
            rowColumn = RowColumnDFT(height: extents[0], width: extents[1],
                                     sign: direction == .complexForward ? -1 : 1, flags: flags)
            plan = nil
            return
        }
        rowColumn = nil
        // Complex plans read one full complex array and write another.
        let real = FFTWBuffer<T>(count: complexDirection ? 2 * realCount : realCount)
        let complex = FFTWBuffer<T>(count: complexDirection ? 2 * realCount : halfCount)
        let dims = extents.map { Int32($0) }
        let made = switch direction {
        case .realToComplex: T.fftwPlanR2C(extents: dims, real: real.pointer, complex: complex.pointer, flags: flags)
        case .complexToReal: T.fftwPlanC2R(extents: dims, complex: complex.pointer, real: real.pointer, flags: flags)
        case .complexForward: T.fftwPlanDFT(extents: dims, input: real.pointer, output: complex.pointer, sign: -1,
                                            flags: flags)
        case .complexBackward: T.fftwPlanDFT(extents: dims, input: real.pointer, output: complex.pointer, sign: 1,
                                             flags: flags)
        }
        guard let made else { fatalError("FFTW could not plan a \(direction) transform of \(extents)") }
        plan = made
    }

    deinit {
        let (plan, rowColumn) = (self.plan, self.rowColumn)
        fftwPlannerLock.withLock { _ in
            if let plan { T.fftwDestroyPlan(plan) }
            rowColumn?.destroy()
        }
    }

    /// Forward transform of `real` (`∏ extents` scalars) into `complex` (interleaved pairs).
    func forward(_ real: UnsafeMutablePointer<T>, _ complex: UnsafeMutablePointer<T>) {
        precondition(direction == .realToComplex)
        T.fftwExecuteR2C(plan!, real: real, complex: complex)
    }

    /// Inverse transform of `complex` (destroyed) into `real`, unnormalised.
    func inverse(_ complex: UnsafeMutablePointer<T>, _ real: UnsafeMutablePointer<T>) {
        precondition(direction == .complexToReal)
        T.fftwExecuteC2R(plan!, complex: complex, real: real)
    }

    /// Whether ``filter(_:rows:kept:inverse:scratch:_:)`` can run: a row-by-column plan.
    var filtersInPlace: Bool { rowColumn != nil }

    /// A forward row-by-column plan's transform of `data`, `apply` on the spectrum block
    /// by block, and `inverse`'s transform back into `data`
    /// (``RowColumnDFT/filter(_:rows:kept:inverse:scratch:_:)``). Only where
    /// ``filtersInPlace`` holds, for both plans.
    func filter(_ data: UnsafeMutablePointer<T>, rows: Int, kept: Int, inverse: FFTPlan<T>,
                scratch: UnsafeMutablePointer<T>,
                _ apply: (_ block: UnsafeMutablePointer<T>, _ first: Int, _ bins: Int) -> Void) {
        precondition(direction == .complexForward && inverse.direction == .complexBackward)
        rowColumn!.filter(data, rows: rows, kept: kept, inverse: inverse.rowColumn!, scratch: scratch, apply)
    }

    /// The complex transform of `input` into `output` (`∏ extents` interleaved pairs each,
    /// distinct arrays; `input` is destroyed). For a ``RowColumnDFT`` the spectrum side is
    /// transposed and `rows` prunes the row-major side: a forward transform's input is zero
    /// from row `rows` on, a backward one computes only rows below `rows` (nil: all rows),
    /// and a forward one shares its blocks between `workers`. Other plans ignore both.
    func transform(_ input: UnsafeMutablePointer<T>, _ output: UnsafeMutablePointer<T>, rows: Int? = nil,
                   workers: Int = 1) {
        precondition(direction == .complexForward || direction == .complexBackward)
        if let rowColumn {
            if direction == .complexForward {
                rowColumn.forward(input, output, rows: rows ?? rowColumn.height, workers: workers)
            } else {
                rowColumn.backward(input, output, rows: rows ?? rowColumn.height)
            }
        } else {
            T.fftwExecuteDFT(plan!, input: input, output: output)
        }
    }
}

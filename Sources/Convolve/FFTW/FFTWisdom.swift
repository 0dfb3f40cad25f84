import Foundation

/// FFTW's wisdom: what its planner learned by measuring (``FFTPlanning/measure``), saved
/// to a file and loaded back, so a long-running service or a batch job measures each
/// transform size once per machine instead of once per process. Once wisdom for a size
/// is loaded, even the instant `FFTW_ESTIMATE` plans of one-shot calls use the measured
/// algorithm.
///
/// The file holds both precisions' wisdom as FFTW writes it, under a one-line header:
///
///     convolve-fftw-wisdom 1
///     [double]
///     (fftw_export_wisdom_to_string)
///     [float]
///     (fftwf_export_wisdom_to_string)
///
/// Wisdom is only valid on the machine (and FFTW build) that measured it.
public enum FFTWisdom {
    static let header = "convolve-fftw-wisdom 1"

    /// Writes everything FFTW has learned in this process, in both precisions, to `path`.
    public static func export(to path: String) throws(ConvolutionError) {
        let (double, float) = fftwPlannerLock.withLock { _ in (Double.fftwExportWisdom(), Float.fftwExportWisdom()) }
        let text = [header, "[double]", double, "[float]", float].joined(separator: "\n")
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .wisdomFile(path: path, reason: "could not be written: \(error.localizedDescription)")
        }
    }

    /// Loads wisdom written by ``export(to:)``: sizes planned from now on use it. Load it
    /// before the first calls (plans already cached keep their algorithm, so results of a
    /// size do not change in the middle of a run). Nothing is loaded unless the whole file
    /// is valid.
    public static func load(from path: String) throws(ConvolutionError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .wisdomFile(path: path, reason: "could not be read: \(error.localizedDescription)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == header, let d = lines.firstIndex(of: "[double]"), let f = lines.firstIndex(of: "[float]"),
              d < f else {
            throw .wisdomFile(path: path, reason: "is not a wisdom file: it must start with '\(header)' "
                              + "and hold a [double] and a [float] section")
        }
        let double = lines[(d + 1)..<f].joined(separator: "\n"), float = lines[(f + 1)...].joined(separator: "\n")
        let accepted = fftwPlannerLock.withLock { _ in
            (double.isEmpty || Double.fftwImportWisdom(double)) && (float.isEmpty || Float.fftwImportWisdom(float))
        }
        guard accepted else { throw .wisdomFile(path: path, reason: "holds wisdom FFTW rejected (corrupt, or from another FFTW build)") }
    }

    /// Forgets all wisdom in both precisions (cached plans stay until ``FFTPlanCache/removeAll()``).
    public static func forget() {
        fftwPlannerLock.withLock { _ in
            Double.fftwForgetWisdom()
            Float.fftwForgetWisdom()
        }
    }
}

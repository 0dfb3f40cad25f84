import Foundation

/// The processors the shipped cost constants were measured on (``CostModel/measured``
/// picks the set of the one this process runs on). Read once from `/proc/cpuinfo`'s first
/// processor (`vendor_id`, `cpu family`, `flags`): on the machine kinds of this project's
/// development, the same code ran at rates far enough apart that one set of constants
/// mis-ranked paths on another: an AMD Zen 4 ran the Winograd path on c64@56² and c128@28²
/// in 1.6 ms where an Intel Xeon took 2.6 and 3.4 (bench default runs), FFTW 1.4× and the
/// direct kernels 1.3× faster (`bench --calibrate`'s scales); on an AMD Zen 3 the Zen 4's
/// constants chose the FFT for 1024² 'same' 11×11 at 1.74× the direct path's time.
public enum ProcessorFamily: String, Sendable, CaseIterable {
    /// Intel, and any processor not otherwise named here: the constants fitted on an
    /// Intel Xeon with AVX-512 (2 cores).
    case intel
    /// AMD family 19h with AVX-512 (Zen 4; fitted on an EPYC of family 25, model 17, 2 cores).
    case amdZen4 = "amd-zen4"
    /// AMD family 19h without AVX-512 (Zen 3; fitted on an EPYC of family 25, model 1, AVX2
    /// and FMA, 2 cores).
    case amdZen3 = "amd-zen3"

    /// This process's processor.
    public static let detected: ProcessorFamily = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return .intel }
        return family(cpuinfo: text)
    }()

    /// The family named by the first processor of a `/proc/cpuinfo` text: family 25 of
    /// AMD's is Zen 4 where its flags name `avx512f` (every Zen 4 has it, no Zen 3 does),
    /// Zen 3 otherwise.
    static func family(cpuinfo text: String) -> ProcessorFamily {
        func field(_ name: String) -> String? {
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
            return nil
        }
        guard field("vendor_id") == "AuthenticAMD", let family = field("cpu family").flatMap({ Int($0) }),
              family == 25 else { return .intel }
        let flags = field("flags")?.split(separator: " ") ?? []
        return flags.contains("avx512f") ? .amdZen4 : .amdZen3
    }
}

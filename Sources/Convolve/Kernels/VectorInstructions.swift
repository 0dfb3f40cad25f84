import Foundation

/// Which compiled form of the vector kernels runs (the direct path's row kernel and
/// channel blocks, template matching's window statistics): the Swift loops, or their forms
/// in C (`CVectorKernels`, dispatched at run time). The channel blocks have no portable
/// form: with `.portable` the direct path runs row by row.
enum VectorInstructions: String, Sendable, CaseIterable {
    /// The Swift `SIMD` loops, baseline x86-64 (SSE2) or whatever the target is.
    case portable
    /// `CVectorKernels`: AVX2 + FMA.
    case avx2FMA = "avx2+fma"
    /// `CVectorKernels`: the direct row kernel (16 `Float` lanes, four or six rows per pass),
    /// the channel blocks (eight output channels per pass), the channel vectors (32 `Float`
    /// channels a block) and the depthwise lanes (16 `Float` channels a vector) in AVX-512;
    /// the window statistics, the stride-2 plane kernel and Winograd's transforms have no
    /// AVX-512 form and run their AVX2 one.
    case avx512

    /// Whether the AVX2 forms of the window statistics run (every form but the portable one).
    var runsAVX2: Bool { self != .portable }

    /// Seconds per multiply-add of the blocked direct kernel in this form, the default for
    /// ``CostModel/directBlockedMultiplyAdd`` (measured on the development machine).
    var blockedMultiplyAdd: Double {
        switch self {
        case .portable: return 0.11e-9
        case .avx2FMA: return 0.027e-9
        case .avx512: return 0.023e-9
        }
    }

    /// Seconds per multiply-add of the channel-block kernel in this form (dropped outputs
    /// included), the default for ``CostModel/directChannelBlockMultiplyAdd``: C harness
    /// on the development machines, 3×3 layers of 64 to 256 channels (the portable form has
    /// no channel blocks); AVX2's from its 6 × 2 register block on an AMD EPYC Zen 3
    /// (c256@14² at 80 GF/s, 0.025 ns; the 4 × 3 block it replaced, 0.036 on an Intel Xeon).
    var channelBlockMultiplyAdd: Double {
        switch self {
        case .portable: return 0
        case .avx2FMA: return 0.025e-9
        case .avx512: return 0.0155e-9
        }
    }

    /// Whether this is a C vector form (not the portable loops) that this processor runs:
    /// what the direct path's channel blocks, depthwise lanes, stride-2 planes and in-place
    /// interiors need.
    var runsVectorForm: Bool { self != .portable && isAvailable }

    /// Whether this processor runs this form.
    var isAvailable: Bool {
        switch self {
        case .portable: return true
        case .avx2FMA: return VectorDirectRows.avx2Available
        case .avx512: return VectorDirectRows.avx512Available
        }
    }

    /// The widest form the processor runs, unless the environment variable
    /// `CONVOLVE_KERNELS` names a narrower one (`portable` or `avx2+fma`; read once, at
    /// first use).
    static let detected: VectorInstructions = {
        let widest = allCases.last { $0.isAvailable } ?? .portable
        guard let forced = getenv("CONVOLVE_KERNELS").flatMap({ VectorInstructions(rawValue: String(cString: $0)) }),
              forced.isAvailable else { return widest }
        return forced
    }()
}

/// The compiled form of the vector kernels this process runs: `avx512` or `avx2+fma`
/// where the processor has them, else `portable`; the environment variable
/// `CONVOLVE_KERNELS` (`portable`, `avx2+fma`) forces a narrower one.
public var vectorKernelInstructions: String { VectorInstructions.detected.rawValue }

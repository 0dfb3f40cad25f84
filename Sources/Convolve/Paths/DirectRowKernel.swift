import Foundation

/// The direct path's register-blocked inner kernel for stride 1 and dilation 1 along x.
///
/// For a block of 16 outputs of one or two output rows it keeps the sums in registers
/// (`SIMD8` accumulators) across every input channel and kernel tap, so each tap costs one
/// unaligned vector load and one multiply-add per 8 outputs, and no loads or stores of
/// partial sums. Two output rows `oy` and `oy + 1` (when stride and dilation along y are 1)
/// share their input rows: padded row `oy + r` serves tap row `r` of the first and tap row
/// `r − 1` of the second, so each input vector is loaded once for up to two multiply-adds.
///
///     out₀[x] = Σ_c Σ_rz Σ_ry Σ_rx w[c, rz, ry, rx] · P_c[oz + rz·dz, oy + ry·dy, x + rx]
///     out₁[x] = the same at oy + 1
///
/// The last block of a row may be partial: it is computed in full and only its first
/// outputs are stored, so every output takes the same sum in the same order of taps. Its
/// dropped lanes read up to ``block`` elements past the row: the padded planes must be
/// followed by ``block`` elements of slack.
///
/// Where the processor runs AVX2 and FMA (or AVX-512), ``VectorDirectRows`` computes the
/// same sums with two (four) times the lanes and fused multiply-adds
/// (``VectorInstructions/detected``); the Swift
/// loop below is the portable kernel, for every other processor and for
/// `CONVOLVE_KERNELS=portable`.
enum DirectRowKernel {
    /// Outputs per register block.
    static let block = 16

    /// The fewest outputs of one row worth a worker of their own.
    static let minimumSpan = 4096

    /// Whether `g` qualifies: stride 1 and dilation 1 along x.
    static func applies(_ g: Geometry3) -> Bool { g.stride.x == 1 && g.dilation.x == 1 }

    /// Whether two output rows can share input rows: stride 1 and dilation 1 along y.
    static func pairsRows(_ g: Geometry3) -> Bool { g.stride.y == 1 && g.dilation.y == 1 }

    /// How often one input row of one channel is passed over one register block, per
    /// batch item and output channel, for ``CostModel``: blocks per group of `R` output
    /// rows (``rowGroup(_:instructions:)``) times `channels · k_z · (k_y + R − 1)` input rows
    /// a group reads. A block holds 32 outputs of two rows (48 for kernels at least 5 wide)
    /// or 64 of one in the AVX2 + FMA kernel, 64 of four or six rows or 128 of one in the
    /// AVX-512 one (`Float`; `Double` runs half as many lanes, which the model's precision
    /// factor covers), 16 in the portable one.
    static func rowPasses(_ g: Geometry3, channels: Int, instructions: VectorInstructions = .detected) -> Double {
        let group = rowGroup(g, instructions: instructions)
        let width: Int
        switch instructions {
        case .portable: width = block
        case .avx2FMA: width = group > 1 ? (g.kernel.x >= 5 ? 48 : 32) : 64
        case .avx512: width = group > 1 ? 64 : 128
        }
        let rows = (g.output.y + group - 1) / group
        let blocks = (g.output.x + width - 1) / width
        return Double(g.output.z * rows * blocks) * Double(channels * g.kernel.z * (g.kernel.y + group - 1))
    }

    /// The kernel widths the vector forms compile an unrolled copy of their own for
    /// (`FUNCTION` in `CVectorKernels/DirectRowsTemplate.h`); other widths run its general loop.
    static let unrolledWidths: Set<Int> = [1, 3, 5, 7, 9, 11]

    /// Output rows worth one work item: the rows the compiled form computes together where
    /// ``pairsRows(_:)``, else one. AVX-512 takes six for kernels of at least 5 tap rows and
    /// 7 columns (each input vector serves up to six rows' multiply-adds; narrower kernels
    /// spill registers at six) and four for at least 3 tap rows; AVX2 and the portable
    /// loop take two.
    static func rowGroup(_ g: Geometry3, instructions: VectorInstructions = .detected) -> Int {
        guard pairsRows(g) else { return 1 }
        guard instructions == .avx512 else { return 2 }
        if g.kernel.y >= 5 && g.kernel.x >= 7 { return 6 }
        return g.kernel.y >= 3 ? 4 : 2
    }

    /// Computes outputs `xs` of the `count` rows `(oz, oy + j)` into `out + j · outRowStride`
    /// (`out` points at the first row's first output), sharing input rows between them
    /// where ``pairsRows(_:)``. `padded` holds the group's `channels` padded planes, `weights`
    /// their kernels (`channels × ∏k`, correlation orientation); `instructions` picks the
    /// compiled form. With `accumulate` each output's sum starts from its value in `out`
    /// instead of 0, so calls over disjoint taps (the column phases of a stride along x,
    /// ``DirectPath``) continue one chain.
    @inline(__always)
    static func rows<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, weights: UnsafePointer<T>, channels: Int,
        oz: Int, oy: Int, count: Int, x xs: Range<Int>, out: UnsafeMutablePointer<T>, outRowStride: Int,
        accumulate: Bool = false, instructions: VectorInstructions = .detected
    ) {
        if instructions != .portable, instructions.isAvailable {
            VectorDirectRows.rows(g, padded: padded, weights: weights, channels: channels, oz: oz, oy: oy,
                                  count: count, x: xs, out: out, outRowStride: outRowStride, accumulate: accumulate,
                                  avx512: instructions == .avx512)
            return
        }
        var j = 0
        while j < count {
            let two = j + 1 < count && pairsRows(g)
            portableRows(g, padded: padded, weights: weights, channels: channels, oz: oz, oy: oy + j, x: xs,
                         out0: out + j * outRowStride, out1: two ? out + (j + 1) * outRowStride : nil,
                         accumulate: accumulate)
            j += two ? 2 : 1
        }
    }

    /// The portable kernel: outputs `xs` of row `(oz, oy)` into `out0` and, when `out1` is
    /// given, of row `(oz, oy + 1)` into `out1`.
    @inline(__always)
    private static func portableRows<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, weights: UnsafePointer<T>, channels: Int,
        oz: Int, oy: Int, x xs: Range<Int>, out0: UnsafeMutablePointer<T>, out1: UnsafeMutablePointer<T>?,
        accumulate: Bool
    ) {
        let px = g.padded.x, padVolume = g.padded.volume, kVolume = g.kernel.volume
        let kx = g.kernel.x, ky = g.kernel.y
        let two = out1 != nil
        // Input rows per (channel, rz): ky for one output row, ky + 1 for two.
        let inputRows = two ? ky + 1 : ky
        /// The padded row that tap row `r` of output row `oy` reads, for channel `c` and `rz`.
        @inline(__always) func source(_ c: Int, _ rz: Int, _ r: Int) -> UnsafePointer<T> {
            padded + c &* padVolume
                + ((oz &* g.stride.z &+ rz &* g.dilation.z) &* g.padded.y &+ oy &* g.stride.y &+ r &* g.dilation.y) &* px
        }
        var x = xs.lowerBound
        while x < xs.upperBound {
            var a0 = SIMD8<T>(), a1 = SIMD8<T>(), b0 = SIMD8<T>(), b1 = SIMD8<T>()
            if accumulate {
                // Only the block's own outputs: lanes past the row stay 0 and are dropped.
                for i in 0..<min(block, xs.upperBound - x) {
                    if i < 8 { a0[i] = out0[x &+ i] } else { a1[i &- 8] = out0[x &+ i] }
                    if let out1 { if i < 8 { b0[i] = out1[x &+ i] } else { b1[i &- 8] = out1[x &+ i] } }
                }
            }
            for c in 0..<channels {
                for rz in 0..<g.kernel.z {
                    let taps = weights + c &* kVolume + rz &* ky &* kx
                    for r in 0..<inputRows {
                        let row = source(c, rz, r) + x
                        // Tap row r of output row oy, tap row r − 1 of output row oy + 1.
                        let first = r < ky ? taps + r &* kx : nil
                        let second = two && r >= 1 ? taps + (r &- 1) &* kx : nil
                        for rx in 0..<kx {
                            let v0 = UnsafeRawPointer(row + rx).loadUnaligned(as: SIMD8<T>.self)
                            let v1 = UnsafeRawPointer(row + (rx &+ 8)).loadUnaligned(as: SIMD8<T>.self)
                            if let first {
                                let w = SIMD8<T>(repeating: first[rx])
                                a0 += v0 * w
                                a1 += v1 * w
                            }
                            if let second {
                                let w = SIMD8<T>(repeating: second[rx])
                                b0 += v0 * w
                                b1 += v1 * w
                            }
                        }
                    }
                }
            }
            let count = min(block, xs.upperBound - x)
            if count == block {
                UnsafeMutableRawPointer(out0 + x).storeBytes(of: a0, as: SIMD8<T>.self)
                UnsafeMutableRawPointer(out0 + (x &+ 8)).storeBytes(of: a1, as: SIMD8<T>.self)
                if let out1 {
                    UnsafeMutableRawPointer(out1 + x).storeBytes(of: b0, as: SIMD8<T>.self)
                    UnsafeMutableRawPointer(out1 + (x &+ 8)).storeBytes(of: b1, as: SIMD8<T>.self)
                }
            } else {
                // The last, partial block: its lanes past `count` read beyond the row
                // (into the next row, or the slack after the planes) and are dropped.
                for i in 0..<count {
                    out0[x &+ i] = i < 8 ? a0[i] : a1[i &- 8]
                    out1?[x &+ i] = i < 8 ? b0[i] : b1[i &- 8]
                }
            }
            x += block
        }
    }
}

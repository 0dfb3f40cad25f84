/// The direct path's form for depthwise layers on small planes: channels in the vector
/// lanes instead of outputs (``VectorDepthwiseLanes``).
///
/// The row kernel computes a plane's rows in vectors of outputs along x, so a plane of
/// 7 × 7 outputs fills seven of AVX2's eight lanes, and each plane costs its padding and a
/// kernel call besides: MobileNetV2's depthwise 3×3 c960@7² ran at about 160 ns a plane.
/// Here `L` channels (8 floats in AVX2, 16 in AVX-512) are interleaved into one padded
/// plane of vectors, `P[y, x] = (P_c[y, x])_{c < L}`, and every output of the `L` planes is
/// one vector of sums, `Σ_ry Σ_rx w[ry, rx] · P[oy·s_y + ry·d_y, ox·s_x + rx·d_x]` with
/// `w[ry, rx]` the vector of the channels' taps: all lanes busy at any width, any stride
/// and dilation read in place, one call a group of `L` channels.
///
/// Each output is the chain `acc = fma(w, p, acc)` over `(ry, rx)` from 0, the row
/// kernel's chain for one input channel, so at stride 1 along x the two forms give the
/// same bits (with a stride the plane route's column phases order the taps by phase).
enum DirectDepthwiseLanes {
    /// Widest output rows taken in lanes at stride 1 along x, and with a stride. At stride 1
    /// the row kernel's vectors of outputs fill up as rows widen: c64@40² 3×3 ran 0.066 ms in
    /// lanes against 0.080 in rows, c144@56² 3×3 0.264 against 0.269 (5×5: 0.440 against
    /// 0.469; c96@56² 7×7 0.476 against 0.521), c64@64² 0.185 against 0.158, c16@112² 0.141
    /// against 0.123. Strided planes pay the rows' column phases: c96@112² 3×3 stride 2 (rows
    /// of 56) 0.322 against 0.465, c32@224² stride 2 (rows of 112) 0.487 against 1.28. Release
    /// probe, AMD EPYC Zen 3, one thread, best of 15 alternating calls' thread CPU time, the
    /// lanes kernel with its fields in registers (it had reloaded them after every store and
    /// tested every padded sample for the border: c144@56² stride 2 0.335 → 0.147 ms).
    static let widestRows = (stride1: 56, strided: 112)

    /// Whether `g` runs in lanes with `instructions`: a vector form the processor runs; one
    /// input and one output channel per group (depthwise, channel multiplier 1), more than
    /// one group; 2-D or 1-D planes (one z-slice); a boundary that pads with a value; output
    /// rows at most ``widestRows`` wide; a group's interleaved planes within ``scratchBytes``.
    static func applies(_ geometry: ConvolutionGeometry, _ g: Geometry3, instructions: VectorInstructions) -> Bool {
        instructions.runsVectorForm
            && geometry.groupInputChannels == 1 && geometry.groupOutputChannels == 1 && geometry.groups > 1
            && g.padded.z == 1 && g.kernel.z == 1 && g.boundary.fillValue != nil
            && g.output.x <= (g.stride.x == 1 ? widestRows.stride1 : widestRows.strided)
            && VectorDepthwiseLanes.scratchCount(g, lanes: 1)
                * VectorDepthwiseLanes.lanes(scalarSize: 1, avx512: instructions == .avx512) <= scratchBytes
    }

    /// The most bytes of interleaved planes (padded input, sums and taps of one group of
    /// channels, ``VectorDepthwiseLanes/scratchCount(_:lanes:)`` vectors) a worker may hold:
    /// twice the largest measured, c32@224² stride 2 (2 MiB, where the lanes ran 0.487 ms
    /// against the rows' 1.28). Taller planes go by rows, which stream them in bands.
    static let scratchBytes = 4 << 20

    /// Workers: at most `threads` and the groups of `L` channels of all batch items, with
    /// ``DirectPath/multiplyAddsPerWorker`` multiply-adds each at least.
    static func workers(_ geometry: ConvolutionGeometry, threads: Int, lanes: Int) -> Int {
        let items = geometry.batch * ((geometry.groups + lanes - 1) / lanes)
        let macs = geometry.batch * geometry.outputChannels * geometry.outputVolume * geometry.kernelVolume
        return max(1, min(threads, items, macs / DirectPath.multiplyAddsPerWorker))
    }

    /// Computes every batch item of `geometry` into `output`, groups of `L` channels shared
    /// out between ``workers(_:threads:lanes:)``; with `bias`, channel `c` is `bias[c]` plus
    /// its sums.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, _ g: Geometry3, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?, threads: Int, instructions: VectorInstructions
    ) {
        let avx512 = instructions == .avx512
        let lanes = VectorDepthwiseLanes.lanes(scalarSize: MemoryLayout<T>.size, avx512: avx512)
        let channels = geometry.groups, groups = (channels + lanes - 1) / lanes
        let perWorker = FFTWBuffer<T>.aligned(VectorDepthwiseLanes.scratchCount(g, lanes: lanes))
        let workers = workers(geometry, threads: threads, lanes: lanes)
        let fill = T(g.boundary.fillValue ?? 0), taps = g.kernel.volume
        WorkspacePool.withBuffer(T.self, count: workers * perWorker) { scratch in
            Parallel.run(workers: workers, items: geometry.batch * groups) { w, items in
                for item in items {
                    let (b, c0) = (item / groups, item % groups * lanes)
                    VectorDepthwiseLanes.run(
                        g, input: input + (b * channels + c0) * g.input.volume, weights: kernel + c0 * taps,
                        bias: bias.map { $0 + c0 }, channels: min(lanes, channels - c0), fill: fill,
                        out: output + (b * channels + c0) * g.output.volume, scratch: scratch + w * perWorker,
                        avx512: avx512)
                }
            }
        }
    }
}

import Foundation

/// Estimated seconds for each path on a geometry: a few per-operation costs, each
/// multiplied by how often the path performs that operation. All costs are for `Float`
/// on one thread; `Double` costs ``doubleFactor`` times as much (half the SIMD lanes).
/// Every path also pays `copyElement` per padded input and per output element.
///
/// - direct, register-blocked (stride 1 and dilation 1 along x, ``DirectRowKernel``):
///   `macs · directBlockedMultiplyAdd + passes · directBlockedRowPass`, a pass being one
///   input row of one channel over one register block (``DirectRowKernel/rowPasses(_:channels:instructions:)``:
///   with many channels and few taps the passes' loop overhead dominates), the multiply-add
///   ×``directOneRowFactor`` one row per pass and ×``directWideRowFactor`` for wide 2-D
///   kernels in AVX-512; otherwise
///   `macs · directMultiplyAdd · (stride_x > 1 ? directStridedFactor : 1)
///   + tapRows · directTapRow`, where a tap-row is one pass of one kernel tap over one
///   block of one output row (its loop overhead dominates short rows).
/// - direct, channel blocks (many output channels, any stride, ``DirectChannelBlocks``):
///   the multiply-adds the kernel performs with its rows run flat or one by one
///   (``DirectChannelBlocks/computedMultiplyAdds(_:runs:scalarSize:instructions:)``,
///   ``channelBlockRuns(_:scalarSize:instructions:)``; dropped outputs and idle channels
///   of a partial group included) at `directChannelBlockMultiplyAdd`, plus `copyElement`
///   per phase-plane element written and ``channelFormOutputElement`` per output (on a
///   pointwise layer the rate ×``channelBlockPointwiseFactor`` and
///   ``channelBlockPointwiseOutputElement`` per output instead); the direct estimate is the cheaper of
///   the two forms
///   (``directForm(_:scalarSize:threads:workspaceBudget:instructions:)``).
/// - direct, depthwise lanes (one channel per group, small planes, ``DirectDepthwiseLanes``):
///   per group of `L` channels ``directLanesGroup``, ``directLanesElement`` per interleaved
///   element and ``directLanesMultiplyAdd`` per vector multiply-add; where the lanes apply
///   they are the direct estimate.
/// - gemm: im2col writes `batch · groups · Cg·∏k · ∏o` elements (`im2colElement` each);
///   the multiply then costs `max(macs · gemmMultiplyAdd · max(1, gemmFullRateRows/M),
///   unrolled · gemmStreamElement)`: compute-bound when there are enough output channels
///   per group (`M`), otherwise bound by streaming the im2col matrix once; padded layers
///   add `copyElement` per padded input element, and every im2col product
///   `gemmWeightElement` per weight (OpenBLAS packs them per call); outputs cost
///   `copyElement` each, a pointwise product's ``gemmPointwiseOutputElement``.
/// - With `threads > 1`: direct divides its arithmetic and fft its whole cost by their own
///   worker threads (``DirectPath/workers(_:threads:)``, ``FFTPath/threading(_:layout:threads:)``),
///   FFTW's threads divide a large transform's `N·log₂N` term, and gemm's whole cost is
///   divided by ``gemmSpeedup(workers:)`` of its workers (``GEMMSplit``).
/// - winograd (2-D 3×3 and 5×5, stride 1; dilated layers as the undilated layer of their phases,
///   ``WinogradPath/dilationPhases(_:batch:)``, plus copies): per batch item, group and `m×m` output tile, `Cg` input
///   tile transforms (`winogradInputTile`), `Og` output tile transforms
///   (`winogradOutputTile`), and 36 GEMM products `Og × Cg` costed like the gemm path's but
///   at `winogradMultiplyAdd`, slowed by `(gemmFullRateColumns / n)^0.75` when a chunk has
///   few (`n`) tiles; plus `O·Cg` kernel transforms (`winogradKernelTile`), and a price
///   per byte of a group's transformed kernels beyond the caches (``kernelTileSpillByte``).
/// - fft: with `S = ∏stride` phases and `T` overlap-save tiles (``FFTLayout``),
///   `T·(batch·C·S + batch·O) + O·Cg·S` transforms of `∏L` points costing
///   `fftTransformOverhead + fftPoint · ∏L · log₂∏L` each, times a cache term for frames
///   beyond 2 MiB (1-D tile lengths: their measured rate, ``OneAxisTransformCosts``), a
///   factor for one-axis transforms and one for 3-D frames with outer
///   axes FFTW plans slowly (``outerAxesFactor(_:)``), the whole 3-D estimate
///   ×``fftThreeAxisFactor`` (``fftSeconds(_:layout:scalarSize:threads:kernelsPrepared:)``),
///   and `T · batch · O · Cg · S` spectrum products of `∏L/2` bins at `spectrumBin` each;
///   paired tiles (``FFTLayout``) make `⌈T/2⌉` of each tile transform and product, complex
///   ones at ``pairedTransformFactor(_:scalarSize:filtered:)`` times a real transform, with `∏L` bins;
///   the tiling itself is the one with the least estimate (``fftLayout(_:scalarSize:workspaceBudget:)``;
///   1-D tilings weighed paired and not).
///
/// The default values, ``measured``, were fitted on the development machines, one set per
/// ``ProcessorFamily``;
/// `docs/path-selection.md` gives the measurements and the crossovers they imply.
public struct CostModel: Hashable, Sendable, Codable {
    public var directMultiplyAdd: Double
    public var directStridedFactor: Double
    public var directTapRow: Double
    /// Seconds per multiply-add of the register-blocked direct kernel, in the compiled form
    /// this process runs (``measured`` holds the value of the widest form the processor
    /// runs, `VectorInstructions.blockedMultiplyAdd`).
    public var directBlockedMultiplyAdd: Double
    /// Seconds per multiply-add of the direct channel-block kernel (``DirectChannelBlocks``),
    /// in the compiled form this process runs (`VectorInstructions.channelBlockMultiplyAdd`).
    public var directChannelBlockMultiplyAdd: Double
    /// Seconds per pass of one input row of one channel over one register block of the
    /// blocked direct kernel (its loop and address overhead, and loading the row).
    public var directBlockedRowPass: Double
    /// How much less (a factor) a multiply-add of the AVX-512 row kernel costs on a 2-D kernel (one
    /// z-slice) computed several rows per pass when its width has no unrolled copy of its
    /// own (``DirectRowKernel/unrolledWidths``: 13 columns and up), where the general tap
    /// loop runs: it sustains more multiply-adds per second than the unrolled copies (why
    /// was not settled: this machine has no hardware counters). Default runs on the
    /// development machine (2026-12-01, 1024²
    /// 'same', bench medians): 15×15 to 127×127 took 0.64–0.78 of the estimate's
    /// multiply-add term without this factor, 7×7 to 11×11 0.90–1.02; the release probe's
    /// best calls read 0.60–0.61 on 15×15 and 21×21. 3-D kernels (planes read from many
    /// slices) keep the plain rate: 15³ read 0.93 of the estimate. On the AMD Zen 4 the
    /// general loop has no such lead: with the factor, its default run (2026-12-02) read
    /// 1.38–1.78× the estimate from 15×15 to 127×127 against 0.92–0.97 on 9×9 and 11×11,
    /// and auto kept the direct path on 15×15 at 5.56 ms where FFT took 4.03; there the
    /// factor is 1. Set per processor family, not fitted by `bench --calibrate`.
    public var directWideRowFactor: Double
    /// What one-axis transforms cost per `N·log₂N` relative to ``fftPoint`` (fitted on
    /// the crossover suite: 1-D tiles ran at 0.53–0.60 of the 2-D estimate).
    public var fftOneAxisFactor: Double
    public var im2colElement: Double
    public var gemmMultiplyAdd: Double
    /// Seconds per multiply-add of Winograd's `α²` small products (`[Og × Cg] · [Cg × tiles]`,
    /// through OpenBLAS like the gemm path, but in many small calls). On the AMD Zen 4,
    /// fitted with the tile transforms to the path's times on 12 layers (0.021 ns, which a
    /// C loop of the same 36 sgemm calls also reads: 0.020–0.024 ns from 49 columns up);
    /// the Intel set keeps 0.060 ns, the value it shared with GEMM before the two were split.
    public var winogradMultiplyAdd: Double
    public var gemmFullRateRows: Double
    public var gemmStreamElement: Double
    public var fftPoint: Double
    public var fftTransformOverhead: Double
    public var spectrumBin: Double
    public var copyElement: Double
    public var doubleFactor: Double
    /// Seconds to transform one 6×6 input tile of one channel (Winograd).
    public var winogradInputTile: Double
    /// Seconds to transform one 6×6 product tile back to 4×4 outputs (Winograd).
    public var winogradOutputTile: Double
    /// Seconds to transform one 3×3 kernel to its 6×6 tile (Winograd).
    public var winogradKernelTile: Double
    /// GEMM columns (`n`) below which OpenBLAS runs slower, by `(gemmFullRateColumns / n)`
    /// to the ``narrowColumnsExponent``: Winograd's products have only as many columns as
    /// output tiles in a chunk.
    public var gemmFullRateColumns: Double
    /// Seconds of overhead per BLAS call (Winograd makes `α²` calls per chunk of tiles
    /// per batch item and group).
    public var gemmCall: Double
    /// Bytes of one real transform frame beyond which FFTW slows down (the caches).
    public var fftCacheBytes: Double
    /// How much slower per `N·log₂N` a transform gets, times the squared octaves its frame
    /// exceeds ``fftCacheBytes`` by.
    public var fftCachePenalty: Double
    /// Seconds per byte of a group's transformed kernels beyond ``kernelTilesCacheBytes``,
    /// per chunk of tiles (Winograd; see there). Set per processor family, not fitted by
    /// `bench --calibrate`.
    public var kernelTileSpillByte: Double
    /// Seconds per weight (`O·Cg·∏k`) per im2col product of the GEMM path over few output
    /// positions `n`, taken ×`(1 − n/gemmWeightColumns)`: OpenBLAS packs the whole weight
    /// matrix in every call, which layers with few output positions notice (on the Zen 3,
    /// 0.47, 0.41 and 0.32 ns per weight above the multiply-adds' time for c512 3×3 layers
    /// on 7², 10² and 14², 0.42 for c256 on 7²: 0.43–0.50 after the taper). Pointwise
    /// products are left without it. Set per processor family, not fitted by
    /// `bench --calibrate`.
    public var gemmWeightElement: Double
    /// Seconds per output element of a pointwise product (a 1×1 layer at stride 1, unpadded,
    /// which GEMM multiplies as it lies): OpenBLAS's time beyond the multiply-adds grows with
    /// the outputs it writes, which layers of few input channels notice. On the Zen 3 (release
    /// probe, one thread, best of 12, ms measured against estimated without the term):
    /// c16→96@112² 1.01 (0.42), c24→144@56² 0.45 (0.24), c32→192@28² 0.18 (0.11), c64→64@56²
    /// 0.38 (0.28); 0.5 ns brings each within 0.9–1.1. 0 elsewhere (on the AMD Zen 4 the
    /// 1×1 layer c64@56² ran GEMM in 0.27–0.30 ms, its estimate 0.37 with an output term).
    /// Set per processor family, not fitted by `bench --calibrate`.
    public var gemmPointwiseOutputElement: Double
    /// The channel blocks' multiply-add on pointwise layers, as a multiple of
    /// ``directChannelBlockMultiplyAdd``: their runs read the input planes in place and
    /// store straight into the output, but each block of output channels reads all of its
    /// input channels' rows again. On the Zen 3 they ran at 0.026–0.034 ns against 0.022
    /// (release probe, best of 12–20: c16→96@112² 0.57 ms, c24→144@56² 0.29, c32→192@28²
    /// 0.13, c32→16@112² 0.21, c64→64@56² 0.42–0.44, c64→256@56² 1.49–1.55, c256→64@56²
    /// 1.45, c1024→256@14² 1.73), the layers of 64 input channels or more at the top; 1.4
    /// (0.031 ns) keeps those on GEMM, which ran them 5–10% faster, and moves those of 16 to
    /// 32 input channels to the blocks, which ran them in 0.57–0.75 of GEMM's time. 1
    /// elsewhere. Set per processor family, not fitted by `bench --calibrate`.
    public var channelBlockPointwiseFactor: Double
    /// Seconds per output element the channel blocks pay on a pointwise layer besides their
    /// multiply-adds: `copyElement` in the sets measured before this term (every path's
    /// output term), 0 on the Zen 3, where the blocks store those outputs from their
    /// registers with nothing to copy (the times above, against their multiply-adds alone).
    public var channelBlockPointwiseOutputElement: Double
    /// Seconds per output element the channel blocks and the channel vectors pay on other
    /// layers besides their multiply-adds: `copyElement` in the sets measured before this
    /// term (every path's output term), 0 on the AMD Zen 4, where both store their sums from
    /// registers into the output planes with no pass of their own (release probe, one thread,
    /// best of 9, 2026-12-07: the blocks' estimates without the term read 0.84–1.13 of their
    /// times on seven layers from c3→32@224² stride 2 to c128@56² stride 2, with it up to
    /// 1.86×, VGG's first layer 3.17 ms estimated against 1.70 measured).
    public var channelFormOutputElement: Double
    /// What each FFT worker after the first adds to the path's speed, as a share of one, on
    /// problems of two and three axes (``fftSpeedup(workers:rank:)``). Set per processor
    /// family, not fitted by `bench --calibrate` (which times one thread). The default,
    /// 0.45, was measured with `bench --threads 2` against one thread on an Intel Xeon (2
    /// cores, 2026-12-01): 1.40× on the stride-2 stem, 1.41× on a 31×31 layer, 1.1× on a 3×3
    /// c64 layer; on the machine before it 1.39–1.71× on tiled single-channel cases.
    public var fftWorkerGain: Double
    /// The same on one axis, whose long tiles share the memory bus more.
    public var fftOneAxisWorkerGain: Double

    public init(directMultiplyAdd: Double, directStridedFactor: Double, directTapRow: Double,
                im2colElement: Double, gemmMultiplyAdd: Double, gemmFullRateRows: Double,
                gemmStreamElement: Double, fftPoint: Double, fftTransformOverhead: Double,
                spectrumBin: Double, copyElement: Double, doubleFactor: Double,
                winogradInputTile: Double, winogradOutputTile: Double, winogradKernelTile: Double,
                gemmFullRateColumns: Double, gemmCall: Double, fftCacheBytes: Double = 2 * 1024 * 1024,
                fftCachePenalty: Double = 0.25, directBlockedMultiplyAdd: Double = 0.11e-9,
                directBlockedRowPass: Double = 0, fftOneAxisFactor: Double = 0.55,
                directChannelBlockMultiplyAdd: Double? = nil, winogradMultiplyAdd: Double? = nil,
                directWideRowFactor: Double = 1, kernelTileSpillByte: Double = 0.3e-9,
                gemmWeightElement: Double = 0, gemmPointwiseOutputElement: Double = 0,
                channelBlockPointwiseFactor: Double = 1, channelBlockPointwiseOutputElement: Double? = nil,
                channelFormOutputElement: Double? = nil, fftWorkerGain: Double = 0.45,
                fftOneAxisWorkerGain: Double = 0.45) {
        self.directMultiplyAdd = directMultiplyAdd
        self.directStridedFactor = directStridedFactor
        self.directTapRow = directTapRow
        self.im2colElement = im2colElement
        self.gemmMultiplyAdd = gemmMultiplyAdd
        // nil: GEMM's constant, as before the two were split.
        self.winogradMultiplyAdd = winogradMultiplyAdd ?? gemmMultiplyAdd
        self.gemmFullRateRows = gemmFullRateRows
        self.gemmStreamElement = gemmStreamElement
        self.fftPoint = fftPoint
        self.fftTransformOverhead = fftTransformOverhead
        self.spectrumBin = spectrumBin
        self.copyElement = copyElement
        self.doubleFactor = doubleFactor
        self.winogradInputTile = winogradInputTile
        self.winogradOutputTile = winogradOutputTile
        self.winogradKernelTile = winogradKernelTile
        self.gemmFullRateColumns = gemmFullRateColumns
        self.gemmCall = gemmCall
        self.fftCacheBytes = fftCacheBytes
        self.fftCachePenalty = fftCachePenalty
        self.directBlockedMultiplyAdd = directBlockedMultiplyAdd
        self.directBlockedRowPass = directBlockedRowPass
        self.fftOneAxisFactor = fftOneAxisFactor
        self.directWideRowFactor = directWideRowFactor
        self.kernelTileSpillByte = kernelTileSpillByte
        self.gemmWeightElement = gemmWeightElement
        self.gemmPointwiseOutputElement = gemmPointwiseOutputElement
        self.channelBlockPointwiseFactor = channelBlockPointwiseFactor
        // nil: every path's output term, as before the term was split off.
        self.channelBlockPointwiseOutputElement = channelBlockPointwiseOutputElement ?? copyElement
        self.channelFormOutputElement = channelFormOutputElement ?? copyElement
        self.fftWorkerGain = fftWorkerGain
        self.fftOneAxisWorkerGain = fftOneAxisWorkerGain
        // nil: the shipped value for the form this processor runs.
        self.directChannelBlockMultiplyAdd = directChannelBlockMultiplyAdd
            ?? VectorInstructions.detected.channelBlockMultiplyAdd
    }

    /// The constants measured on this process's processor (``ProcessorFamily/detected``):
    /// ``measuredIntel``, ``measuredAMDZen4`` or ``measuredAMDZen3``; see
    /// `docs/path-selection.md`.
    public static let measured = measured(for: .detected)

    /// The shipped constants for processors of `family`.
    public static func measured(for family: ProcessorFamily) -> CostModel {
        switch family {
        case .intel: return measuredIntel
        case .amdZen4: return measuredAMDZen4
        case .amdZen3: return measuredAMDZen3
        }
    }

    /// Constants measured on an Intel Xeon (AVX-512, 2 cores): refitted on 2026-12-02 on
    /// one of family 6, model 207, by `bench --suite crossovers --calibrate` once OpenBLAS
    /// ran its SkylakeX kernels there (``BLASCore``; its Prescott fallback had made GEMM
    /// and Winograd's products five times slower) and Winograd's kernel tiles were made
    /// eight at a time. The fit's medians of measured / estimated against the set before:
    /// Winograd ×0.67, GEMM ×0.83, FFT ×0.83, the AVX-512 row kernel ×0.68 (the estimates'
    /// median error ×1.25 → ×1.13, the crossovers' regret max 1.49 → 1.08). Its channel
    /// blocks' ×1.13 was not taken: the default run's layers then ran direct in 0.58–0.78
    /// of their estimates, and the 1×1 layer went to GEMM at 1.33× direct's time; the
    /// constant stays the C harness's (``VectorInstructions``). The set before was fitted
    /// on an Intel Xeon until 2026-12-02 (GEMM's multiply-add from the default run's
    /// layers, the others by the same calibration,
    /// where OpenBLAS, it now appears, also ran Prescott kernels); the portable direct
    /// kernel's constant is from the earlier AMD EPYC fit (its per-pass cost was not
    /// modelled then), the AVX2 + FMA kernels' from that Xeon's fit and a C harness
    /// (``VectorInstructions``).
    public static let measuredIntel = CostModel(
        directMultiplyAdd: 0.099e-9, directStridedFactor: 4, directTapRow: 3.8e-9,
        im2colElement: 0.42e-9, gemmMultiplyAdd: 0.025e-9, gemmFullRateRows: 13, gemmStreamElement: 0.67e-9,
        fftPoint: 0.187e-9, fftTransformOverhead: 0.80e-6, spectrumBin: 0.49e-9, copyElement: 0.5e-9,
        doubleFactor: 2, winogradInputTile: 20.9e-9, winogradOutputTile: 18.9e-9, winogradKernelTile: 9.4e-9,
        gemmFullRateColumns: 48, gemmCall: 0.47e-6,
        directBlockedMultiplyAdd: VectorInstructions.detected == .avx512
            ? 0.0156e-9 : VectorInstructions.detected.blockedMultiplyAdd,
        directBlockedRowPass: VectorInstructions.detected == .portable ? 0
            : VectorInstructions.detected == .avx512 ? 1.7e-9 : 2.5e-9,
        fftOneAxisFactor: 0.46,
        directChannelBlockMultiplyAdd: VectorInstructions.detected.channelBlockMultiplyAdd,
        winogradMultiplyAdd: 0.040e-9, directWideRowFactor: 0.7)

    /// Constants measured on an AMD EPYC of family 25 (Zen 4, AVX-512, 2 cores) on
    /// 2026-12-02: Winograd's four fitted to the path's times on 12 layers with each tile
    /// (c16@224² to c512@7², best of 40; release probe), then every path's scaled by
    /// `bench --suite crossovers --calibrate` from ``measuredIntel`` with those (its
    /// medians of measured / estimated: blocked direct ×0.76, channel blocks ×1.03, GEMM
    /// ×0.70, FFT ×0.70, Winograd ×0.95; the estimates' median error ×1.35 → ×1.13). Its
    /// FFT frames leave the cache from 1 MiB, the L2 of one Zen 4 core (the Intel Xeon's
    /// is 2 MiB): with 2 MiB, 1024² 'same' 95² and 127² ran paired 640² tiles, with 1 MiB
    /// 320 × 640 and 384 × 640, in 0.77 and 0.76–0.82 of the time on one thread and
    /// 0.72–0.75 and 0.87–0.88 on two (release probe, medians of 15 and 21 rounds with
    /// the two models alternating, 2026-12-02). The constants not named here are the
    /// Intel set's.
    public static let measuredAMDZen4: CostModel = {
        var model = measuredIntel
        model.fftCacheBytes = Double(1 << 20)
        (model.im2colElement, model.gemmMultiplyAdd, model.gemmStreamElement) = (0.35e-9, 0.021e-9, 0.56e-9)
        (model.fftPoint, model.fftTransformOverhead, model.spectrumBin) = (0.157e-9, 0.67e-6, 0.41e-9)
        (model.fftOneAxisFactor, model.directWideRowFactor) = (0.61, 1)
        (model.winogradInputTile, model.winogradOutputTile, model.winogradKernelTile) = (12.3e-9, 10.9e-9, 11.4e-9)
        (model.winogradMultiplyAdd, model.gemmCall) = (0.0209e-9, 0.66e-6)
        if VectorInstructions.detected == .avx512 {
            (model.directBlockedMultiplyAdd, model.directChannelBlockMultiplyAdd) = (0.0174e-9, 0.016e-9)
            // The AVX-512 channel blocks and vectors store their sums from registers
            // (``channelFormOutputElement``). Pointwise layers (release probe, 2026-12-07, one
            // thread, best of 9, ms, blocks against GEMM): c64→64@56² 0.238 / 0.281, c16→96@112²
            // 0.385 / 0.556, c24→144@56² 0.210 / 0.274, c32→192@28² 0.096 / 0.115, c64→256@56²
            // 0.939 / 1.072, c256→64@56² 0.917 / 1.086, c1024→256@14² 0.954 / 1.015,
            // c512→2048@7² 1.181 / 1.142; the blocks ran at 1.12–1.25× their multiply-add rate
            // there (1.44 on 7²), where the output term had put the first five on GEMM.
            (model.channelFormOutputElement, model.channelBlockPointwiseOutputElement) = (0, 0)
            model.channelBlockPointwiseFactor = 1.2
        }
        if VectorInstructions.detected != .portable { model.directBlockedRowPass = 1.9e-9 }
        // Measured again on 2026-12-07 (family 25, model 17; release probe, one thread, best of
        // 9, ms): with the vector kernel transform (`VectorWinograd`) one-shot minus prepared
        // F(2×2) c256@14² read 2.3 ns a kernel, 5.2 per F(4×4)-sized tile as on the Zen 3, and
        // with 0.3 ns a byte of `U` over the cache c256@14²'s one-shot estimate read 2.23 against
        // 1.70 measured, behind direct's 2.17 (2.36 measured): auto's regret 1.42 in the default
        // run. With 5.2 ns and 0.1 ns a byte: c256@14² 1.63 (1.43–1.70), c512@14² 6.75 (7.8;
        // direct 9.3), c128@28² 0.99 (0.79), c256@28² dilation 2 5.2 (6.5–7.0; direct 9.3).
        if VectorWinograd.runs { model.winogradKernelTile = 5.2e-9 }
        model.kernelTileSpillByte = 0.1e-9
        // Two workers against one (release probe, 2026-12-07, 'same' float32, medians of 11
        // interleaved rounds): 2-D 1024² ∗ 9², 11², 15² 2.07–2.08×, 21² 1.78×, 3-D 128³ ∗ 7³
        // and 15³ 1.96–2.00×; 1-D 2²⁰ ∗ 32 and 128 1.47–1.49× (direct 1.89–2.07× on all).
        // With the Intel set's 0.45, 1024² ∗ 15² went direct on two threads at 1.39× the
        // FFT's time.
        (model.fftWorkerGain, model.fftOneAxisWorkerGain) = (0.95, 0.48)
        return model
    }()

    /// Constants measured on an AMD EPYC of family 25, model 1 (Zen 3, AVX2 + FMA without
    /// AVX-512, 2 cores, 512 KiB of L2 each) on 2026-12-06, from ``measuredAMDZen4``: the
    /// medians of four `bench --suite crossovers --calibrate` fits (their medians of measured
    /// / estimated moved by up to 1.4× between fits on this shared machine), then three
    /// constants set to the default run's layers, which the crossover cases price poorly
    /// (bench `--workloads layers`, 2026-12-06, medians): the channel blocks at 0.023 ns
    /// (the fits' 0.0253 put c128@28², c256@14² and the stem at 0.90, 0.92 and 0.77 of
    /// their estimates), GEMM's multiply-add at 0.0219 ns (the fits' 0.019 put the 3×3
    /// layers at 1.08–1.19 and the stem at 1.15, and c256@14² went to GEMM at 1.25× the
    /// Winograd path's time), Winograd's kernel tiles at 5.2 ns with the AVX2 transform
    /// (measured below; the fits scale them with the other Winograd terms). After
    /// them the single-image layers read 0.92–1.15 of their direct, GEMM and Winograd
    /// estimates in two runs, and auto picked the fastest path on every layer but the 1×1
    /// (direct 0.40 and 0.54 ms, GEMM 0.42 and 0.37). Against the Zen 4's: the AVX2 row
    /// kernel at 0.021 ns per multiply-add and 1.45 ns per row pass (the Intel fit's AVX2
    /// values were 0.027 and 2.5), FFTW ×0.90 per `N·log₂N` (one-axis transforms ×0.97),
    /// Winograd's tile transforms and products ×1.38. The Zen 4's constants chose the FFT
    /// for 1024² 'same' 11×11 at 1.74× the direct path's time (default run). FFT frames
    /// leave the cache from 1 MiB here too, though a core's L2 is 512 KiB: with 512 KiB the
    /// FFT path ran 1024² 'same' 31×31 in 7.2–7.4 ms against 4.6–4.7 and 1-D 2²⁰ ∗ 65,536
    /// in 14.7–16.5 against 9.1–9.3, and no case clearly faster (bench, two rounds of each).
    public static let measuredAMDZen3: CostModel = {
        var model = measuredAMDZen4
        (model.im2colElement, model.gemmMultiplyAdd, model.gemmStreamElement) = (0.317e-9, 0.0219e-9, 0.507e-9)
        (model.fftPoint, model.fftTransformOverhead, model.spectrumBin) = (0.141e-9, 0.60e-6, 0.37e-9)
        model.fftOneAxisFactor = 0.66
        (model.winogradInputTile, model.winogradOutputTile) = (16.9e-9, 15.0e-9)
        // The AVX2 kernel transform (`VectorWinograd`): one-shot minus prepared F(2×2)
        // c256@14² calls read 2.3 ns a kernel (release probe, best of 60, three alternations),
        // 5.2 per F(4×4)-sized tile; the SIMD8 lanes' transform had read 6.9 (15.5).
        if VectorWinograd.runs { model.winogradKernelTile = 5.2e-9 }
        // F(2×2) c256@14² (`U` 4.2 MB): with 0.3 ns a byte over the cache the estimate read
        // 2.51 ms one-shot and 2.36 prepared against the bench's medians of 2.05 and 1.97
        // (default run) and a release probe's best calls of 1.85–1.88 and 1.71–1.78; on two
        // threads it put the path at 1.60 ms, behind direct's 1.59, where it ran 1.15–1.31
        // against direct's 1.56–1.59. 0.1 ns matches the bench's medians.
        model.kernelTileSpillByte = 0.1e-9
        // GEMM layers on few positions ran above their estimates by about the weights' packing
        // (release probe, best of 20, one thread; ms measured against estimated without this
        // term): c512→512 3×3 on 7² 3.75 (2.63), on 10² 6.29 (5.32), on 14² 11.15 (10.4);
        // c256→256 3×3 on 7² 0.92 (0.67). Direct ran the 7² layers in 3.2–3.3 and 0.80–0.81.
        model.gemmWeightElement = 0.5e-9
        (model.gemmPointwiseOutputElement, model.channelBlockPointwiseOutputElement) = (0.5e-9, 0)
        (model.winogradMultiplyAdd, model.gemmCall) = (0.0288e-9, 0.91e-6)
        if VectorInstructions.detected == .avx2FMA {
            (model.directBlockedMultiplyAdd, model.directBlockedRowPass) = (0.0207e-9, 1.45e-9)
            // 0.023 before the taps went in passes. The stride-1 layers have run at 0.020–0.022
            // since (``channelBlockStridedFactor``); with 0.022 the 5×5 c32@28² layer goes to
            // the blocks (0.97–1.00 ms against GEMM's 1.11–1.15, release probe) and the 1×1
            // layers on 7² stay on GEMM (0.72–0.84 of the blocks' time the stop before), which
            // 0.021 would have moved.
            model.directChannelBlockMultiplyAdd = 0.022e-9
            model.channelBlockPointwiseFactor = 1.4
        }
        return model
    }()

    /// Estimated seconds for `path` on `geometry` with scalars of `scalarSize` bytes, the
    /// FFT path tiled as `fftTiling` says. With `kernelsPrepared` the kernels' transforms
    /// are not counted: a prepared value made them once (``ConvolutionLayer`` and
    /// ``ConvolutionPlan`` the FFT's spectra and Winograd's tiles, ``SignalFilter`` the
    /// spectra; its one kernel's Winograd tile, about 11 ns, is made per call and left out
    /// too), so its calls do not pay for them (the FFT's layout and Winograd's tile are
    /// still the one-shot choice, so a prepared call gives the one-shot call's bits).
    public func seconds(_ path: Path, _ geometry: ConvolutionGeometry, scalarSize: Int, threads: Int = 1,
                        fftTiling: FFTTiling = .auto, workspaceBudget: Int = ConvolutionOptions.defaultWorkspaceBudget,
                        kernelsPrepared: Bool = false) -> Double {
        let precision = scalarSize > 4 ? doubleFactor : 1
        let g = geometry
        let macs = Double(g.batch) * Double(g.outputChannels) * Double(g.groupInputChannels)
            * Double(g.outputVolume) * Double(g.kernelVolume)
        let padded = Double(g.batch * g.inputChannels) * Double(Shape.product(g.paddedExtent))
        let outputs = Double(g.batch * g.outputChannels) * Double(g.outputVolume)
        switch path {
        case .direct:
            // Depthwise layers on small planes run in lanes whatever the other forms' estimates.
            if let lanes = directLanesSeconds(g, scalarSize: scalarSize, threads: threads) { return lanes }
            let rows = directRowsSeconds(g, scalarSize: scalarSize, threads: threads)
            let blocks = directChannelBlocksSeconds(g, scalarSize: scalarSize, threads: threads,
                                                    workspaceBudget: workspaceBudget) ?? .infinity
            // Prepared values pack the channel vectors' weights once (``ChannelVectorWeights``).
            let vectors = directChannelVectorsSeconds(g, scalarSize: scalarSize, threads: threads,
                                                      workspaceBudget: workspaceBudget,
                                                      weightsPrepared: kernelsPrepared) ?? .infinity
            return min(rows, blocks, vectors)
        case .gemm:
            let pointwise = GEMMPath.isPointwise(g)
            let unrolled = Double(g.batch * g.groups) * Double(g.groupInputChannels * g.kernelVolume)
                * Double(g.outputVolume)
            let rows = Double(g.groupOutputChannels)
            let compute = macs * gemmMultiplyAdd * max(1, gemmFullRateRows / rows)
            let multiply = max(compute, unrolled * gemmStreamElement)
            // Unpadded layers unroll straight from the input: no padded copy.
            let unroll = pointwise ? 0 : unrolled * im2colElement + (g.isUnpadded ? 0 : padded * copyElement)
            // OpenBLAS packs the weights in each product (one per batch item and group), which
            // its products over fewer than ``gemmWeightColumns`` positions do not hide. Not
            // priced for pointwise products, whose 1×1 layers on 7² planes ran GEMM in
            // 0.75–0.84 of the direct path's time where the term put them behind it.
            let narrow = max(0, 1 - Double(g.outputVolume) / Self.gemmWeightColumns)
            let weights = pointwise ? 0 : Double(g.batch * g.outputChannels * g.groupInputChannels * g.kernelVolume)
                * gemmWeightElement * narrow
            // A pointwise product reads the input and writes the output where they lie, with no
            // pass of its own: its outputs cost ``gemmPointwiseOutputElement`` (0 but on the Zen 3),
            // other products' `copyElement`, fitted with im2col.
            // The engine's workers share all of it (``GEMMSplit``): unrolling, products, outputs.
            let workers = GEMMSplit(g, scalarSize: scalarSize, threads: threads, workspaceBudget: workspaceBudget).workers
            return precision * (unroll + multiply + weights
                                + outputs * (pointwise ? gemmPointwiseOutputElement : copyElement))
                / Self.gemmSpeedup(workers: workers)
        case .fft:
            let layout = fftTiling == .auto ? fftLayout(g, scalarSize: scalarSize, workspaceBudget: workspaceBudget)
                : FFTLayout.chosen(g, options: ConvolutionOptions(workspaceBudget: workspaceBudget, fftTiling: fftTiling),
                                   scalarSize: scalarSize)
            return fftSeconds(g, layout: layout, scalarSize: scalarSize, threads: threads,
                              kernelsPrepared: kernelsPrepared)
        case .winograd:
            guard kernelsPrepared else {
                if g.kernelExtent != [3, 3] {
                    return winogradSeconds(g, tile: winogradTile(g), scalarSize: scalarSize, threads: threads)
                }
                return min(winogradSeconds(g, tile: WinogradF2.self, scalarSize: scalarSize, threads: threads),
                           winogradSeconds(g, tile: WinogradF4.self, scalarSize: scalarSize, threads: threads))
            }
            return winogradSeconds(g, tile: winogradTile(g), scalarSize: scalarSize, threads: threads,
                                   kernelsPrepared: true)
        }
    }

    /// The tiles the Winograd path uses on `g`: the one this model estimates faster for
    /// `Float` on one thread with the kernels transformed in the call, so the choice, and
    /// the error bound, depend on the geometry only (``WinogradPath/tile(for:)``).
    func winogradTile(_ g: ConvolutionGeometry) -> any WinogradTile.Type {
        if g.kernelExtent == [5, 5] { return WinogradF2K5.self }
        let f2 = winogradSeconds(g, tile: WinogradF2.self, scalarSize: 4, threads: 1)
        let f4 = winogradSeconds(g, tile: WinogradF4.self, scalarSize: 4, threads: 1)
        return f2 < f4 ? WinogradF2.self : WinogradF4.self
    }

    /// Output positions from which a GEMM product's weight packing is no longer priced
    /// (``gemmWeightElement``): the taper fitted to the Zen 3's c512 layers on 7² to 14²,
    /// and layers of 784 positions (c128 3×3 stride 2 on 56², c32→64 5×5 on 28²), which
    /// ran GEMM in 0.72–0.87 of the direct path's time, keep it.
    static let gemmWeightColumns = 784.0

    /// How much more a multiply-add of the vector row kernel costs when it computes one
    /// output row per pass (a 1-D signal, or a stride along y) than with two to six rows
    /// sharing each input load: every load then feeds one multiply-add. Release probe on the
    /// development machine (AVX-512), 1-D 2²⁰ 'same' with 32 to 192 taps read in place:
    /// 0.041–0.047 ns per multiply-add after the output's stores, against the
    /// 0.023 of ``measured``'s `directBlockedMultiplyAdd`.
    static let directOneRowFactor = 1.9

    /// The depthwise lanes' costs (``DirectDepthwiseLanes``): per group of `L` channels,
    /// per element of its interleaved padded plane and sums (`(|P| + |O|)·L`, written and
    /// read back one scalar at a time), and per vector multiply-add (`|O|·∏k` a group).
    /// Least squares (relative) over sixteen MobileNet and ConvNeXt depthwise layers on 7² to
    /// 224² planes (3×3 to 7×7, strides 1 and 2), within 0.85–1.14 of each (release probe,
    /// AMD EPYC Zen 3, one thread, best calls' thread CPU time; the kernel with its fields
    /// in registers, which the constants before it, 168 ns, 0.48 ns and 0.15 ns, had
    /// overestimated by 1.2–2.5×). Not calibrated per processor.
    static let directLanesGroup = 335e-9, directLanesElement = 0.192e-9, directLanesMultiplyAdd = 0.182e-9

    /// The plane route's stride-2 kernel (``VectorStrideTwoRows``): seconds per output
    /// plane, per multiply-add and per padded input and output element, fitted on seven
    /// depthwise stride-2 layers (c32 to c576, planes 14² to 112², 3×3 and 5×5), within
    /// 0.86–1.10 of each (release probe, AMD EPYC Zen 3, one thread, best calls' thread CPU
    /// time). Not calibrated per processor.
    static let directStrideTwoPlane = 162e-9, directStrideTwoMultiplyAdd = 0.15e-9, directStrideTwoElement = 0.05e-9

    /// The direct path's estimate in depthwise lanes, nil where they do not apply.
    func directLanesSeconds(_ g: ConvolutionGeometry, scalarSize: Int, threads: Int,
                            instructions: VectorInstructions = .detected) -> Double? {
        let g3 = Geometry3(g)
        guard DirectDepthwiseLanes.applies(g, g3, instructions: instructions) else { return nil }
        let lanes = VectorDepthwiseLanes.lanes(scalarSize: scalarSize, avx512: instructions == .avx512)
        let groups = Double(g.batch * ((g.groups + lanes - 1) / lanes))
        let elements = Double((g3.padded.volume + g3.output.volume) * lanes)
        let multiplyAdds = Double(g3.output.volume * g3.kernel.volume)
        let workers = Double(DirectDepthwiseLanes.workers(g, threads: threads, lanes: lanes))
        return groups * (Self.directLanesGroup + elements * Self.directLanesElement
                         + multiplyAdds * Self.directLanesMultiplyAdd) / workers
    }

    /// The direct path's estimate output row by output row (the row kernel or the loops).
    func directRowsSeconds(_ g: ConvolutionGeometry, scalarSize: Int, threads: Int) -> Double {
        let precision = scalarSize > 4 ? doubleFactor : 1
        let macs = Double(g.batch) * Double(g.outputChannels) * Double(g.groupInputChannels)
            * Double(g.outputVolume) * Double(g.kernelVolume)
        let padded = Double(g.batch * g.inputChannels) * Double(Shape.product(g.paddedExtent))
        let outputs = Double(g.batch * g.outputChannels) * Double(g.outputVolume)
        let ox = Double(g.outputExtent.last!)
        let blocks = (ox / Double(DirectPath.blockLength)).rounded(.up)
        let tapRows = macs / ox * blocks
        let strided = g.stride.last! > 1 ? directStridedFactor : 1
        let g3 = Geometry3(g)
        let arithmetic: Double
        if DirectPath.runsPlanes(g, g3, scalarSize: scalarSize, threads: threads),
           DirectPath.usesStrideTwoRows(g3, instructions: .detected) {
            let planes = Double(g.batch * g.outputChannels)
            let workers = Double(DirectPath.planeWorkers(g, threads: threads))
            return precision * (planes * Self.directStrideTwoPlane + macs * Self.directStrideTwoMultiplyAdd
                                + (padded + outputs) * Self.directStrideTwoElement) / workers
        } else if DirectPath.runsPlanes(g, g3, scalarSize: scalarSize, threads: threads) {
            // Plane by plane, a stride along x in column phases: each phase a stride-1 pass
            // of the row kernel over its own taps (under a fill boundary the phases are
            // written from the input in place of the padded plane), each phase after the
            // first reading the outputs back.
            let phases = DirectPath.columnPhases(g3)
            let outputs = Double(g.batch * g.outputChannels) * Double(g.outputVolume)
            let workers = Double(DirectPath.planeWorkers(g, threads: threads))
            let time = phases.reduce(0.0) { sum, phase in
                let oneRow = min(DirectRowKernel.rowGroup(phase), phase.output.y) == 1
                    && VectorInstructions.detected != .portable
                let passes = Double(g.batch * g.outputChannels) * DirectRowKernel.rowPasses(phase, channels: 1)
                return sum + outputs * Double(phase.kernel.volume) * directBlockedMultiplyAdd
                    * (oneRow ? Self.directOneRowFactor : 1) + passes * directBlockedRowPass
            }
            // Each worker pads and writes its own planes: the copies share out as below.
            let copies = padded + outputs * Double(phases.count)
            return precision * (time + copies * copyElement) / workers
        } else if DirectRowKernel.applies(g3) {
            let passes = Double(g.batch * g.outputChannels) * DirectRowKernel.rowPasses(g3, channels: g.groupInputChannels)
            let oneRow = min(DirectRowKernel.rowGroup(g3), g3.output.y) == 1 && VectorInstructions.detected != .portable
            let wide = VectorInstructions.detected == .avx512 && !oneRow && g3.kernel.z == 1
                && !DirectRowKernel.unrolledWidths.contains(g3.kernel.x)
            arithmetic = macs * directBlockedMultiplyAdd
                * (oneRow ? Self.directOneRowFactor : wide ? directWideRowFactor : 1)
                + passes * directBlockedRowPass
        } else {
            arithmetic = macs * directMultiplyAdd * strided + tapRows * directTapRow
        }
        let workers = Double(DirectPath.workers(g, threads: threads))
        let inPlace = DirectPath.inPlaceColumns(g3, channels: g.groupInputChannels, scalarSize: scalarSize,
                                                workers: Int(workers), instructions: .detected) != nil
        // Planes read in place (``DirectPath/inPlaceColumns``) pad only a few columns. Each
        // worker pads and writes its own bands, spans or slabs, so the copies share out as
        // the arithmetic does: with them on one worker, 1024² 'same' 3×3 on two threads read
        // 1.16 ms in rows (0.31 measured on one thread, 0.18–0.40 on two; release probe, AMD
        // Zen 4) and went to the channel blocks (1.14 estimated, 1.6–2.6 measured).
        return precision * (arithmetic + ((inPlace ? 0 : padded) + outputs) * copyElement) / workers
    }

    /// The direct path's estimate in channel blocks, nil where they cannot run.
    func directChannelBlocksSeconds(_ g: ConvolutionGeometry, scalarSize: Int, threads: Int,
                                    workspaceBudget: Int = ConvolutionOptions.defaultWorkspaceBudget,
                                    instructions: VectorInstructions = .detected) -> Double? {
        let g3 = Geometry3(g)
        guard DirectChannelBlocks.applies(g3, channels: g.groupInputChannels, scalarSize: scalarSize,
                                          instructions: instructions, workspaceBudget: workspaceBudget) else { return nil }
        let precision = scalarSize > 4 ? doubleFactor : 1
        let items = Double(g.batch * g.groups)
        let runs = channelBlockRuns(g, scalarSize: scalarSize, instructions: instructions)
        let computed = items * DirectChannelBlocks.computedMultiplyAdds(g, runs: runs, scalarSize: scalarSize,
                                                                        instructions: instructions)
        let layout = DirectChannelBlocks.Layout(g3)
        let phases = layout.readsInputInPlace ? 0 : Double(g.batch * g.inputChannels * layout.channelElements)
        let outputs = Double(g.batch * g.outputChannels) * Double(g.outputVolume)
        let workers = Double(DirectChannelBlocks.workers(g, threads: threads, instructions: instructions))
        let channelBytes = DirectChannelBlocks.channelBytes(g3, layout, scalarSize: scalarSize, instructions: instructions)
        // AVX-512's blocks on output rows of at most two vectors pay it below the L1 too.
        let shortRows = instructions == .avx512 && g.outputExtent.last! <= 2 * 64 / scalarSize
        let strided = layout.phases.volume > 1
            && (g.groupInputChannels * channelBytes > DirectChannelBlocks.l1Bytes || shortRows)
            ? Self.channelBlockStridedFactor : 1
        if GEMMPath.isPointwise(g) {
            return precision * (computed * directChannelBlockMultiplyAdd * channelBlockPointwiseFactor / workers
                                + outputs * channelBlockPointwiseOutputElement)
        }
        return precision * (computed * directChannelBlockMultiplyAdd * strided / workers
                            + phases * copyElement + outputs * channelFormOutputElement)
    }

    /// How much more a channel-block multiply-add costs where the taps read phase planes
    /// (a stride) and the channels' rows and weights (``DirectChannelBlocks/channelBytes(_:_:scalarSize:instructions:)``
    /// each) exceed the L1 cache (``DirectChannelBlocks/l1Bytes``): the taps then read each
    /// channel's phase rows in `s_x` times the places and the cache holds fewer of them. On
    /// the AMD EPYC Zen 3 (release probe, one thread, best calls' thread CPU time, per
    /// multiply-add the kernel performs, copies aside) stride-1 layers ran at 0.0197–0.0218
    /// ns (5×5 c32@28², 3×3 c64@56² to c256@28²), the 7×7 stride-2 stem (three channels,
    /// 23 KB) at 0.021–0.022, and the strided layers of many channels at 0.026–0.027 in
    /// passes (3×3 c64 and c128@56², 58 and 117 KB) and 0.033 without (3×3 c256@28², 13
    /// blocks an item, 147 KB): 1.3 is their middle. AVX-512's blocks pay it too where the
    /// output rows are at most two vectors wide, their rows in the L1 or not: on the AMD
    /// EPYC Zen 4 (release probe, one thread, best of 7) strided 3×3 layers onto 28² read
    /// 1.18–1.23 of their estimates without it (8 to 32 input channels: c32→64 0.348 ms
    /// against 0.293, the channel vectors' 0.294 against 0.306) and those with it 0.93–0.94,
    /// while onto 56² and 112² rows they read 0.89–1.24 and 0.81–1.05 either way.
    static let channelBlockStridedFactor = 1.3

    /// How the channel blocks run `g`'s output rows: row by row where the rows' rounding to
    /// whole vectors costs less than the flat runs' dropped outputs and their copy into the
    /// output rows, per output row `⌈O_x/L⌉·L · C_g·∏k · directChannelBlockMultiplyAdd`
    /// against `Q_x · C_g·∏k · directChannelBlockMultiplyAdd + O_x · copyElement`; flat
    /// where the flat run needs no copy (`Q_x = O_x`).
    func channelBlockRuns(_ g: ConvolutionGeometry, scalarSize: Int,
                          instructions: VectorInstructions = .detected) -> DirectChannelBlocks.Runs {
        let g3 = Geometry3(g), layout = DirectChannelBlocks.Layout(g3)
        guard layout.plane.x != g3.output.x else { return .flat }
        let taps = Double(g.groupInputChannels * g.kernelVolume)
        func perRow(_ runs: DirectChannelBlocks.Runs) -> Double {
            Double(DirectChannelBlocks.computedPerRow(g3, layout, runs: runs, scalarSize: scalarSize,
                                                      instructions: instructions))
        }
        let flat = perRow(.flat) * taps * directChannelBlockMultiplyAdd + Double(g3.output.x) * copyElement
        return perRow(.byRow) * taps * directChannelBlockMultiplyAdd <= flat ? .byRow : .flat
    }

    /// The form of the direct path with the smallest estimate: the rows, the channel blocks
    /// or the channel vectors (each vector form only where it runs in `instructions`; all
    /// priced with this model's constants).
    func directForm(_ g: ConvolutionGeometry, scalarSize: Int, threads: Int, workspaceBudget: Int,
                    instructions: VectorInstructions = .detected, weightsPrepared: Bool = false) -> DirectPath.Form {
        let blocks = directChannelBlocksSeconds(g, scalarSize: scalarSize, threads: threads,
                                                workspaceBudget: workspaceBudget, instructions: instructions)
        let vectors = directChannelVectorsSeconds(g, scalarSize: scalarSize, threads: threads,
                                                  workspaceBudget: workspaceBudget, instructions: instructions,
                                                  weightsPrepared: weightsPrepared)
        guard blocks != nil || vectors != nil else { return .rows }
        let rows = directRowsSeconds(g, scalarSize: scalarSize, threads: threads)
        if let vectors, vectors < rows, vectors <= blocks ?? .infinity { return .channelVectors }
        if let blocks, blocks < rows { return .channelBlocks }
        return .rows
    }

    /// The direct path's estimate in channel vectors, nil where they cannot run: the
    /// multiply-adds the kernel performs (``DirectChannelVectors/computedMultiplyAdds(_:scalarSize:instructions:)``)
    /// at ``channelVectorFactor`` times the channel blocks' rate (each in the form
    /// `instructions` runs), plus the padded planes, the weights' packing
    /// (``itemPackingFactor`` per item, shared by the workers, where items pack their own)
    /// at `copyElement` each,
    /// ``channelVectorTile`` (AVX2) or ``channelVectorTileAVX512`` per tile and
    /// ``channelFormOutputElement`` per output. With `weightsPrepared` (a prepared value's
    /// ``ChannelVectorWeights``) there is no packing to pay: c512@7² on two threads had kept
    /// the channel blocks (1.40 ms) for a prepared layer where the vectors with its packed
    /// weights ran 1.15 (release probe, AMD EPYC Zen 4, best of 15). The padding's taps left
    /// out on small planes (``ChannelVectorTapClasses``) are still priced: the layers they
    /// apply to (c512@7², the 7² outputs of stride-2 layers) run the vectors already.
    func directChannelVectorsSeconds(_ g: ConvolutionGeometry, scalarSize: Int, threads: Int,
                                     workspaceBudget: Int = ConvolutionOptions.defaultWorkspaceBudget,
                                     instructions: VectorInstructions = .detected,
                                     weightsPrepared: Bool = false) -> Double? {
        let g3 = Geometry3(g)
        guard DirectChannelVectors.applies(g, scalarSize: scalarSize, instructions: instructions,
                                           workspaceBudget: workspaceBudget) else { return nil }
        let precision = scalarSize > 4 ? doubleFactor : 1
        let computed = Double(g.batch * g.groups)
            * DirectChannelVectors.computedMultiplyAdds(g, scalarSize: scalarSize, instructions: instructions)
        let perMultiplyAdd = directChannelBlockMultiplyAdd * Self.channelVectorFactor
        let padded = Double(g.batch * DirectChannelVectors.paddedElements(g3, channels: g.inputChannels))
        // Weights packed by each item are read once per item of positions, in cache,
        // rather than packed, stored and read again (``DirectChannelVectors/packsPerItem(_:scalarSize:instructions:)``).
        let perItem = DirectChannelVectors.packsPerItem(g, scalarSize: scalarSize, instructions: instructions)
        let packings = perItem ? Self.itemPackingFactor
            * Double(DirectChannelVectors.items(g, scalarSize: scalarSize, instructions: instructions).positions) : 1
        let weights = weightsPrepared ? 0 : Double(g.outputChannels * g.groupInputChannels * g.kernelVolume) * packings
        let outputs = Double(g.batch * g.outputChannels) * Double(g.outputVolume)
        let workers = Double(DirectChannelVectors.workers(g, threads: threads, scalarSize: scalarSize,
                                                          instructions: instructions))
        let tiles = Double(g.batch * g.groups)
            * DirectChannelVectors.tileBlocks(g, scalarSize: scalarSize, instructions: instructions)
        let tile = instructions == .avx512 ? Self.channelVectorTileAVX512 : Self.channelVectorTile
        // Items that pack their own weights pack them on every worker at once: c512@7²
        // one-shot on two threads ran the vectors in 1.18–1.21 ms against the channel
        // blocks' 1.32–1.35, where this term, taken as serial, had put the blocks ahead
        // (release probe, AMD EPYC Zen 4, best of 15, three sets).
        let packing = weights * copyElement / (perItem ? workers : 1)
        return precision * ((computed * perMultiplyAdd + tiles * tile) / workers
                            + padded * copyElement + packing + outputs * channelFormOutputElement)
    }

    /// Seconds per tile of the channel vectors (6 positions × one block of channels): its
    /// pointers, its sums stored and transposed into the output planes. Few taps a tile leave
    /// this uncovered: c3→64 3×3 on 224² (27 taps) ran 3.20 ms in channel vectors against
    /// the channel blocks' 2.16 (release probe, AMD EPYC Zen 3), where the multiply-adds
    /// alone had estimated the vectors ahead; 30 ns over its 33,400 tiles puts them behind.
    static let channelVectorTile = 30e-9

    /// ``channelVectorTile`` for the AVX-512 form's tiles of 6 positions × 32 channels (twice
    /// the channels' stores, two 16 × 16 transposes). On the AMD Zen 4 (release probe, one
    /// thread, best of 9, ms, 2026-12-07) the multiply-adds and copies alone left 0.35 of
    /// the stem's 2.35 (c3→64 7×7 stride 2, 4,182 tiles), 1.75 of VGG's first layer's 3.65
    /// (16,726) and 0.13 of c16→32@112²'s 1.17 (2,091) unexplained: 60–105 ns a tile; 90 ns
    /// ranks the channel blocks ahead on those, as measured (2.11, 1.70, 1.03).
    static let channelVectorTileAVX512 = 90e-9

    /// The channel vectors' time per multiply-add the kernel performs against the channel
    /// blocks' (``directChannelBlockMultiplyAdd``, stride 1). On the AMD EPYC Zen 3 (release
    /// probe, one thread, best calls' thread CPU time, copies and packing taken out at
    /// `copyElement`) 3×3 stride-2 c128@56² and c256@28² and c512@7² ran at 0.0206–0.0212
    /// ns, against the blocks' 0.022 at stride 1 and 1.3 times that strided
    /// (``channelBlockStridedFactor``).
    static let channelVectorFactor = 0.95

    /// A weight packed by a work item as it goes, against `copyElement`: c512→512 3×3 on
    /// 7² and stride 2 on 14² (2.4 M weights, one item of positions) and c256→512 stride 2
    /// on 14² ran 0.6–0.7 ms above their multiply-adds' estimate (release probe, AMD EPYC
    /// Zen 3), about 0.25 ns a weight.
    static let itemPackingFactor = 0.5

    /// How the small products' time per multiply-add grows below ``gemmFullRateColumns``
    /// columns: as `(48 / n)^0.75`. A C loop of 36 sgemm calls (OpenBLAS, one thread) read
    /// 0.135 ns per multiply-add at 4 columns and 0.039–0.054 at 16, against 0.021 from 49
    /// up (×6.4 and ×1.9–2.6; the power reads ×6.5 and ×2.3).
    static let narrowColumnsExponent = 0.75

    /// The Winograd path's estimate with tiles `tile` (its cost scales with the tile's
    /// `α²` elements; the per-tile constants are for F(4×4)'s 36 and scaled by `α²/36`),
    /// without the kernels' transforms when they are prepared. F(2×2, 5×5) (α = 6, the same
    /// input transform) is priced as F(4×4): the estimates read 0.92–1.06 of four 5×5
    /// layers' best calls (c32→64@28² to c64@56², release probe, AMD EPYC Zen 3).
    func winogradSeconds(_ g: ConvolutionGeometry, tile: any WinogradTile.Type, scalarSize: Int, threads: Int,
                         kernelsPrepared: Bool = false) -> Double {
        let precision = scalarSize > 4 ? doubleFactor : 1
        if let phases = WinogradPath.dilationPhases(g, batch: g.batch) {
            // The undilated layer of the phases, plus the padded planes and the phase planes
            // written and the phases' outputs interleaved into the output.
            let padded = Double(g.batch * g.inputChannels) * Double(Shape.product(g.paddedExtent))
            let outputs = Double(g.batch * g.outputChannels) * Double(g.outputVolume)
            return winogradSeconds(phases, tile: tile, scalarSize: scalarSize, threads: threads,
                                   kernelsPrepared: kernelsPrepared)
                + precision * (2 * padded + outputs) * copyElement
        }
        let m = tile.outputs, e = Double(tile.elements)
        let tiles = (g.outputExtent[0] + m - 1) / m * ((g.outputExtent.last! + m - 1) / m)
        // Blocks of batch items share their products (``WinogradPath/imagesPerBlock``).
        let images = WinogradPath.imagesPerBlock(g, tilesPerImage: tiles, scalarSize: scalarSize,
                                                 workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget)
        let blockTiles = images * tiles, blocks = Double((g.batch + images - 1) / images)
        let columns = Double(WinogradPath.chunkTiles(g, tiles: blockTiles, scalarSize: scalarSize,
                                                     workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget))
        let items = Double(g.batch * g.groups) * Double(tiles)
        let rows = Double(g.groupOutputChannels), depth = Double(g.groupInputChannels)
        let compute = e * items * rows * depth * winogradMultiplyAdd * max(1, gemmFullRateRows / rows)
            * pow(max(1, gemmFullRateColumns / columns), Self.narrowColumnsExponent)
        let chunks = (Double(blockTiles) / columns).rounded(.up)
        let calls = blocks * Double(g.groups) * chunks * e * gemmCall
        let multiply = (max(compute, e * items * depth * gemmStreamElement) + calls) / Double(max(1, threads))
        let workers = Double(max(1, min(threads, g.groupInputChannels, g.groupOutputChannels)))
        let scale = e / 36
        let kernels = kernelsPrepared ? 0 : Double(g.outputChannels * g.groupInputChannels) * winogradKernelTile * scale
        let transforms = (items * (depth * winogradInputTile + rows * winogradOutputTile) * scale + kernels) / workers
        let padded = Double(g.batch * g.inputChannels) * Double(Shape.product(g.paddedExtent))
        let outputs = Double(g.batch * g.outputChannels) * Double(g.outputVolume)
        let kernelTiles = e * Double(g.groupOutputChannels * g.groupInputChannels * scalarSize)
        let spill = max(0, kernelTiles - Self.kernelTilesCacheBytes) * kernelTileSpillByte * chunks
            * blocks * Double(g.groups)
        return precision * (transforms + multiply + (padded + outputs) * copyElement) + spill
    }

    /// Bytes of one group's transformed kernels (`U`, `α²·Og·Cg` scalars) the caches hold for the small
    /// products; beyond them each chunk's products read `U` from further out, at
    /// ``kernelTileSpillByte`` per byte over. On the AMD Zen 4 (2 MiB of L2 in all), the
    /// model without the term read within 0.94–1.14× of the best calls from `U` of 2.4 MB
    /// down, but 1.32× and 1.53× low on F(2×2) c256@14² and c512@7² (`U` 4.2 and 16.8 MB)
    /// and 1.54× on F(4×4) c512@7² (37.7 MB), whose times also spread the most: F(2×2)
    /// c256@14² ran medians of 2.1–3.5 ms over seven runs (2.9 in the middle) against its
    /// 1.6 ms estimate without the term, which 0.3 ns per byte makes 2.2. Fixed, like
    /// ``narrowColumnsExponent``; the price per byte is set per processor family.
    static let kernelTilesCacheBytes = Double(2 << 20)

    /// The FFT path's estimate with `layout`: `T·(batch·C·S + batch·O) + O·Cg·S` transforms
    /// (`T` tiles; kernels once) of `∏L` points at `fftTransformOverhead + fftPoint · ∏L ·
    /// log₂∏L · cache · (one axis ? fftOneAxisFactor : 1)`, where `cache = 1 + fftCachePenalty · log₂(frame bytes / fftCacheBytes)²`
    /// for frames beyond `fftCacheBytes` (FFTW's time per `N·log₂N` grows once a transform
    /// leaves the cache: measured ×1.25 at 4 MiB, ×2.3 at 9 MiB, ×3 at 16 MiB), or for 1-D
    /// frames of 1,024 to 2²¹ points the length's measured rate
    /// (``OneAxisTransformCosts/realRate(_:scalarSize:)``), plus
    /// `T·batch·O·Cg·S` spectrum products of `∏L/2` bins and the copies in and out, all times
    /// ``fftThreeAxisFactor`` in 3-D. Paired
    /// layouts count `⌈T/2⌉` for `T` in the transforms and products, price each transform at
    /// ``pairedTransformFactor(_:scalarSize:filtered:)`` times a real one and each product at `∏L` bins, and
    /// add an interleaving copy of every input window (not in 1-D without stride, where the
    /// windows go straight into the complex frame). Prepared kernels
    /// (`kernelsPrepared`) drop the `O·Cg·S` kernel transforms.
    func fftSeconds(_ g: ConvolutionGeometry, layout: FFTLayout, scalarSize: Int, threads: Int,
                    kernelsPrepared: Bool = false) -> Double {
        let precision = scalarSize > 4 ? doubleFactor : 1
        let points = Double(layout.frame.volume), phases = Double(layout.phaseCount)
        let tiles = Double(layout.tileCount)
        // Paired tiles: half as many transforms, each complex, and full spectra.
        let transformed = layout.paired ? (tiles / 2).rounded(.up) : tiles
        let inputTransforms = transformed * Double(g.batch * g.inputChannels) * phases
        // Each kernel is transformed once per call (kept across tiles, and across the batch
        // while the spectra fit the workspace budget; the model assumes they do), or never
        // when a prepared value holds its spectra.
        let kernelTransforms = kernelsPrepared ? 0 : Double(g.outputChannels * g.groupInputChannels) * phases
        let inverseTransforms = transformed * Double(g.batch * g.outputChannels)
        let transforms = inputTransforms + kernelTransforms + inverseTransforms
        let threading = FFTPath.threading(g, layout: layout, threads: max(1, threads))
        let octaves = max(0, log2(points * Double(scalarSize) * (layout.paired ? 2 : 1) / fftCacheBytes))
        // 1-D tile lengths run at their measured rates (the caches included), others at the
        // smooth rate and the cache penalty.
        let measuredRate = g.spatialRank == 1 ? OneAxisTransformCosts.realRate(layout.extent[0], scalarSize: scalarSize) : nil
        let cache = measuredRate ?? 1 + fftCachePenalty * octaves * octaves
        let axes = g.spatialRank == 1 ? fftOneAxisFactor : 1
        let perTransform: Double = fftTransformOverhead
            + fftPoint * axes * points * log2(max(2, points)) * cache / Double(threading.fftw)
            * (layout.paired ? Self.pairedTransformFactor(layout.extent, scalarSize: scalarSize,
                                                                  filtered: FFTPath.filters(g, layout)) : 1)
            * Self.outerAxesFactor(layout.extent)
        let products: Double = transformed * Double(g.batch * g.outputChannels * g.groupInputChannels) * phases
            * Double(layout.bins)
        // Paired tiles write two windows into one complex frame, the bytes of two real ones,
        // priced at a second copy of the windows: with stride phases each goes through a real
        // frame of its own first, and 2-D and 3-D frames interleave row by row, where the term
        // is part of their fit (without it 1024² ∗ 127² went to 384² tiles and ran 1.5× slower
        // than its 384 × 640 tiles). 1-D frames interleave in one pass (2²⁰ ∗ 64: estimated at
        // 1.8× its time with the term, behind direct at 1.27× the FFT's time).
        let interleaves = layout.paired && (phases > 1 || g.spatialRank > 1)
        let copies: Double = tiles * Double(g.batch * (g.inputChannels + g.outputChannels)) * points * phases
            + (interleaves ? tiles * Double(g.batch * g.inputChannels) * points * phases : 0)
        let threeAxes = g.spatialRank == 3 ? Self.fftThreeAxisFactor : 1
        return precision * threeAxes * (transforms * perTransform + products * spectrumBin + copies * copyElement)
            / fftSpeedup(workers: threading.workers, rank: g.spatialRank)
    }

    /// What a 3-D transform whose outer axes (z, y) are not both powers of two costs per
    /// `N·log₂N` relative to one whose are: FFTW's estimated plans for those frames are slow.
    /// `Benchmarks/fftw/pairing.c`, `FFTW_ESTIMATE`, complex pairs and two r2c + c2r, on
    /// the development machine (2026-12-02), per `N·log₂N` against 16³–64³: 24³ 4×, 40³
    /// 6.5×, 48³ 2.7×, 80³ 2.6×, 96³ 5.7×, 32 × 40 × 32 2.4×, 40 × 32 × 32 3.4×, while a
    /// non-power-of-two last axis alone (32 × 32 × 40, 32 × 32 × 48) ran at the same rate.
    /// 128³ with a 9³ kernel had tiles of 40³ and took 84–98 ms, direct 33–41 (release probe).
    static func outerAxesFactor(_ extent: [Int]) -> Double {
        guard extent.count == 3 else { return 1 }
        return extent[0].nonzeroBitCount == 1 && extent[1].nonzeroBitCount == 1 ? 1 : 3
    }

    /// What the FFT path costs on 3-D problems relative to the same terms' estimate in 2-D.
    /// Bench medians of the default run's 128³ cases on the development machine: 7³ (125
    /// tiles of 32³ in pairs) read 1.21, 1.45 and 1.53 of the plain estimate in three runs
    /// of 2026-12-01/02, 15³ (eight 80³ tiles) 1.21 and 1.53; the best calls of a release
    /// probe came within 5% of it. FFTW's own share of a call is no slower than alone (a
    /// `perf` profile: 48% of the 7³ call, about its 63 transform pairs' time in a C loop):
    /// the difference is the calls' spread on a shared machine, where the tiles' memory
    /// passes over 3-D frames slow down most, while the direct path's medians stay within
    /// 10% of its best.
    static let fftThreeAxisFactor = 1.2

    /// How much faster the FFT path runs on `workers` workers than on one: each worker
    /// after the first adds ``fftWorkerGain`` of one (``fftOneAxisWorkerGain`` on one axis;
    /// its tiles or channels share the memory bus and the serial kernel transforms; calls
    /// into the caller's buffer with a forced FFT also read the input for NaN and ±∞ first,
    /// on one thread).
    func fftSpeedup(workers: Int, rank: Int) -> Double {
        1 + Double(max(0, workers - 1)) * (rank == 1 ? fftOneAxisWorkerGain : fftWorkerGain)
    }

    /// How much faster the GEMM path runs on `workers` workers than on one (each unrolling
    /// and multiplying its share, ``GEMMSplit``): each worker after the first adds
    /// ``gemmWorkerGain`` of one.
    static func gemmSpeedup(workers: Int) -> Double { 1 + Double(max(0, workers - 1)) * gemmWorkerGain }

    /// Measured on 2 cores (AMD EPYC Zen 4, 2026-12-07; release probe, medians of 11 calls
    /// with a bias, one thread against two): c256@28² 3×3 1.73×, c128@56² stride 2 1.37×,
    /// c512@7² 1.34× (output channels shared), 1×1 c256→1024@14² 1.85×, c64→256@56² 1.28×
    /// (memory-bound), c256→128@56² stride 2 1.49×, batch 8 c64@56² 1.54×: 1.49 in the
    /// middle. Winograd's products run on the engine's own workers too, one small product
    /// each, and keep their own division.
    static let gemmWorkerGain = 0.5

    /// What a complex transform costs relative to a real one (r2c or c2r) of the same
    /// extents, for the layouts ``FFTLayout/pairsTiles(_:tiles:scalarSize:planning:)`` pairs.
    /// Measured on this machine (`FFTW_ESTIMATE`, one complex transform against one real
    /// transform of the same extents): 2-D and 3-D frames whose axes are powers of two up to
    /// 128 took 0.77–0.92 of a real transform's time (128², 64²), other paired frames
    /// 1.5–1.9 (2-D 160²–1024² by rows and columns, transposes included; 3-D up to 80³);
    /// 1-D lengths as ``OneAxisTransformCosts`` measured them, per length and scalar type.
    ///
    /// `filtered`: one channel into one output through row-by-column frames, where the
    /// product is taken inside the transforms, block by block (``FFTPlan/filter``): the
    /// spectrum and product never travel through memory, and a forward-plus-inverse pair
    /// costs about as much as two real transforms. Fitted on 1024² 'same' k = 45, 63, 127
    /// (frames of 192²–384 × 640: the model had overestimated those layouts by 1/0.58 where
    /// it read 1/0.76 on the 128² frames beside them; 1.05 brings them level). Since the
    /// filter runs FFTW's batches out of place (2026-12-02), which FFTW ran buffered in
    /// place, the same one-shot calls take 0.80–0.92 of their time on 21² to 63² (release
    /// probe, best of 20 calls, the two builds alternating): 0.9.
    static func pairedTransformFactor(_ extent: [Int], scalarSize: Int, filtered: Bool = false) -> Double {
        if extent.count == 1 { return OneAxisTransformCosts.pairedFactor(extent[0], scalarSize: scalarSize) }
        if extent.allSatisfy({ $0 <= 128 && $0.nonzeroBitCount == 1 }) { return 0.8 }
        return filtered ? 0.9 : 1.55
    }

    /// The FFT layout with the least estimated time on one thread (so the result does not
    /// depend on the thread count): the untiled one, or overlap-save tiles whose transform
    /// lengths are tile lengths from `2·⌈k_d/s⌉` up, evened out over the output. Tiled
    /// layouts keep a group's kernel spectra at once, so they are considered only when
    /// those fit `workspaceBudget`. The search (tens to hundreds of candidate layouts,
    /// 0.1–0.6 ms) runs once per geometry, scalar size, budget and model: the answers are
    /// kept in ``FFTLayoutMemo``.
    func fftLayout(_ g: ConvolutionGeometry, scalarSize: Int, workspaceBudget: Int) -> FFTLayout {
        let key = FFTLayoutMemo.Key(geometry: g, scalarSize: scalarSize, workspaceBudget: workspaceBudget, model: self)
        return FFTLayoutMemo.answers.value(key) {
            searchFFTLayout(g, scalarSize: scalarSize, workspaceBudget: workspaceBudget)
        }
    }

    private func searchFFTLayout(_ g: ConvolutionGeometry, scalarSize: Int, workspaceBudget: Int) -> FFTLayout {
        let whole = FFTLayout(g)
        let rank = g.spatialRank
        let reach = (0..<rank).map { (g.dilatedKernelExtent[$0] + g.stride[$0] - 1) / g.stride[$0] }
        // Per axis, the candidate outputs per tile: the whole axis, or what a tile length
        // (``FastSize/tileLength(atLeast:)``) leaves after the kernel's reach, evened out.
        var candidates: [[Int]] = []
        for axis in 0..<rank {
            var outputs: Set<Int> = [g.outputExtent[axis]]
            var length = FastSize.tileLength(atLeast: 2 * reach[axis])
            while length < whole.extent[axis] {
                let b = length - reach[axis] + 1
                let t = (g.outputExtent[axis] + b - 1) / b
                outputs.insert((g.outputExtent[axis] + t - 1) / t)
                length = FastSize.tileLength(atLeast: length + 1)
            }
            candidates.append(outputs.sorted())
        }
        var best = (layout: whole, seconds: fftSeconds(g, layout: whole, scalarSize: scalarSize, threads: 1))
        func visit(_ axis: Int, _ chosen: [Int]) {
            if axis == rank {
                let layout = FFTLayout(g, outputsPerTile: chosen, scalarSize: scalarSize)
                guard layout.tileCount > 1 else { return }
                let bytes = g.groupOutputChannels * g.groupInputChannels * layout.phaseCount
                    * layout.spectrumStride(Double.self) * scalarSize
                guard bytes <= workspaceBudget else { return }
                // A pairable 1-D layout is weighed paired and not: whether a complex
                // transform beats two real ones depends on the length (``OneAxisTransformCosts``).
                for variant in layout.paired && rank == 1 ? [layout, layout.pairing(false)] : [layout] {
                    let seconds = fftSeconds(g, layout: variant, scalarSize: scalarSize, threads: 1)
                    if seconds < best.seconds { best = (variant, seconds) }
                }
                return
            }
            for b in candidates[axis] { visit(axis + 1, chosen + [b]) }
        }
        visit(0, [])
        return best.layout
    }
}

/// The FFT layouts the cost model has chosen, so that `auto`, the FFT path and prepared
/// values, which each ask on every call, search once per problem (at most 1,024 kept).
enum FFTLayoutMemo {
    struct Key: Hashable, Sendable {
        let geometry: ConvolutionGeometry
        let scalarSize: Int
        let workspaceBudget: Int
        let model: CostModel
    }

    static let answers = KeptAnswers<Key, FFTLayout>(capacity: 1024)
}

/// How the FFT path lays one geometry out in the frequency domain.
///
/// **Stride by phases.** Along an axis with stride `s`, the padded input splits into `s`
/// phases `P_φ[m] = P[m·s + φ]` and the dilated kernel `K̃` into `K_φ[q] = K̃[q·s + φ]`
/// (`φ < s`). Writing each tap offset `t = q·s + φ`,
///
///     out[y] = Σ_t P[y·s + t] · K̃[t] = Σ_φ Σ_q P_φ[y + q] · K_φ[q],
///
/// a stride-1 correlation per phase, summed over phases. The phases therefore act as
/// `∏s` extra input channels of the frequency-domain sum, and every transform is about
/// `s` times shorter per axis than the stride-1 problem's: the strided output is never
/// computed in full and thinned out. Without stride there is one phase and nothing changes.
///
/// **Transform length.** Per axis `L = FastSize.atLeast(o + ⌈kd/s⌉ − 1)` (`o` outputs, `kd`
/// the dilated kernel extent): the circular correlation of a phase at output `y ≤ o − 1`
/// reads positions `y + q ≤ o − 1 + ⌈kd/s⌉ − 1 < L`, so nothing wraps. For stride 1 this is
/// the padded extent `Np = o + kd − 1`.
///
/// **Tiles** (overlap-save, ``FFTTiling``). With `B ≤ o` outputs per tile on an axis, the
/// same argument with `o` replaced by `B` gives `L = FastSize.atLeast(B + ⌈kd/s⌉ − 1)`:
/// the tile whose first output is `y₀` reads the phase windows `P_φ[y₀ ..< y₀ + L]` and
/// keeps its first `B` outputs. One tile (`B = o`) is the untiled layout. Tiled layouts
/// use ``FastSize/tileLength(atLeast:)``, the lengths FFTW's estimated plans are
/// reliably fast at, since their transform is repeated per tile.
///
/// **Paired tiles** (``paired``). The kernel is real, so correlation with it is linear over
/// the complex numbers with real coefficients: for two real tile windows `A` and `B`,
///
///     IDFT( DFT(A + iB) · conj(DFT(K)) ) / ∏L = (A ⋆ K) + i·(B ⋆ K),
///
/// and one complex transform each way serves two tiles (the real part is the first's
/// outputs, the imaginary part the second's). The spectra are then full complex arrays
/// of `∏L` bins. It pays because FFTW's complex transforms of these sizes cost less than
/// two real ones (measured on this machine with `FFTW_ESTIMATE`, per real tile: 1-D `Float`
/// 0.20–0.61 of an r2c + c2r pair up to 4,096 points and 0.61–0.91 up to 131,072, except
/// 16,384 points and `3·2^a` from 24,576 at 1.07–1.24, and `Double` above 1 from 1,536
/// points on, ``OneAxisTransformCosts``; 2-D `Float` 0.39–0.88 for 64²–1024², above 128²
/// by rows and columns (``RowColumnDFT``: FFTW's own 2-D complex plans were up to 10×
/// slower there); 3-D `Float` 0.58–0.84 for 16³–80³, `Double` 0.84–3.2), but not for every
/// frame, so ``pairsTiles(_:tiles:scalarSize:planning:)`` keeps to what was measured faster.
struct FFTLayout: Hashable, Sendable {
    /// Transform extents, spatial axes only (outermost first).
    let extent: [Int]
    /// The same, widened to three axes.
    let frame: Extent3
    /// Phases per axis: the stride.
    let phases: Extent3
    /// Complex bins of one spectrum: `L_z · L_y · (L_x/2 + 1)` (r2c), or `∏L` when paired.
    let bins: Int
    /// Whether two tiles share each complex transform (see the type's doc).
    let paired: Bool
    /// Outputs per tile on each axis (`B`; the last tile on an axis may hold fewer).
    let tile: Extent3
    /// Tiles on each axis: `⌈o / B⌉`.
    let tiles: Extent3

    /// One tile: the whole output.
    init(_ geometry: ConvolutionGeometry) {
        self.init(geometry, outputsPerTile: geometry.outputExtent, scalarSize: MemoryLayout<Float>.size)
    }

    /// Tiles of at most `outputsPerTile[axis]` outputs, evened out per axis: with
    /// `t = ⌈o / b⌉` tiles an axis uses `B = ⌈o / t⌉ ≤ b`. Several tiles are paired when
    /// `paired` says so, or by default where ``pairsTiles(_:tiles:scalarSize:planning:)``
    /// finds it faster for scalars of `scalarSize` bytes and plans of `planning`'s rigor.
    init(_ geometry: ConvolutionGeometry, outputsPerTile: [Int], scalarSize: Int, planning: FFTPlanning = .estimate,
         paired: Bool? = nil) {
        let kd = geometry.dilatedKernelExtent, o = geometry.outputExtent
        let counts = (0..<geometry.spatialRank).map { axis in
            (o[axis] + max(1, min(outputsPerTile[axis], o[axis])) - 1) / max(1, min(outputsPerTile[axis], o[axis]))
        }
        let blocks = (0..<geometry.spatialRank).map { (o[$0] + counts[$0] - 1) / counts[$0] }
        let tiled = counts.reduce(1, *) > 1
        extent = (0..<geometry.spatialRank).map { axis in
            let s = geometry.stride[axis], length = blocks[axis] + (kd[axis] + s - 1) / s - 1
            return tiled ? FastSize.tileLength(atLeast: length) : FastSize.atLeast(length)
        }
        frame = Extent3(extent)
        phases = Extent3(geometry.stride)
        self.paired = tiled && (paired ?? Self.pairsTiles(extent, tiles: counts.reduce(1, *), scalarSize: scalarSize,
                                                                planning: planning))
        bins = Self.bins(frame, paired: self.paired)
        tile = Extent3(blocks)
        tiles = Extent3(counts)
    }

    /// Whether `tiles` tiles of transform extents `extent` and scalars of `scalarSize` bytes
    /// run faster two per complex transform with plans of `planning`'s rigor: with estimated
    /// plans, 1-D up to 131,072 points where a complex transform costs less than the two
    /// real ones it replaces (``OneAxisTransformCosts``: not `Float`'s 16,384 points or
    /// `3·2^a` from 24,576, nor most of `Double`'s from 1,536; the cost model's search
    /// weighs each tiling both ways); with measured plans, 1-D up to 131,072 points except
    /// `3·2^a` from 24,576; 2-D frames up to 2²⁰ points (by rows and columns,
    /// ``RowColumnDFT``, above 128²), in `Double` only those whose every axis's complex
    /// transform costs under two real ones (not 192, 384 or from 3,072 points); `Float` 3-D
    /// frames of at most 2¹⁷ points whose every axis is below 256 or of the form `5·2^a` (the
    /// measurements in the type's doc).
    ///
    /// With measured plans, longer 1-D `Float` frames, up to 327,680 points and `3·2^a` from
    /// 24,576 too, pair when their tiles are even in number or at least 7 (an odd count
    /// leaves one complex transform for a single tile). Whole prepared calls, release probe
    /// on an AMD EPYC Zen 4 (medians of 35, paired / unpaired): 24,576 points × 8 tiles 0.67,
    /// 49,152 × 8 0.65, 98,304 × 8 0.74, 163,840 × 8 0.84, 196,608 × 4 0.72, 262,144 × 4
    /// 0.88 and × 6 0.91, 327,680 × 4 0.87–0.93; odd counts 163,840 × 3 1.06, × 5 1.02, × 7
    /// 0.98; 262,144 × 5 1.10; 327,680 × 3 1.24, × 5 1.03–1.09, × 7 1.00. With estimated
    /// plans (each in a process without measured ones, whose wisdom they would reuse) the
    /// same one-shot calls read 24,576 × 64 1.25, 163,840 × 8 0.98, 327,680 × 4 1.05, and
    /// `Double` frames paired at 163,840 and 327,680 points took 1.06–1.16× their time.
    static func pairsTiles(_ extent: [Int], tiles: Int, scalarSize: Int, planning: FFTPlanning = .estimate) -> Bool {
        func oddPart(_ n: Int) -> Int { n >> n.trailingZeroBitCount }
        let points = extent.reduce(1, *)
        switch extent.count {
        case 1:
            if planning == .estimate {
                return points <= 131_072 && OneAxisTransformCosts.pairedFactor(points, scalarSize: scalarSize) < 2
            }
            if points <= 131_072 && (points < 24_576 || oddPart(points) != 3) { return true }
            return scalarSize == MemoryLayout<Float>.size && points <= 327_680 && (tiles % 2 == 0 || tiles >= 7)
        case 2:
            // Row-by-column frames transform each axis by 1-D complex transforms: in `Double`,
            // those of `3·2^a` lengths from 192 cost over two real ones (``OneAxisTransformCosts``).
            return points <= 1 << 20 && (scalarSize == MemoryLayout<Float>.size
                || extent.allSatisfy { OneAxisTransformCosts.pairedFactor($0, scalarSize: scalarSize) < 2 })
        default:
            // `Double`'s 3-D complex transforms cost 1.7–6.3 real ones (pairing.c: 16³ 1.68,
            // 32³ 2.46, 40³ 1.92, 64³ 2.34, 80³ 6.30), so its tiles stay unpaired.
            return scalarSize == MemoryLayout<Float>.size && points <= 1 << 17
                && extent.allSatisfy { $0 < 256 || oddPart($0) == 5 }
        }
    }

    /// This layout with tiles paired or not; untiled layouts are never paired.
    func pairing(_ paired: Bool) -> FFTLayout {
        guard paired != self.paired else { return self }
        return FFTLayout(extent: extent, frame: frame, phases: phases, tile: tile, tiles: tiles,
                         paired: paired && tiles.volume > 1)
    }

    private init(extent: [Int], frame: Extent3, phases: Extent3, tile: Extent3, tiles: Extent3, paired: Bool) {
        (self.extent, self.frame, self.phases, self.tile, self.tiles, self.paired) =
            (extent, frame, phases, tile, tiles, paired)
        bins = Self.bins(frame, paired: paired)
    }

    /// Complex bins of one spectrum of `frame`: the r2c half spectrum, or all `∏L` when paired.
    private static func bins(_ frame: Extent3, paired: Bool) -> Int {
        paired ? frame.volume : frame.z * frame.y * (frame.x / 2 + 1)
    }

    /// The layout the FFT path runs for `geometry` under `options` with scalars of
    /// `scalarSize` bytes: the tiling asked for, or the cost model's choice (made for
    /// estimated plans, then paired for the plans `options` makes).
    static func chosen(_ geometry: ConvolutionGeometry, options: ConvolutionOptions, scalarSize: Int) -> FFTLayout {
        let planning = options.fftPlanning ?? .estimate
        var layout: FFTLayout
        switch options.fftTiling {
        case .whole: layout = FFTLayout(geometry)
        case .outputsPerTile(let outputs):
            layout = FFTLayout(geometry, outputsPerTile: outputs, scalarSize: scalarSize, planning: planning)
        case .auto:
            layout = CostModel.current.fftLayout(geometry, scalarSize: scalarSize,
                                                 workspaceBudget: options.workspaceBudget)
            if planning != .estimate {
                layout = layout.pairing(pairsTiles(layout.extent, tiles: layout.tileCount, scalarSize: scalarSize,
                                                   planning: planning))
            }
        }
        return options.fftPairedTiles.map { layout.pairing($0) } ?? layout
    }

    /// Scalars of the frame a worker transforms in: a real frame, or a complex one (twice
    /// the scalars) when paired, aligned for SIMD.
    func frameCount<T: ConvolveScalar>(_: T.Type) -> Int {
        FFTWBuffer<T>.aligned(paired ? 2 * frame.volume : frame.volume)
    }

    /// `∏ tiles`.
    var tileCount: Int { tiles.volume }

    /// The first output of tile `index` (flat, x fastest) and how many outputs it holds per axis.
    func tileBounds(_ index: Int, output: Extent3) -> (origin: Extent3, count: Extent3) {
        let t = Extent3(z: index / (tiles.y * tiles.x), y: index / tiles.x % tiles.y, x: index % tiles.x)
        let origin = Extent3(z: t.z * tile.z, y: t.y * tile.y, x: t.x * tile.x)
        return (origin, Extent3(z: min(tile.z, output.z - origin.z), y: min(tile.y, output.y - origin.y),
                                x: min(tile.x, output.x - origin.x)))
    }

    /// `∏ s`: phases per input channel.
    var phaseCount: Int { phases.volume }

    /// Scalars between consecutive spectra in a workspace (aligned for SIMD).
    func spectrumStride<T: ConvolveScalar>(_: T.Type) -> Int { FFTWBuffer<T>.aligned(2 * bins) }

    /// The phase `(φz, φy, φx)` with flat index `index` (x fastest).
    func phase(_ index: Int) -> Extent3 { phases.position(index) }

    /// Writes phase `φ` of the padded plane `padded` (extents `g.padded`) from phase
    /// position `origin` on into `real` (extents `frame`): `real[m] = P[(origin + m)·s + φ]`
    /// per axis, zero where that lies outside `P`.
    func writeInputPhase<T: ConvolveScalar>(
        _ padded: UnsafePointer<T>, _ g: Geometry3, phase φ: Extent3, origin: Extent3,
        into real: UnsafeMutablePointer<T>
    ) {
        PaddedInput.writePhase(padded, extents: g.padded, strides: phases, phase: φ, origin: origin, frame: frame,
                               into: real)
    }

    /// Writes phase `φ` of the dilated kernel, each tap times `scale`, into a zeroed frame
    /// `real` (extents `frame`): tap `r` sits at dilated offset `t = r·d`, which belongs to
    /// phase `t mod s` at `⌊t/s⌋`. `step` 2 writes the real parts of a complex frame
    /// (imaginary parts 0; `real` holds `2·∏frame` scalars).
    func writeKernelPhase<T: ConvolveScalar>(
        _ taps: UnsafePointer<T>, _ g: Geometry3, phase φ: Extent3, scale: T = 1, step: Int = 1,
        into real: UnsafeMutablePointer<T>
    ) {
        real.update(repeating: 0, count: step * frame.volume)
        let s = phases, d = g.dilation
        var tap = taps
        for rz in 0..<g.kernel.z {
            let tz = rz * d.z
            for ry in 0..<g.kernel.y {
                let ty = ry * d.y
                let inPhase = tz % s.z == φ.z && ty % s.y == φ.y
                let row = real + ((tz / s.z) * frame.y + ty / s.y) * frame.x * step
                for rx in 0..<g.kernel.x {
                    let tx = rx * d.x
                    if inPhase && tx % s.x == φ.x { row[(tx / s.x) * step] = tap.pointee * scale }
                    tap += 1
                }
            }
        }
    }
}

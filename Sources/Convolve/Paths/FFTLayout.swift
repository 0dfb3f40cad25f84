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
struct FFTLayout: Hashable, Sendable {
    /// Transform extents, spatial axes only (outermost first).
    let extent: [Int]
    /// The same, widened to three axes.
    let frame: Extent3
    /// Phases per axis: the stride.
    let phases: Extent3
    /// Complex bins of one r2c spectrum: `L_z · L_y · (L_x/2 + 1)`.
    let bins: Int

    init(_ geometry: ConvolutionGeometry) {
        let kd = geometry.dilatedKernelExtent
        extent = (0..<geometry.spatialRank).map { axis in
            let s = geometry.stride[axis]
            return FastSize.atLeast(geometry.outputExtent[axis] + (kd[axis] + s - 1) / s - 1)
        }
        frame = Extent3(extent)
        phases = Extent3(geometry.stride)
        bins = frame.z * frame.y * (frame.x / 2 + 1)
    }

    /// `∏ s`: phases per input channel.
    var phaseCount: Int { phases.volume }

    /// Scalars between consecutive spectra in a workspace (aligned for SIMD).
    func spectrumStride<T: ConvolveScalar>(_: T.Type) -> Int { FFTWBuffer<T>.aligned(2 * bins) }

    /// The phase `(φz, φy, φx)` with flat index `index` (x fastest).
    func phase(_ index: Int) -> Extent3 {
        Extent3(z: index / (phases.y * phases.x), y: index / phases.x % phases.y, x: index % phases.x)
    }

    /// Writes phase `φ` of the padded plane `padded` (extents `g.padded`) into `real`
    /// (extents `frame`): `real[m] = P[m·s + φ]` per axis, zero where that lies outside `P`.
    func writeInputPhase<T: ConvolveScalar>(
        _ padded: UnsafePointer<T>, _ g: Geometry3, phase φ: Extent3, into real: UnsafeMutablePointer<T>
    ) {
        let p = g.padded, s = phases
        for mz in 0..<frame.z {
            for my in 0..<frame.y {
                let row = real + (mz * frame.y + my) * frame.x
                let z = mz * s.z + φ.z, y = my * s.y + φ.y
                guard z < p.z, y < p.y else {
                    row.update(repeating: 0, count: frame.x)
                    continue
                }
                let source = padded + (z * p.y + y) * p.x + φ.x
                let count = min(frame.x, (p.x - φ.x + s.x - 1) / s.x)
                for mx in 0..<count { row[mx] = source[mx &* s.x] }
                (row + count).update(repeating: 0, count: frame.x - count)
            }
        }
    }

    /// Writes phase `φ` of the dilated kernel into a zeroed `real` (extents `frame`): tap
    /// `r` sits at dilated offset `t = r·d`, which belongs to phase `t mod s` at `⌊t/s⌋`.
    func writeKernelPhase<T: ConvolveScalar>(
        _ taps: UnsafePointer<T>, _ g: Geometry3, phase φ: Extent3, into real: UnsafeMutablePointer<T>
    ) {
        real.update(repeating: 0, count: frame.volume)
        let s = phases, d = g.dilation
        var tap = taps
        for rz in 0..<g.kernel.z {
            let tz = rz * d.z
            for ry in 0..<g.kernel.y {
                let ty = ry * d.y
                let inPhase = tz % s.z == φ.z && ty % s.y == φ.y
                let row = real + ((tz / s.z) * frame.y + ty / s.y) * frame.x
                for rx in 0..<g.kernel.x {
                    let tx = rx * d.x
                    if inPhase && tx % s.x == φ.x { row[tx / s.x] = tap.pointee }
                    tap += 1
                }
            }
        }
    }
}

/// im2col + GEMM: per batch item and group, the patches under every output position are
/// unrolled into a matrix `B[Cg·∏k × ∏o]` (row `(c, rz, ry, rx)`, column = output
/// position), and one BLAS call computes `out[Og × ∏o] = K'[Og × Cg·∏k] · B`.
///
/// `B` is built for a segment of output positions at a time, so it never exceeds
/// ``ConvolutionOptions/workspaceBudget``. A 1×1 kernel with stride 1 and no padding needs
/// no unrolling: the input channels already are `B`. Other unpadded layers unroll straight
/// from the input planes (the padded plane is the plane); padded ones pad each channel
/// first (``PaddedInput``).
enum GEMMPath: ConvolutionPath {
    /// Bytes of one im2col column (one output position's patch), `Cg · ∏k · size(T)`.
    static func columnBytes(_ geometry: ConvolutionGeometry, scalarSize: Int) -> Int {
        geometry.groupInputChannels * geometry.kernelVolume * scalarSize
    }

    /// True when the input can be multiplied as it is, without im2col.
    static func isPointwise(_ geometry: ConvolutionGeometry) -> Bool {
        geometry.kernelVolume == 1 && geometry.isUnpadded && geometry.stride.allSatisfy { $0 == 1 }
    }

    static func check(_ geometry: ConvolutionGeometry, options: ConvolutionOptions) throws(ConvolutionError) {
        guard !isPointwise(geometry) else { return }
        // Checked for the wider type, so a geometry that passes passes for both.
        try options.requireWorkspace(columnBytes(geometry, scalarSize: MemoryLayout<Double>.size),
                                     for: "one im2col column of patches")
    }

    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, options: ConvolutionOptions
    ) {
        let g = Geometry3(geometry)
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let rows = cg * g.kernel.volume, positions = g.output.volume
        let inVolume = g.input.volume, padVolume = g.padded.volume

        if isPointwise(geometry) {
            for b in 0..<geometry.batch {
                for group in 0..<geometry.groups {
                    BLAS.multiply(m: og, n: positions, k: cg,
                                  a: kernel + group * og * rows, lda: rows,
                                  b: input + (b * geometry.inputChannels + group * cg) * inVolume, ldb: positions,
                                  c: output + (b * geometry.outputChannels + group * og) * positions, ldc: positions,
                                  threads: options.threads)
                }
            }
            return
        }

        let segment = max(1, min(positions, options.workspaceBudget / (rows * MemoryLayout<T>.stride)))
        let unpadded = geometry.isUnpadded
        WorkspacePool.withBuffer(T.self, count: rows * segment + (unpadded ? 0 : cg * padVolume)) { scratch in
            let columns = scratch, paddedScratch = scratch + rows * segment
            for b in 0..<geometry.batch {
                for group in 0..<geometry.groups {
                    let planes = input + (b * geometry.inputChannels + group * cg) * inVolume
                    if !unpadded {
                        for c in 0..<cg {
                            PaddedInput.write(planes + c * inVolume, into: paddedScratch + c * padVolume,
                                              frame: g.padded, geometry: g)
                        }
                    }
                    let padded = unpadded ? planes : UnsafePointer(paddedScratch)
                    var start = 0
                    while start < positions {
                        let count = min(segment, positions - start)
                        unroll(g, padded: padded, channels: cg, start: start, count: count, into: columns)
                        BLAS.multiply(m: og, n: count, k: rows,
                                      a: kernel + group * og * rows, lda: rows,
                                      b: columns, ldb: count,
                                      c: output + (b * geometry.outputChannels + group * og) * positions + start,
                                      ldc: positions, threads: options.threads)
                        start += count
                    }
                }
            }
        }
    }

    /// im2col for output positions `start ..< start + count` (flattened `(oz, oy, ox)`):
    /// `columns[row · count + j] = P_c[(oz·sz + rz·dz, oy·sy + ry·dy, ox·sx + rx·dx)]`.
    private static func unroll<T: ConvolveScalar>(
        _ g: Geometry3, padded: UnsafePointer<T>, channels: Int, start: Int, count: Int,
        into columns: UnsafeMutablePointer<T>
    ) {
        let sx = g.stride.x, ox = g.output.x, oy = g.output.y
        var destination = columns
        for c in 0..<channels {
            let plane = padded + c * g.padded.volume
            for rz in 0..<g.kernel.z {
                for ry in 0..<g.kernel.y {
                    for rx in 0..<g.kernel.x {
                        var position = start
                        let end = start + count
                        while position < end {
                            let x = position % ox, row = position / ox
                            let run = min(ox - x, end - position)
                            let source = plane + g.paddedOffset(oz: row / oy, oy: row % oy, rz: rz, ry: ry, rx: rx) + x * sx
                            if sx == 1 {
                                destination.update(from: source, count: run)
                            } else {
                                for i in 0..<run { destination[i] = source[i &* sx] }
                            }
                            destination += run
                            position += run
                        }
                    }
                }
            }
        }
    }
}

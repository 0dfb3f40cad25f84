/// Every kernel spectrum one geometry needs, computed once: for output channel `o`, input
/// channel `c` of its group and stride phase `φ`, `DFT(K_φ[o, c])` at the layout's
/// transform size. A prepared layer keeps one per input size, so repeated calls transform
/// only their inputs. Immutable once built.
final class FFTKernelSpectra<T: ConvolveScalar>: @unchecked Sendable {
    let layout: FFTLayout
    /// Spectra per output channel: `Cg · ∏s`.
    let perOutput: Int
    let stride: Int
    private let storage: FFTWBuffer<T>

    /// Transforms `kernel` (`geometry.kernelShape`, already in correlation orientation)
    /// at `layout`'s transform size. Specialised, as ``WinogradKernelTiles``'s: its callers
    /// (a plan's, a layer's or a filter's preparation) are generic, and unspecialised its
    /// frames' writes went element by element through generic code (a `ConvolutionPlan` with
    /// estimated plans of c16@128² 31×31 took 14–17 ms to build, 6.8–7.4 specialised;
    /// c256@14² 48–62 and 31–33; release probe).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    init(_ geometry: ConvolutionGeometry, layout: FFTLayout, kernel: UnsafePointer<T>, options: ConvolutionOptions) {
        let g = Geometry3(geometry)
        self.layout = layout
        perOutput = geometry.groupInputChannels * layout.phaseCount
        stride = layout.spectrumStride(T.self)
        storage = FFTWBuffer<T>(count: max(1, geometry.outputChannels * perOutput * stride))
        let forward = FFTPath.plans(T.self, layout,
                                    threads: FFTPath.threading(geometry, layout: layout, threads: options.threads).fftw,
                                    planning: options.fftPlanning ?? .estimate).forward
        let taps = g.kernel.volume, phases = layout.phaseCount
        WorkspacePool.withBuffer(T.self, count: layout.frameCount(T.self)) { real in
            for o in 0..<geometry.outputChannels {
                for c in 0..<geometry.groupInputChannels {
                    for p in 0..<phases {
                        FFTPath.transformKernel(kernel + (o * geometry.groupInputChannels + c) * taps, g, layout,
                                                phase: p, real: real,
                                                spectrum: storage.pointer + (o * perOutput + c * phases + p) * stride,
                                                plan: forward)
                    }
                }
            }
        }
    }

    /// The spectrum of output channel `o`, virtual channel `v = c·∏s + φ`.
    func spectrum(output o: Int, channel v: Int) -> UnsafeMutablePointer<T> {
        storage.pointer + (o * perOutput + v) * stride
    }

    /// Bytes held.
    var bytes: Int { storage.count * MemoryLayout<T>.stride }
}

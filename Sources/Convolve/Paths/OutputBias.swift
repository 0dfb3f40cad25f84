/// A layer's bias on its output: `y[b, o, ·] += bias[o]`, one rounding per element. The
/// direct path's channel blocks add it as they store their sums, with the same bits
/// (``DirectChannelBlocks``), and GEMM adds its product onto it (β = 1, ``GEMMPath``);
/// the FFT's and Winograd's outputs get this pass after them.
enum OutputBias {
    /// Adds `bias[o]` to every element of output channel `o` of every batch item of
    /// `output` (`geometry.outputShape`).
    static func add<T: ConvolveScalar>(_ bias: UnsafePointer<T>, to output: UnsafeMutablePointer<T>,
                                       _ geometry: ConvolutionGeometry) {
        let volume = geometry.outputVolume, channels = geometry.outputChannels
        for b in 0..<geometry.batch {
            for o in 0..<channels {
                let plane = output + (b * channels + o) * volume
                let value = bias[o]
                for i in 0..<volume { plane[i] += value }
            }
        }
    }
}

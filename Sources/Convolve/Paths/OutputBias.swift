/// A layer's bias on its output: `y[b, o, ·] += bias[o]`, one rounding per element. The
/// direct path's channel blocks add it as they store their sums, and the Winograd path's
/// output transform as it stores its tiles, with the same bits (``DirectChannelBlocks``,
/// ``WinogradPath``); the other paths' outputs get this pass after them. (GEMM's
/// product is not added onto a bias, β = 1: where OpenBLAS splits the inner dimension
/// the bias would enter before the last partial sums, more than one rounding of it.)
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

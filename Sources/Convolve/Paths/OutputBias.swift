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
            for o in 0..<channels { add(bias[o], toPlane: output + (b * channels + o) * volume, count: volume) }
        }
    }

    /// Adds `value` to the `count` elements of one output plane: the pass above for one
    /// channel, or a path's own as it finishes a plane (the direct path's plane route).
    @inline(__always)
    static func add<T: ConvolveScalar>(_ value: T, toPlane plane: UnsafeMutablePointer<T>, count: Int) {
        for i in 0..<count { plane[i] += value }
    }
}

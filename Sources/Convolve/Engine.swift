/// The one way from a geometry and data to a result: validate, choose a path, apply the
/// semantics (flip the kernel for convolution), run the path. Faces call only this.
enum Engine {
    static func implementation(of path: Path) -> any ConvolutionPath.Type {
        switch path {
        case .direct: return DirectPath.self
        case .gemm: return GEMMPath.self
        case .fft: return FFTPath.self
        case .winograd: return WinogradPath.self
        }
    }

    /// A validated call: the geometry, the path that will run, and how.
    struct Prepared {
        let geometry: ConvolutionGeometry
        let path: Path
        let method: Method
        let options: ConvolutionOptions
        /// Whether the FFT runs with the input not yet read for NaN and ±∞: its outputs
        /// tell (``FFTPath/run(_:input:kernel:spectra:output:options:)``), and
        /// ``executeChecked(_:input:kernel:output:spectra:tiles:)`` reads the input only
        /// when they are not all finite.
        var inputUnchecked = false
        /// Whether the call's kernels come transformed from a prepared value, so `auto`
        /// chose without their transforms' cost (and chooses so again for non-finite data).
        var kernelsPrepared = false
    }

    /// Validates `input` (`geometry.inputShape`) and `kernel` (`geometry.kernelShape`)
    /// against `geometry`, `method` and `options`, and picks the path. Every way the call
    /// can fail is checked here, before any output is written, except one when
    /// `deferInputCheck`: whether the input holds NaN or ±∞ when the FFT runs (forced, or
    /// chosen), which the FFT's outputs then show. Only callers that finish with
    /// ``executeChecked(_:input:kernel:output:spectra:tiles:)`` defer it, and for a forced
    /// FFT only when the output is theirs to discard (a failed call leaves the caller's
    /// buffers untouched).
    static func prepare<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafeBufferPointer<T>, kernel: UnsafeBufferPointer<T>,
        method: Method, options: ConvolutionOptions, deferInputCheck: Bool = false, kernelsPrepared: Bool = false
    ) throws(ConvolutionError) -> Prepared {
        try options.validate()
        guard input.count == Shape.product(geometry.inputShape) else {
            throw .elementCountMismatch(argument: "input", shape: geometry.inputShape, count: input.count)
        }
        guard kernel.count == Shape.product(geometry.kernelShape) else {
            throw .elementCountMismatch(argument: "kernel", shape: geometry.kernelShape, count: kernel.count)
        }
        let path: Path
        if let forced = method.forcedPath {
            try implementation(of: forced).check(geometry, options: options)
            if forced == .fft {
                if !deferInputCheck && !Finite.all(input) { throw .nonFiniteInputForFFT(argument: "input") }
                if !Finite.all(kernel) { throw .nonFiniteInputForFFT(argument: "kernel") }
                return Prepared(geometry: geometry, path: forced, method: method, options: options,
                                inputUnchecked: deferInputCheck)
            }
            path = forced
        } else if method == .autotune {
            let finite = Finite.all(input) && Finite.all(kernel)
            path = Autotuner.shared.path(geometry, input: input, kernel: kernel, options: options,
                                         inputIsFinite: finite)
        } else {
            // Only the FFT path refuses NaN and ±∞, and excluding it cannot change a choice
            // that is not the FFT: so choose as if the data were finite, and read the data
            // only when that choice is the FFT (the input, a pass over it, only when the
            // check is not deferred to the FFT's outputs).
            let size = MemoryLayout<T>.size
            let choice = PathChooser.choose(geometry, scalarSize: size, options: options, inputIsFinite: true,
                                            kernelsPrepared: kernelsPrepared).path
            if choice == .fft && Finite.all(kernel) && deferInputCheck {
                return Prepared(geometry: geometry, path: .fft, method: method, options: options, inputUnchecked: true,
                                kernelsPrepared: kernelsPrepared)
            }
            path = choice == .fft && !(Finite.all(kernel) && Finite.all(input))
                ? PathChooser.choose(geometry, scalarSize: size, options: options, inputIsFinite: false,
                                     kernelsPrepared: kernelsPrepared).path
                : choice
        }
        return Prepared(geometry: geometry, path: path, method: method, options: options,
                        kernelsPrepared: kernelsPrepared)
    }

    /// Runs a prepared call, overwriting all of `output` (`geometry.outputShape`). Cannot fail.
    /// `spectra`, `tiles` and `vectorWeights`, when given, are a prepared value's kernels
    /// transformed for the FFT and Winograd paths (for this geometry) and packed for the
    /// direct path's channel vectors, all in correlation orientation; the other paths
    /// ignore them. `bias` (`O` values, a layer's) is added to output channel
    /// `o`: by the direct and Winograd paths as they store their outputs, after the others
    /// (``OutputBias``).
    /// Returns false only when the FFT ran and not every output is finite.
    @discardableResult
    static func execute<T: ConvolveScalar>(
        _ prepared: Prepared, input: UnsafeBufferPointer<T>, kernel: UnsafeBufferPointer<T>,
        output: UnsafeMutableBufferPointer<T>, bias: UnsafeBufferPointer<T>? = nil,
        spectra: FFTKernelSpectra<T>? = nil, tiles: WinogradKernelTiles<T>? = nil,
        vectorWeights: ChannelVectorWeights<T>? = nil
    ) -> Bool {
        let geometry = prepared.geometry, options = prepared.options
        precondition(output.count == Shape.product(geometry.outputShape), "output size was validated")
        let run = { (k: UnsafeBufferPointer<T>) -> Bool in
            let x = input.baseAddress!, k = k.baseAddress!, y = output.baseAddress!, b = bias?.baseAddress
            var finite = true
            switch (prepared.path, prepared.method) {
            case (.direct, .reference):
                DirectPath.run(geometry, input: x, kernel: k, output: y, bias: b, accumulation: .extended,
                               threads: options.threads)
                return true
            case (.direct, _):
                // Packed from the kernel in correlation orientation: `k` here.
                DirectPath.run(geometry, input: x, kernel: k, output: y, bias: b, options: options,
                               vectorWeights: vectorWeights)
                return true
            case (.gemm, _):
                GEMMPath.run(geometry, input: x, kernel: k, output: y, options: options)
            case (.fft, _):
                finite = FFTPath.run(geometry, input: x, kernel: k, spectra: spectra, output: y, options: options)
            case (.winograd, _):
                WinogradPath.run(geometry, input: x, kernel: k, output: y, options: options, prepared: tiles, bias: b)
                return true
            }
            if let b { OutputBias.add(b, to: y, geometry) }
            return finite
        }
        if geometry.semantics == .convolution {
            return flipSpatial(kernel, geometry).withUnsafeBufferPointer(run)
        } else {
            return run(kernel)
        }
    }

    /// ``execute(_:input:kernel:output:spectra:tiles:)``, then the input check a prepared
    /// call deferred: when the FFT's outputs are not all finite and the input holds NaN or
    /// ±∞, a forced FFT is refused (the output holds the FFT's, for the caller to discard)
    /// and `auto` computes the output again on the path it chooses for non-finite data.
    /// Finite outputs prove the input finite wherever a transform read it; a finite input
    /// whose FFT overflows keeps the FFT's outputs, as without the deferral.
    static func executeChecked<T: ConvolveScalar>(
        _ prepared: Prepared, input: UnsafeBufferPointer<T>, kernel: UnsafeBufferPointer<T>,
        output: UnsafeMutableBufferPointer<T>, bias: UnsafeBufferPointer<T>? = nil,
        spectra: FFTKernelSpectra<T>? = nil, tiles: WinogradKernelTiles<T>? = nil,
        vectorWeights: ChannelVectorWeights<T>? = nil
    ) throws(ConvolutionError) {
        let finite = execute(prepared, input: input, kernel: kernel, output: output, bias: bias, spectra: spectra,
                             tiles: tiles, vectorWeights: vectorWeights)
        guard !finite && prepared.inputUnchecked && !Finite.all(input) else { return }
        if prepared.method.forcedPath == .fft { throw .nonFiniteInputForFFT(argument: "input") }
        let path = PathChooser.choose(prepared.geometry, scalarSize: MemoryLayout<T>.size, options: prepared.options,
                                      inputIsFinite: false, kernelsPrepared: prepared.kernelsPrepared).path
        execute(Prepared(geometry: prepared.geometry, path: path, method: prepared.method, options: prepared.options),
                input: input, kernel: kernel, output: output, bias: bias)
    }

    /// Validates, then computes into a new array of `geometry.outputShape` elements; with
    /// `bias` (`O` values, checked by the caller), `bias[o]` is added to output channel `o`.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: [T], kernel: [T], bias: [T]? = nil, method: Method,
        options: ConvolutionOptions
    ) throws(ConvolutionError) -> [T] {
        try input.withUnsafeBufferPointer { x throws(ConvolutionError) in
            try run(geometry, input: x, kernel: kernel, bias: bias, method: method, options: options)
        }
    }

    /// As ``run(_:input:kernel:bias:method:options:)`` over caller memory.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafeBufferPointer<T>, kernel: [T], bias: [T]? = nil,
        method: Method, options: ConvolutionOptions
    ) throws(ConvolutionError) -> [T] {
        let count = Shape.product(geometry.outputShape)
        return try kernel.withUnsafeBufferPointer { k throws(ConvolutionError) in
            let prepared = try prepare(geometry, input: input, kernel: k, method: method, options: options,
                                       deferInputCheck: true)
            return try withBias(bias) { b throws(ConvolutionError) in
                try fresh(count) { buffer throws(ConvolutionError) in
                    try executeChecked(prepared, input: input, kernel: k, output: buffer, bias: b)
                }
            }
        }
    }

    /// `body` with `bias`'s elements, or with nil.
    private static func withBias<T, R>(
        _ bias: [T]?, _ body: (UnsafeBufferPointer<T>?) throws(ConvolutionError) -> R
    ) throws(ConvolutionError) -> R {
        guard let bias else { return try body(nil) }
        return try bias.withUnsafeBufferPointer { b throws(ConvolutionError) in try body(b) }
    }

    /// A new array of `count` elements, every one written by `fill` (or discarded when it throws).
    private static func fresh<T: ConvolveScalar>(
        _ count: Int, _ fill: (UnsafeMutableBufferPointer<T>) throws(ConvolutionError) -> Void
    ) throws(ConvolutionError) -> [T] {
        var failure: ConvolutionError?
        let array = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(ConvolutionError) { try fill(buffer) } catch { failure = error }
            initialized = count
        }
        if let failure { throw failure }
        return array
    }

    /// Validates, then computes into `output` (`geometry.outputShape` elements), which is
    /// untouched when the call fails.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafeBufferPointer<T>, kernel: [T], method: Method,
        options: ConvolutionOptions, into output: UnsafeMutableBufferPointer<T>
    ) throws(ConvolutionError) {
        precondition(output.count == Shape.product(geometry.outputShape), "the caller sizes the output")
        try kernel.withUnsafeBufferPointer { k throws(ConvolutionError) in
            // `auto` may defer the input's check: its outputs are written again, not refused.
            let prepared = try prepare(geometry, input: input, kernel: k, method: method, options: options,
                                       deferInputCheck: method.forcedPath != .fft)
            try executeChecked(prepared, input: input, kernel: k, output: output)
        }
    }

    /// Validates, then computes into a new array with a prepared value's kernels:
    /// `prepared(path)` supplies the FFT spectra, Winograd tiles or channel-vector weights
    /// for the path chosen;
    /// `bias` as in ``run(_:input:kernel:bias:method:options:)``.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: [T], kernel: [T], bias: [T]? = nil, method: Method,
        options: ConvolutionOptions,
        prepared kernels: (Path) -> (spectra: FFTKernelSpectra<T>?, tiles: WinogradKernelTiles<T>?,
                                     vectorWeights: ChannelVectorWeights<T>?)
    ) throws(ConvolutionError) -> [T] {
        let prepared = try input.withUnsafeBufferPointer { x throws(ConvolutionError) in
            try kernel.withUnsafeBufferPointer { k throws(ConvolutionError) in
                try prepare(geometry, input: x, kernel: k, method: method, options: options, deferInputCheck: true,
                            kernelsPrepared: true)
            }
        }
        let (spectra, tiles, vectorWeights) = kernels(prepared.path)
        let count = Shape.product(geometry.outputShape)
        return try input.withUnsafeBufferPointer { x throws(ConvolutionError) in
            try kernel.withUnsafeBufferPointer { k throws(ConvolutionError) in
                try withBias(bias) { b throws(ConvolutionError) in
                    try fresh(count) { buffer throws(ConvolutionError) in
                        try executeChecked(prepared, input: x, kernel: k, output: buffer, bias: b, spectra: spectra,
                                           tiles: tiles, vectorWeights: vectorWeights)
                    }
                }
            }
        }
    }

    /// Reverses every kernel along its spatial axes: `K'[o, c, r] = K[o, c, k − 1 − r]`.
    /// The spatial block of each `(o, c)` is contiguous, so reversing it reverses every axis.
    static func flipSpatial<T>(_ kernel: UnsafeBufferPointer<T>, _ geometry: ConvolutionGeometry) -> [T] {
        let volume = geometry.kernelVolume
        var flipped = Array(kernel)
        flipped.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                buffer[start..<(start + volume)].reverse()
                start += volume
            }
        }
        return flipped
    }
}

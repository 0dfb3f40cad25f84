/// The one way from a geometry and data to a result: validate, choose a path, apply the
/// semantics (flip the kernel for convolution), run the path. Faces call only this.
enum Engine {
    static func implementation(of path: Path) -> any ConvolutionPath.Type {
        switch path {
        case .direct: return DirectPath.self
        case .gemm: return GEMMPath.self
        case .fft: return FFTPath.self
        }
    }

    /// Computes `geometry` on `input` (`geometry.inputShape`) and `kernel`
    /// (`geometry.kernelShape`), returning the output elements (`geometry.outputShape`)
    /// and the path that ran. Validates everything before any work starts.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: [T], kernel: [T], method: Method, options: ConvolutionOptions
    ) throws(ConvolutionError) -> (output: [T], path: Path) {
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
                if !Finite.all(input) { throw .nonFiniteInputForFFT(argument: "input") }
                if !Finite.all(kernel) { throw .nonFiniteInputForFFT(argument: "kernel") }
            }
            path = forced
        } else {
            let finite = Finite.all(input) && Finite.all(kernel)
            path = PathChooser.choose(geometry, scalarSize: MemoryLayout<T>.size, options: options,
                                      inputIsFinite: finite).path
        }

        let effectiveKernel = geometry.semantics == .convolution ? flipSpatial(kernel, geometry) : kernel
        var output = [T](repeating: 0, count: Shape.product(geometry.outputShape))
        input.withUnsafeBufferPointer { x in
            effectiveKernel.withUnsafeBufferPointer { k in
                output.withUnsafeMutableBufferPointer { y in
                    let x = x.baseAddress!, k = k.baseAddress!, y = y.baseAddress!
                    switch (path, method) {
                    case (.direct, .reference):
                        DirectPath.run(geometry, input: x, kernel: k, output: y, accumulation: .extended)
                    case (.direct, _):
                        DirectPath.run(geometry, input: x, kernel: k, output: y, options: options)
                    case (.gemm, _):
                        GEMMPath.run(geometry, input: x, kernel: k, output: y, options: options)
                    case (.fft, _):
                        FFTPath.run(geometry, input: x, kernel: k, output: y, options: options)
                    }
                }
            }
        }
        return (output, path)
    }

    /// Reverses every kernel along its spatial axes: `K'[o, c, r] = K[o, c, k − 1 − r]`.
    /// The spatial block of each `(o, c)` is contiguous, so reversing it reverses every axis.
    static func flipSpatial<T>(_ kernel: [T], _ geometry: ConvolutionGeometry) -> [T] {
        let volume = geometry.kernelVolume
        var flipped = kernel
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

/// Finiteness checks for the FFT guard.
enum Finite {
    /// True when no element is NaN or ±∞ (any of them turns `Σ x·0` into NaN).
    static func all<T: ConvolveScalar>(_ values: [T]) -> Bool {
        values.withUnsafeBufferPointer { buffer in
            var probe = T.zero
            for value in buffer { probe += value * 0 }
            return probe == 0
        }
    }
}

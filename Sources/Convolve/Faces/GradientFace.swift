/// Gradients of any ``ConvolutionGeometry``'s output `y` with respect to its input, its
/// kernel and a per-output-channel bias, each lowered into another geometry the engine
/// runs on any path (nothing here re-implements a path).
///
/// With `K'` the kernel in correlation orientation (`K` itself for correlation, `K`
/// flipped for convolution), `y[b, o, i] = Σ_c Σ_r P[b, c, i·s + r·d] · K'[o, c, r]`
/// (within a group), and `ȳ = ∂L/∂y`:
///
/// - input: `∂L/∂P[p] = Σ_r U[p − r·d] · K'[r]`, `U` the output gradient with `s − 1` zeros
///   inserted between samples. That is the transposed convolution: a *full* correlation
///   of `U` with the kernel flipped and its input/output channel axes swapped (the flip
///   of the forward correlation made concrete). Then `∂L/∂x[i] = Σ_{p → i} ∂L/∂P[p]`,
///   summing every padded position `p` the boundary reads from input index `i` (zero and
///   constant padding read none; reflect, edge, symmetric and wrap fold their gradients
///   back). Cost: the zero insertion makes a strided layer's input gradient `∏s` times
///   the work of a stride-1 one on the direct and GEMM paths.
/// - kernel: `∂L/∂K'[o, c, r] = Σ_b Σ_i ȳ[b, o, i] · P[b, c, i·s + r·d]`: a correlation of
///   the padded input with the output gradient as kernel, batch and channel axes swapped,
///   the stride becoming the dilation and the dilation the stride.
/// - bias: `∂L/∂bias[o] = Σ_b Σ_i ȳ[b, o, i]`, summed in `Double`.

/// `∂L/∂input` (shape `geometry.inputShape`) from `outputGradient` (`geometry.outputShape`).
@_specialize(where T == Float)
@_specialize(where T == Double)
public func inputGradient<T: ConvolveScalar>(
    _ geometry: ConvolutionGeometry, outputGradient: Tensor<T>, kernel: Tensor<T>,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    try outputGradient.requireShape(geometry.outputShape, "outputGradient")
    try kernel.requireShape(geometry.kernelShape, "kernel")
    let g = geometry, rank = g.spatialRank
    let upsampled = (0..<rank).map { (g.outputExtent[$0] - 1) * g.stride[$0] + 1 }
    let padded = g.paddedExtent
    let transposed = try ConvolutionGeometry(
        batch: g.batch, inputChannels: g.outputChannels, outputChannels: g.inputChannels, groups: g.groups,
        inputExtent: upsampled, kernelExtent: g.kernelExtent, dilation: g.dilation,
        padBefore: g.dilatedKernelExtent.map { $0 - 1 }, padAfter: (0..<rank).map { padded[$0] - upsampled[$0] },
        boundary: .zero, semantics: g.semantics == .correlation ? .convolution : .correlation)
    let u = Gradients.insertZeros(outputGradient.elements, g)
    let swapped = Gradients.swapKernelChannels(kernel.elements, g)
    let paddedGradient = try Engine.run(transposed, input: u, kernel: swapped, method: method, options: options)
    return Tensor(validShape: g.inputShape, elements: Gradients.fold(paddedGradient, g))
}

/// `∂L/∂kernel` (shape `geometry.kernelShape`) from `outputGradient` and `input`.
@_specialize(where T == Float)
@_specialize(where T == Double)
public func kernelGradient<T: ConvolveScalar>(
    _ geometry: ConvolutionGeometry, outputGradient: Tensor<T>, input: Tensor<T>,
    method: Method = .auto, options: ConvolutionOptions = .init()
) throws(ConvolutionError) -> Tensor<T> {
    try outputGradient.requireShape(geometry.outputShape, "outputGradient")
    try input.requireShape(geometry.inputShape, "input")
    let g = geometry
    let cg = g.groupInputChannels, og = g.groupOutputChannels
    let swapped = try ConvolutionGeometry(
        batch: cg, inputChannels: g.batch, outputChannels: og, inputExtent: g.inputExtent,
        kernelExtent: g.outputExtent, stride: g.dilation, dilation: g.stride,
        padBefore: g.padBefore, padAfter: g.padAfter, boundary: g.boundary, semantics: .correlation)
    var gradient = [T](repeating: 0, count: Shape.product(g.kernelShape))
    for group in 0..<g.groups {
        let x = Gradients.batchToChannels(input.elements, batch: g.batch, channels: g.inputChannels,
                                          first: group * cg, count: cg, volume: g.inputExtent.reduce(1, *))
        let y = Gradients.batchToChannels(outputGradient.elements, batch: g.batch, channels: g.outputChannels,
                                          first: group * og, count: og, volume: g.outputVolume)
        // out[c, oc, r] for r over the swapped geometry's extent (≥ k per axis).
        let out = try Engine.run(swapped, input: x, kernel: y, method: method, options: options)
        Gradients.cropKernel(out, swapped.outputExtent, g, group: group, into: &gradient)
    }
    if g.semantics == .convolution {
        gradient = gradient.withUnsafeBufferPointer { Engine.flipSpatial($0, g) }
    }
    return Tensor(validShape: g.kernelShape, elements: gradient)
}

/// `∂L/∂bias` (shape `[outputChannels]`): the output gradient summed over batch and space.
@_specialize(where T == Float)
@_specialize(where T == Double)
public func biasGradient<T: ConvolveScalar>(
    _ geometry: ConvolutionGeometry, outputGradient: Tensor<T>
) throws(ConvolutionError) -> Tensor<T> {
    try outputGradient.requireShape(geometry.outputShape, "outputGradient")
    let volume = geometry.outputVolume, channels = geometry.outputChannels
    var sums = [Double](repeating: 0, count: channels)
    outputGradient.withUnsafeBufferPointer { dy in
        for b in 0..<geometry.batch {
            for o in 0..<channels {
                let start = (b * channels + o) * volume
                sums[o] += dy[start..<(start + volume)].reduce(0.0) { $0 + Double($1) }
            }
        }
    }
    return Tensor(validShape: [channels], elements: sums.map { T($0) })
}

/// The rearrangements the gradients need around the engine calls.
enum Gradients {
    /// `U[b, o, j] = ȳ[b, o, j/s]` where `s` divides `j` on every axis, else 0; extents
    /// `(o − 1)·s + 1`. Without stride, `ȳ` itself.
    static func insertZeros<T: ConvolveScalar>(_ dy: [T], _ g: ConvolutionGeometry) -> [T] {
        guard g.stride.contains(where: { $0 > 1 }) else { return dy }
        let out = Extent3(g.outputExtent), s = Extent3(g.stride)
        let up = Extent3(z: (out.z - 1) * s.z + 1, y: (out.y - 1) * s.y + 1, x: (out.x - 1) * s.x + 1)
        var u = [T](repeating: 0, count: g.batch * g.outputChannels * up.volume)
        for plane in 0..<(g.batch * g.outputChannels) {
            for z in 0..<out.z {
                for y in 0..<out.y {
                    for x in 0..<out.x {
                        u[plane * up.volume + ((z * s.z) * up.y + y * s.y) * up.x + x * s.x] =
                            dy[plane * out.volume + (z * out.y + y) * out.x + x]
                    }
                }
            }
        }
        return u
    }

    /// `K^T[g·Cg + c, oc, r] = K[g·Og + oc, c, r]`: output and input channels swapped per group.
    static func swapKernelChannels<T: ConvolveScalar>(_ kernel: [T], _ g: ConvolutionGeometry) -> [T] {
        let cg = g.groupInputChannels, og = g.groupOutputChannels, taps = g.kernelVolume
        var swapped = [T](repeating: 0, count: kernel.count)
        for group in 0..<g.groups {
            for oc in 0..<og {
                for c in 0..<cg {
                    let from = ((group * og + oc) * cg + c) * taps
                    let to = ((group * cg + c) * og + oc) * taps
                    for t in 0..<taps { swapped[to + t] = kernel[from + t] }
                }
            }
        }
        return swapped
    }

    /// `∂L/∂x[b, c, i] = Σ ∂L/∂P[b, c, p]` over padded positions `p` whose sample the
    /// boundary takes from input index `i` (per axis, ``Boundary/sourceIndex(_:length:)``).
    static func fold<T: ConvolveScalar>(_ paddedGradient: [T], _ g: ConvolutionGeometry) -> [T] {
        if g.isUnpadded { return paddedGradient }
        let n = Extent3(g.inputExtent), p = Extent3(g.paddedExtent), before = Extent3(g.padBefore, fill: 0)
        func sources(_ length: Int, _ padded: Int, _ offset: Int) -> [Int?] {
            (0..<padded).map { g.boundary.sourceIndex($0 - offset, length: length) }
        }
        let (mz, my, mx) = (sources(n.z, p.z, before.z), sources(n.y, p.y, before.y), sources(n.x, p.x, before.x))
        var dx = [T](repeating: 0, count: g.batch * g.inputChannels * n.volume)
        for plane in 0..<(g.batch * g.inputChannels) {
            for z in 0..<p.z {
                guard let iz = mz[z] else { continue }
                for y in 0..<p.y {
                    guard let iy = my[y] else { continue }
                    let source = plane * p.volume + (z * p.y + y) * p.x
                    let target = plane * n.volume + (iz * n.y + iy) * n.x
                    for x in 0..<p.x {
                        if let ix = mx[x] { dx[target + ix] += paddedGradient[source + x] }
                    }
                }
            }
        }
        return dx
    }

    /// Channels `first ..< first + count` of a `[batch, channels, volume]` tensor as
    /// `[count, batch, volume]`: batch and channel axes swapped.
    static func batchToChannels<T: ConvolveScalar>(
        _ t: [T], batch: Int, channels: Int, first: Int, count: Int, volume: Int
    ) -> [T] {
        var out = [T]()
        out.reserveCapacity(count * batch * volume)
        for c in 0..<count {
            for b in 0..<batch {
                let start = (b * channels + first + c) * volume
                out.append(contentsOf: t[start..<(start + volume)])
            }
        }
        return out
    }

    /// Writes `out[c, oc, r]` (extents `extent ≥ k` per axis) for `r < k` into
    /// `gradient[group·Og + oc, c, r]`.
    static func cropKernel<T: ConvolveScalar>(
        _ out: [T], _ extent: [Int], _ g: ConvolutionGeometry, group: Int, into gradient: inout [T]
    ) {
        let e = Extent3(extent), k = Extent3(g.kernelExtent)
        let cg = g.groupInputChannels, og = g.groupOutputChannels
        for c in 0..<cg {
            for oc in 0..<og {
                let source = (c * og + oc) * e.volume, target = ((group * og + oc) * cg + c) * k.volume
                for z in 0..<k.z {
                    for y in 0..<k.y {
                        for x in 0..<k.x {
                            gradient[target + (z * k.y + y) * k.x + x] = out[source + (z * e.y + y) * e.x + x]
                        }
                    }
                }
            }
        }
    }
}

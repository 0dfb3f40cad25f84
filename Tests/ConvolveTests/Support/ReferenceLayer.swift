/// An ONNX Conv layer written straight from the operator's definition, in Double, with
/// explicit bounds tests instead of padding: the tests' independent model of the CNN face
/// and of its gradients.
struct ReferenceLayer: CustomStringConvertible {
    var batch: Int, channels: Int, outputs: Int, groups: Int
    var extent: [Int], kernel: [Int]
    var stride: [Int], dilation: [Int], before: [Int], after: [Int]

    var rank: Int { extent.count }
    var cg: Int { channels / groups }
    var og: Int { outputs / groups }
    var outputExtent: [Int] {
        (0..<rank).map { (extent[$0] + before[$0] + after[$0] - dilation[$0] * (kernel[$0] - 1) - 1) / stride[$0] + 1 }
    }
    var inputShape: [Int] { [batch, channels] + extent }
    var weightShape: [Int] { [outputs, cg] + kernel }
    var outputShape: [Int] { [batch, outputs] + outputExtent }

    var description: String {
        "N\(batch) C\(channels)→\(outputs) g\(groups) x\(extent) k\(kernel) s\(stride) d\(dilation) pad\(before)/\(after)"
    }

    /// Calls `body(xOffset, wOffset, yOffset)` for every product `x·w` of the sum that goes
    /// into output `y` and whose input index `y·s + r·d − before` lies inside the input
    /// (positions in the zero padding contribute nothing). Offsets are row-major.
    func forEachProduct(_ body: (Int, Int, Int) -> Void) {
        let xStrides = ReferenceSignal.strides(inputShape), wStrides = ReferenceSignal.strides(weightShape)
        let yStrides = ReferenceSignal.strides(outputShape)
        let outputs = ReferenceSignal.indices(outputExtent), taps = ReferenceSignal.indices(kernel)
        // For each (output position, tap) inside the input: the spatial offsets in x, w and y.
        var pairs: [(x: Int, w: Int, y: Int)] = []
        for y in outputs {
            for r in taps {
                var xOffset = 0, inside = true
                for axis in 0..<rank {
                    let i = y[axis] * stride[axis] + r[axis] * dilation[axis] - before[axis]
                    if i < 0 || i >= extent[axis] { inside = false; break }
                    xOffset += i * xStrides[2 + axis]
                }
                guard inside else { continue }
                let wOffset = (0..<rank).reduce(0) { $0 + r[$1] * wStrides[2 + $1] }
                let yOffset = (0..<rank).reduce(0) { $0 + y[$1] * yStrides[2 + $1] }
                pairs.append((xOffset, wOffset, yOffset))
            }
        }
        for b in 0..<batch {
            for o in 0..<self.outputs {
                for c in 0..<cg {
                    let xBase = b * xStrides[0] + ((o / og) * cg + c) * xStrides[1]
                    let wBase = o * wStrides[0] + c * wStrides[1], yBase = b * yStrides[0] + o * yStrides[1]
                    for p in pairs { body(xBase + p.x, wBase + p.w, yBase + p.y) }
                }
            }
        }
    }

    /// `y[b, o, y] = bias[o] + Σ_c Σ_r x[b, g·Cg + c, y·s + r·d − before] · w[o, c, r]`.
    func forward(_ x: [Double], _ w: [Double], bias: [Double]?) -> [Double] {
        let volume = outputExtent.reduce(1, *)
        var out = [Double](repeating: 0, count: outputShape.reduce(1, *))
        if let bias {
            for i in out.indices { out[i] = bias[(i / volume) % outputs] }
        }
        forEachProduct { xi, wi, yi in out[yi] += x[xi] * w[wi] }
        return out
    }

    /// `∂L/∂x`: every product `x[i]·w[r]` sends `ȳ[y]·w[r]` back to `i`.
    func inputGradient(_ dy: [Double], _ w: [Double]) -> [Double] {
        var dx = [Double](repeating: 0, count: inputShape.reduce(1, *))
        forEachProduct { xi, wi, yi in dx[xi] += dy[yi] * w[wi] }
        return dx
    }

    /// `∂L/∂w`: every product sends `ȳ[y]·x[i]` to `r`.
    func weightGradient(_ dy: [Double], _ x: [Double]) -> [Double] {
        var dw = [Double](repeating: 0, count: weightShape.reduce(1, *))
        forEachProduct { xi, wi, yi in dw[wi] += dy[yi] * x[xi] }
        return dw
    }

    /// `∂L/∂bias[o] = Σ ȳ[b, o, ·]`.
    func biasGradient(_ dy: [Double]) -> [Double] {
        let volume = outputExtent.reduce(1, *)
        return (0..<outputs).map { o in
            (0..<batch).reduce(0.0) { sum, b in
                sum + dy[((b * outputs + o) * volume)..<((b * outputs + o + 1) * volume)].reduce(0, +)
            }
        }
    }
}

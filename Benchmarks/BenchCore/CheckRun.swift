import Convolve

/// `bench --check`: agreement only. Seeded random geometries (any rank, channels,
/// groups, stride, dilation, padding, boundary, semantics) plus the default grid and
/// layers at smaller sizes, every path against the float64 reference, in float32 and float64.
public enum CheckRun {
    /// The cases: `randomCount` random geometries and the default sweeps shrunk.
    public static func workloads(quick: Bool, seed: UInt64 = 2026) throws -> [Workload] {
        var random = SeededRandom(seed: seed)
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        var list: [Workload] = []
        let boundaries: [Boundary] = [.zero, .constant(0.5), .edge, .reflect, .symmetric, .wrap]
        for i in 0..<(quick ? 24 : 120) {
            let rank = pick(1...3)
            let groups = pick(1...3)
            let n = (0..<rank).map { _ in pick(2...(rank == 1 ? 300 : rank == 2 ? 40 : 12)) }
            let k = (0..<rank).map { _ in pick(1...(rank == 1 ? 40 : 7)) }
            let dilation = (0..<rank).map { _ in pick(1...2) }
            let before = (0..<rank).map { axis in pick(0...(k[axis] * dilation[axis])) }
            let after = (0..<rank).map { axis in pick(0...(k[axis] * dilation[axis])) }
            guard let geometry = try? ConvolutionGeometry(
                batch: pick(1...2), inputChannels: groups * pick(1...3), outputChannels: groups * pick(1...3),
                groups: groups, inputExtent: n, kernelExtent: k, stride: (0..<rank).map { _ in pick(1...3) },
                dilation: dilation, padBefore: before, padAfter: after, boundary: boundaries[pick(0...5)],
                semantics: pick(0...1) == 0 ? .convolution : .correlation) else { continue }
            list.append(Workload(label: "random #\(i): \(geometry)", geometry: geometry, group: "random"))
        }
        let scale = quick ? 4 : 2
        list += try DefaultWorkload.twoD.workloads(size: 1024 / (4 * scale), kernels: quick ? [3, 8, 31, 127] : nil)
        list += try DefaultWorkload.oneD.workloads(size: (1 << 20) / (64 * scale),
                                                  kernels: quick ? [8, 512, 8192] : [8, 32, 128, 512, 2048, 8192])
        list += try DefaultWorkload.threeD.workloads(size: 128 / (2 * scale), kernels: [3, 7, 15])
        // The default layers, their spatial extents shrunk (strides and kernels kept).
        list += [
            try .layer(batch: 2, channels: 16, outputChannels: 16, size: [56 / scale, 56 / scale], kernel: [3, 3], padding: 1),
            try .layer(channels: 32, outputChannels: 32, size: [14, 14], kernel: [3, 3], padding: 1),
            try .layer(channels: 16, outputChannels: 16, size: [28 / scale, 28 / scale], kernel: [1, 1], padding: 0),
            try .layer(channels: 3, outputChannels: 16, size: [224 / scale, 224 / scale], kernel: [7, 7], stride: 2,
                       padding: 3),
            try .layer(channels: 4, outputChannels: 4, size: [128 / scale, 128 / scale], kernel: [31, 31], padding: 15),
            try .layer(channels: 8, outputChannels: 8, size: [56 / scale, 56 / scale], kernel: [3, 3], padding: 1,
                       groups: 8),
        ]
        return list
    }
}

/// A peer library's time on one case, or why it has none.
public struct PeerResult: Sendable, Codable {
    public let name: String
    public var median: Double?
    public var minimum: Double?
    /// "missing: …" when the peer is not installed, "skipped: …" when it would take too long.
    public var note: String?
    /// Every timed call's seconds, where the peer reports them (the signal cases, layers and
    /// template matching, whose rounds alternate with ours and are merged: ``PeerRounds``).
    public var samples: [Double]? = nil
}

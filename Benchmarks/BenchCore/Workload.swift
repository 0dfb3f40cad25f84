import Convolve

/// One bench case: a geometry and a label, with seeded random data in [−1, 1).
public struct Workload: Sendable, Hashable {
    public let label: String
    public let geometry: ConvolutionGeometry
    /// The chart this case belongs to, and its position on the chart's x axis.
    public var group: String
    public var kernelSize: Int

    public init(label: String, geometry: ConvolutionGeometry, group: String = "", kernelSize: Int = 0) {
        self.label = label
        self.geometry = geometry
        self.group = group.isEmpty ? label : group
        self.kernelSize = kernelSize == 0 ? geometry.kernelExtent.max()! : kernelSize
    }

    /// `convolve(x, k, mode)` of the signal-processing face.
    public static func signal(_ inputShape: [Int], _ kernelShape: [Int], mode: Mode) throws -> Workload {
        let x = inputShape.map(String.init).joined(separator: "×")
        let k = kernelShape.map(String.init).joined(separator: "×")
        return Workload(label: "\(inputShape.count)-D \(mode) \(x) ∗ \(k)",
                        geometry: try .signal(inputShape: inputShape, kernelShape: kernelShape, mode: mode,
                                              semantics: .convolution),
                        group: "\(inputShape.count)-D \(mode) \(x)", kernelSize: kernelShape.max()!)
    }

    /// A CNN-style layer: NCHW input, `outputChannels` filters of `kernel`, stride,
    /// dilation and symmetric padding.
    public static func layer(batch: Int = 1, channels: Int, outputChannels: Int, size: [Int], kernel: [Int],
                             stride: Int = 1, padding: Int, dilation: Int = 1, groups: Int = 1) throws -> Workload {
        let g = try ConvolutionGeometry(batch: batch, inputChannels: channels, outputChannels: outputChannels,
                                        groups: groups, inputExtent: size, kernelExtent: kernel, stride: [stride],
                                        dilation: [dilation], padBefore: [padding], padAfter: [padding])
        let s = size.map(String.init).joined(separator: "×"), k = kernel.map(String.init).joined(separator: "×")
        var label = "layer N\(batch) c\(channels)→\(outputChannels) @\(s) k\(k)"
        if stride > 1 { label += " s\(stride)" }
        if dilation > 1 { label += " d\(dilation)" }
        if groups > 1 { label += " g\(groups)" }
        return Workload(label: label, geometry: g)
    }

    /// Input and kernel, the same values for every path and run.
    public func data<T: ConvolveScalar>(_: T.Type, seed: UInt64 = 1) throws -> (input: Tensor<T>, kernel: Tensor<T>) {
        var random = SeededRandom(seed: seed)
        let x = (0..<geometry.inputShape.reduce(1, *)).map { _ in T(random.unit()) }
        let k = (0..<geometry.kernelShape.reduce(1, *)).map { _ in T(random.unit()) }
        return (try Tensor(shape: geometry.inputShape, elements: x), try Tensor(shape: geometry.kernelShape, elements: k))
    }
}

/// SplitMix64: a small seeded generator, for reproducible bench and test data.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [−1, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-52 - 1 }

    /// `count` values uniform in [−1, 1).
    public mutating func values(_ count: Int) -> [Double] { (0..<count).map { _ in unit() } }

    /// A seeded `n × n` image of values uniform in [−1, 1): the values, and the image in
    /// float32 and float64 (the suites' timed input and its reference).
    public static func image(_ n: Int, seed: UInt64) throws -> (values: [Double], float: Tensor<Float>, double: Tensor<Double>) {
        var random = SeededRandom(seed: seed)
        let values = random.values(n * n)
        return (values, try Tensor(shape: [n, n], elements: values.map { Float($0) }),
                try Tensor(shape: [n, n], elements: values))
    }
}

import Convolve

/// One signal-processing case of the bench: `convolve(x, k, mode)` with seeded random
/// data in [−1, 1).
public struct SignalWorkload: Sendable, Codable, Hashable {
    public let inputShape: [Int]
    public let kernelShape: [Int]
    public let mode: Mode

    public init(inputShape: [Int], kernelShape: [Int], mode: Mode) {
        self.inputShape = inputShape
        self.kernelShape = kernelShape
        self.mode = mode
    }

    public var label: String {
        let x = inputShape.map(String.init).joined(separator: "×")
        let k = kernelShape.map(String.init).joined(separator: "×")
        return "\(inputShape.count)-D \(mode) \(x) ∗ \(k)"
    }

    public func geometry() throws -> ConvolutionGeometry {
        try .signal(inputShape: inputShape, kernelShape: kernelShape, mode: mode, semantics: .convolution)
    }

    /// Input and kernel, the same values for every path and run.
    public func data<T: ConvolveScalar>(_: T.Type, seed: UInt64 = 1) throws -> (Tensor<T>, Tensor<T>) {
        var random = SplitMix(seed: seed)
        let x = (0..<inputShape.reduce(1, *)).map { _ in T(random.unit()) }
        let k = (0..<kernelShape.reduce(1, *)).map { _ in T(random.unit()) }
        return (try Tensor(shape: inputShape, elements: x), try Tensor(shape: kernelShape, elements: k))
    }
}

extension Mode: Codable {}

/// SplitMix64, for reproducible bench data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [−1, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-52 - 1 }
}

/// An image as files hold it: `height` rows of `width` pixels of `channels` samples (1 grey,
/// 3 RGB), interleaved, row-major from the top-left, each in `0...maxValue` (255 for 8-bit,
/// up to 65535 for 16-bit).
public struct RasterImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let channels: Int
    public let maxValue: Int
    /// `height · width · channels` samples.
    public let samples: [UInt16]

    /// - Throws: ``ImageError`` when the sizes or sample count disagree or a sample exceeds `maxValue`.
    public init(width: Int, height: Int, channels: Int, maxValue: Int = 255, samples: [UInt16]) throws(ImageError) {
        guard width >= 1, height >= 1 else { throw .invalidSize(width: width, height: height) }
        guard channels == 1 || channels == 3 else { throw .unsupportedChannels(channels) }
        guard (1...65535).contains(maxValue) else { throw .invalidMaxValue(maxValue) }
        let (count, overflow) = width.multipliedReportingOverflow(by: height * channels)
        guard !overflow, samples.count == count else {
            throw .sampleCountMismatch(expected: overflow ? -1 : count, actual: samples.count)
        }
        if let bad = samples.first(where: { Int($0) > maxValue }) { throw .sampleAboveMax(Int(bad), maxValue: maxValue) }
        self.width = width
        self.height = height
        self.channels = channels
        self.maxValue = maxValue
        self.samples = samples
    }

    /// Channel `c` as a row-major `height × width` plane of `Double` in `0...maxValue`.
    public func plane(_ c: Int) -> [Double] {
        stride(from: c, to: samples.count, by: channels).map { Double(samples[$0]) }
    }

    /// The luma plane (Rec. 601: `0.299 R + 0.587 G + 0.114 B`), or the grey plane.
    public var luma: [Double] {
        guard channels == 3 else { return plane(0) }
        var luma = [Double](repeating: 0, count: width * height)
        for i in luma.indices {
            let r = Double(samples[3 * i]), g = Double(samples[3 * i + 1]), b = Double(samples[3 * i + 2])
            luma[i] = 0.299 * r + 0.587 * g + 0.114 * b
        }
        return luma
    }

    /// An image from `channels` planes of real values, each rounded and clamped to `0...maxValue`.
    public init(planes: [[Double]], width: Int, height: Int, maxValue: Int = 255) throws(ImageError) {
        var samples = [UInt16](repeating: 0, count: width * height * planes.count)
        for (c, plane) in planes.enumerated() {
            guard plane.count == width * height else {
                throw .sampleCountMismatch(expected: width * height, actual: plane.count)
            }
            for i in 0..<plane.count {
                let v = plane[i].isNaN ? 0 : min(Double(maxValue), max(0, plane[i].rounded()))
                samples[i * planes.count + c] = UInt16(v)
            }
        }
        try self.init(width: width, height: height, channels: planes.count, maxValue: maxValue, samples: samples)
    }
}

import Convolve

/// The default workload: three sweeps of 'same' convolutions over kernel size, and the
/// CNN layers.
public enum DefaultWorkload: String, CaseIterable, Sendable {
    /// 2-D, a 1024×1024 image, square kernels 3 to 127.
    case twoD = "2d"
    /// 1-D, n = 1,048,576, kernels 8 to 65,536 (×4 steps).
    case oneD = "1d"
    /// 3-D, 128³, cubic kernels 3, 7, 15.
    case threeD = "3d"
    /// CNN layers (float32 NCHW, ONNX Conv semantics): ResNet's 3×3 layers, a 1×1 layer,
    /// the 7×7 stride-2 stem, and a 31×31 layer where FFT pays.
    case layers

    public var defaultSize: Int {
        switch self {
        case .twoD: return 1024
        case .oneD: return 1 << 20
        case .threeD: return 128
        case .layers: return 0
        }
    }

    public var defaultKernels: [Int] {
        switch self {
        case .twoD: return [3, 5, 7, 9, 11, 15, 21, 31, 45, 63, 95, 127]
        case .oneD: return [8, 32, 128, 512, 2048, 8192, 32768, 65536]
        case .threeD: return [3, 7, 15]
        case .layers: return []
        }
    }

    var rank: Int {
        switch self {
        case .oneD: return 1
        case .twoD, .layers: return 2
        case .threeD: return 3
        }
    }

    /// The sweep at `size` (side length) with `kernels` (side lengths); the layers are fixed.
    public func workloads(size: Int? = nil, kernels: [Int]? = nil) throws -> [Workload] {
        if self == .layers { return try Self.layerWorkloads() }
        let n = size ?? defaultSize
        return try (kernels ?? defaultKernels).map {
            try Workload.signal(Array(repeating: n, count: rank), Array(repeating: $0, count: rank), mode: .same)
        }
    }
}

extension DefaultWorkload {
    /// The layer cases of the default run.
    public static func layerWorkloads() throws -> [Workload] {
        [
            try .layer(channels: 64, outputChannels: 64, size: [56, 56], kernel: [3, 3], padding: 1),
            try .layer(batch: 8, channels: 64, outputChannels: 64, size: [56, 56], kernel: [3, 3], padding: 1),
            try .layer(channels: 128, outputChannels: 128, size: [28, 28], kernel: [3, 3], padding: 1),
            try .layer(channels: 256, outputChannels: 256, size: [14, 14], kernel: [3, 3], padding: 1),
            try .layer(channels: 64, outputChannels: 64, size: [56, 56], kernel: [1, 1], padding: 0),
            try .layer(channels: 3, outputChannels: 64, size: [224, 224], kernel: [7, 7], stride: 2, padding: 3),
            try .layer(channels: 16, outputChannels: 16, size: [128, 128], kernel: [31, 31], padding: 15),
        ]
    }
}

/// Other named sets of cases.
public enum Suite: String, CaseIterable, Sendable {
    /// The default workload.
    case standard
    /// 1-D, 2-D, 3-D and layer cases spanning the crossovers between paths, for checking
    /// the cost model against measurements (`docs/path-selection.md`).
    case crossovers
    /// ZNCC template matching, 1024² image, templates 16² to 128² (``MatchSuite``).
    case match
    /// Gaussian blurs of a 1024² image, σ 1 to 8 (``BlurSuite``).
    case blur
    /// Layers of common networks beyond the default run's (``networkWorkloads()``), for
    /// comparing with onnxruntime (`--peers`).
    case networks

    public static func crossoverWorkloads() throws -> [Workload] {
        var list: [Workload] = []
        for k in [8, 32, 128, 512, 2048] { list.append(try .signal([1 << 20], [k], mode: .same)) }
        for k in [3, 7, 11, 15, 21] { list.append(try .signal([1024, 1024], [k, k], mode: .same)) }
        for k in [3, 5, 7] { list.append(try .signal([128, 128, 128], [k, k, k], mode: .same)) }
        list += [
            try .layer(channels: 64, outputChannels: 64, size: [56, 56], kernel: [3, 3], padding: 1),
            try .layer(channels: 128, outputChannels: 128, size: [28, 28], kernel: [3, 3], padding: 1),
            try .layer(channels: 64, outputChannels: 64, size: [56, 56], kernel: [1, 1], padding: 0),
            try .layer(channels: 3, outputChannels: 64, size: [224, 224], kernel: [7, 7], stride: 2, padding: 3),
            try .layer(channels: 16, outputChannels: 16, size: [128, 128], kernel: [31, 31], padding: 15),
            try .layer(channels: 32, outputChannels: 32, size: [112, 112], kernel: [3, 3], padding: 1, groups: 32),
            try .layer(channels: 4, outputChannels: 4, size: [256, 256], kernel: [9, 9], padding: 4),
        ]
        return list
    }

    /// Layers of common networks (batch 1, float32 NCHW, ONNX Conv semantics) that the
    /// default run's layers leave out: ResNet-50's strided 3×3 and its 1×1 expansions and
    /// strided reduction, a 3×3 layer on 7² planes, MobileNetV2's first 1×1 expansion (16
    /// input channels) and depthwise 3×3 layers (stride 1 and 2, planes from 112² to 7²),
    /// ConvNeXt's depthwise 7×7, VGG's first
    /// layer, an Inception-style 5×5, and a DeepLab-style dilated 3×3.
    public static func networkWorkloads() throws -> [Workload] {
        [
            try .layer(channels: 128, outputChannels: 128, size: [56, 56], kernel: [3, 3], stride: 2, padding: 1),
            try .layer(channels: 64, outputChannels: 256, size: [56, 56], kernel: [1, 1], padding: 0),
            try .layer(channels: 256, outputChannels: 128, size: [56, 56], kernel: [1, 1], stride: 2, padding: 0),
            try .layer(channels: 256, outputChannels: 1024, size: [14, 14], kernel: [1, 1], padding: 0),
            try .layer(channels: 16, outputChannels: 96, size: [112, 112], kernel: [1, 1], padding: 0),
            try .layer(channels: 512, outputChannels: 512, size: [7, 7], kernel: [3, 3], padding: 1),
            try .layer(channels: 32, outputChannels: 32, size: [112, 112], kernel: [3, 3], padding: 1, groups: 32),
            try .layer(channels: 144, outputChannels: 144, size: [56, 56], kernel: [3, 3], padding: 1, groups: 144),
            try .layer(channels: 96, outputChannels: 96, size: [112, 112], kernel: [3, 3], stride: 2, padding: 1,
                       groups: 96),
            try .layer(channels: 144, outputChannels: 144, size: [56, 56], kernel: [3, 3], stride: 2, padding: 1,
                       groups: 144),
            try .layer(channels: 960, outputChannels: 960, size: [7, 7], kernel: [3, 3], padding: 1, groups: 960),
            try .layer(channels: 96, outputChannels: 96, size: [56, 56], kernel: [7, 7], padding: 3, groups: 96),
            try .layer(channels: 3, outputChannels: 64, size: [224, 224], kernel: [3, 3], padding: 1),
            try .layer(channels: 32, outputChannels: 64, size: [28, 28], kernel: [5, 5], padding: 2),
            try .layer(channels: 256, outputChannels: 256, size: [28, 28], kernel: [3, 3], padding: 2, dilation: 2),
        ]
    }
}

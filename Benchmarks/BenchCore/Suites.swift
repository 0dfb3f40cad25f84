import Convolve

/// The named sets of cases the bench runs.
public enum Suite: String, CaseIterable, Sendable {
    /// 2-D 'same' float32 on a 1024² image, square kernels 3 to 31.
    case standard
    /// 1-D, 2-D, 3-D and layer cases spanning the crossovers between paths, for checking
    /// the cost model against measurements (`docs/path-selection.md`).
    case crossovers

    public func workloads(size: Int = 1024, kernels: [Int] = [3, 7, 15, 31]) throws -> [Workload] {
        switch self {
        case .standard:
            return try kernels.map { try .signal([size, size], [$0, $0], mode: .same) }
        case .crossovers:
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
    }
}

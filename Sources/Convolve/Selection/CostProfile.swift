import Foundation
import Synchronization

/// Cost profiles: the constants of a ``CostModel`` saved as JSON, loaded back, made the
/// model every `auto` call uses, and fitted to measurements (`bench --calibrate`).
///
/// The library ships ``CostModel/measured``, fitted on the development machine; on another
/// machine, `swift run -c release bench --calibrate PROFILE.json` times every path on the
/// crossover cases and writes a profile, and `CostModel.use(try CostModel.load(from:))`
/// makes it the model of the process.
extension CostModel {
    private static let active = Mutex(CostModel.measured)

    /// The model `auto`, the FFT tiling and the Winograd tile choice use: ``measured``
    /// unless ``use(_:)`` set another.
    public static var current: CostModel { active.withLock { $0 } }

    /// Makes `model` the one every later call uses (calls in flight keep theirs).
    public static func use(_ model: CostModel) { active.withLock { $0 = model } }

    /// Constants a profile may lack because it was written before they existed, with the
    /// value that keeps the model it described: `directBlockedRowPass` 0 (the blocked
    /// direct kernel's row passes were not priced then); `directChannelBlockMultiplyAdd`
    /// the shipped value for this processor (``measured``; there were no channel blocks);
    /// `directWideRowFactor` this processor's shipped value too (a fixed factor of the
    /// code then); `kernelTileSpillByte` 0.3 ns, the fixed price of the code then;
    /// `gemmWeightElement` 0, the code then having no such term; `gemmPointwiseOutputElement`
    /// 0 and `channelBlockPointwiseFactor` 1 likewise.
    static let addedConstants: [String: Double] = [
        "gemmWeightElement": 0,
        "gemmPointwiseOutputElement": 0,
        "channelBlockPointwiseFactor": 1,
        "directBlockedRowPass": 0,
        "directChannelBlockMultiplyAdd": CostModel.measured.directChannelBlockMultiplyAdd,
        "directWideRowFactor": CostModel.measured.directWideRowFactor,
        "kernelTileSpillByte": 0.3e-9,
        "fftWorkerGain": 0.45,
        "fftOneAxisWorkerGain": 0.45,
    ]

    /// Constants split off another since profiles were first written: a profile without
    /// one takes the value of the constant it was part of (`winogradMultiplyAdd` was
    /// `gemmMultiplyAdd`, `channelBlockPointwiseOutputElement` and `channelFormOutputElement`
    /// were `copyElement`).
    static let splitConstants: [String: String] = ["winogradMultiplyAdd": "gemmMultiplyAdd",
                                                   "channelBlockPointwiseOutputElement": "copyElement",
                                                   "channelFormOutputElement": "copyElement"]

    /// A profile written by ``save(to:)`` (also by an earlier version: constants added
    /// since take their ``addedConstants`` values, or their ``splitConstants`` origin's).
    public static func load(from path: String) throws(ConvolutionError) -> CostModel {
        var data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .costProfileFile(path: path, reason: "could not be read: \(error.localizedDescription)")
        }
        if var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
           (addedConstants.keys.contains(where: { object[$0] == nil })
            || splitConstants.keys.contains(where: { object[$0] == nil })),
           object.keys.contains("fftPoint") {
            for (key, value) in addedConstants where object[key] == nil { object[key] = value }
            for (key, origin) in splitConstants where object[key] == nil { object[key] = object[origin] }
            if let completed = try? JSONSerialization.data(withJSONObject: object) { data = completed }
        }
        let model: CostModel
        do {
            model = try JSONDecoder().decode(CostModel.self, from: data)
        } catch {
            throw .costProfileFile(path: path, reason: "is not a cost profile (JSON with every constant of CostModel): \(error)")
        }
        let values = Mirror(reflecting: model).children.compactMap { $0.value as? Double }
        guard values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .costProfileFile(path: path, reason: "holds a negative or non-finite constant")
        }
        return model
    }

    /// Writes the constants as JSON.
    public func save(to path: String) throws(ConvolutionError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(self).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .costProfileFile(path: path, reason: "could not be written: \(error.localizedDescription)")
        }
    }
}

/// One measured time of one path on one geometry, for ``CostModel/calibrated(by:)``.
public struct CalibrationSample: Sendable {
    public let geometry: ConvolutionGeometry
    public let path: Path
    public let seconds: Double
    public let scalarSize: Int
    public let threads: Int

    public init(geometry: ConvolutionGeometry, path: Path, seconds: Double, scalarSize: Int = 4, threads: Int = 1) {
        self.geometry = geometry
        self.path = path
        self.seconds = seconds
        self.scalarSize = scalarSize
        self.threads = threads
    }
}

extension CostModel {
    /// This model with each path's own constants scaled by the median of `measured /
    /// estimated` over that path's samples (the shared `copyElement` and `doubleFactor`
    /// stay): the direct path's channel blocks, its register-blocked row kernel and its
    /// other loops separately (by the form the model picks for each sample);
    /// GEMM's multiply-add, streaming and im2col constants together; the FFT's per-point,
    /// per-transform and per-bin constants by the multi-axis samples, and the one-axis
    /// factor by the one-axis samples' median relative to theirs; Winograd's tile
    /// transforms, products and call overhead together. A family without samples keeps its constants.
    public func calibrated(by samples: [CalibrationSample]) -> CostModel {
        func scale(_ family: (CalibrationSample) -> Bool) -> Double? {
            let ratios = samples.filter(family).compactMap { s -> Double? in
                let estimate = seconds(s.path, s.geometry, scalarSize: s.scalarSize, threads: s.threads)
                return estimate > 0 && s.seconds > 0 ? s.seconds / estimate : nil
            }.sorted()
            guard !ratios.isEmpty else { return nil }
            return ratios.count % 2 == 1 ? ratios[ratios.count / 2]
                : (ratios[ratios.count / 2 - 1] * ratios[ratios.count / 2]).squareRoot()
        }
        var fitted = self
        // The channel vectors are priced at a fixed factor of the channel blocks' rate
        // (``CostModel/channelVectorFactor``): their samples scale that rate too.
        let channelBlocks = { (s: CalibrationSample) in
            [.channelBlocks, .channelVectors].contains(
                directForm(s.geometry, scalarSize: s.scalarSize, threads: s.threads,
                           workspaceBudget: ConvolutionOptions.defaultWorkspaceBudget))
        }
        let blocked = { (s: CalibrationSample) in !channelBlocks(s) && DirectRowKernel.applies(Geometry3(s.geometry)) }
        if let f = scale({ $0.path == .direct && channelBlocks($0) }) {
            fitted.directChannelBlockMultiplyAdd *= f
        }
        if let f = scale({ $0.path == .direct && blocked($0) }) {
            fitted.directBlockedMultiplyAdd *= f
            fitted.directBlockedRowPass *= f
        }
        if let f = scale({ $0.path == .direct && !blocked($0) && !channelBlocks($0) }) {
            fitted.directMultiplyAdd *= f
            fitted.directTapRow *= f
        }
        if let f = scale({ $0.path == .gemm }) {
            fitted.gemmMultiplyAdd *= f
            fitted.gemmStreamElement *= f
            fitted.im2colElement *= f
        }
        let multiAxis = scale({ $0.path == .fft && $0.geometry.spatialRank > 1 })
        if let f = multiAxis {
            fitted.fftPoint *= f
            fitted.fftTransformOverhead *= f
            fitted.spectrumBin *= f
        }
        if let f = scale({ $0.path == .fft && $0.geometry.spatialRank == 1 }) {
            fitted.fftOneAxisFactor *= f / (multiAxis ?? 1)
        }
        if let f = scale({ $0.path == .winograd }) {
            fitted.winogradInputTile *= f
            fitted.winogradOutputTile *= f
            fitted.winogradKernelTile *= f
            fitted.winogradMultiplyAdd *= f
            fitted.gemmCall *= f
        }
        return fitted
    }
}

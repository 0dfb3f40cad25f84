/// How the GEMM path shares one call between its workers, each running its BLAS calls on
/// one OpenBLAS thread:
///
/// - ``Share/units``: with at least two units (batch item × group) a worker, whole units,
///   each worker padding, unrolling and multiplying its own;
/// - ``Share/columns``: one unit at a time, its output positions in pieces, each worker
///   unrolling and multiplying its own pieces (every worker packs the unit's weights);
/// - ``Share/channels``: one unit at a time when its output channels outnumber a worker's
///   positions (deep layers on small planes): the workers unroll a segment together, then
///   each multiplies a block of the output channels, so no worker packs all the weights.
///
/// One worker is ``Share/columns`` with one piece per segment: the single-threaded loop.
struct GEMMSplit {
    enum Share: Equatable { case units, columns, channels }

    let workers: Int
    let share: Share
    /// Batch items × groups.
    let units: Int
    /// The most output positions one columns buffer holds (`Cg·∏k` rows each).
    let segment: Int
    /// Pieces of one unit: position ranges (``Share/columns``) or output-channel blocks
    /// (``Share/channels``).
    let pieces: Int
    let positions: Int
    let outputChannels: Int

    /// Copies of a unit's padded planes the call keeps (one per worker when they take units).
    var paddedCopies: Int { share == .units ? workers : 1 }
    /// Columns buffers of `segment` positions (one per worker unless they share one).
    var columnCopies: Int { share == .channels ? 1 : workers }

    /// At most `threads` workers, each with at least ``DirectPath/multiplyAddsPerWorker``
    /// multiply-adds and, unless the product is pointwise, its own column within the budget.
    init(_ geometry: ConvolutionGeometry, scalarSize: Int, threads: Int, workspaceBudget: Int) {
        let pointwise = GEMMPath.isPointwise(geometry)
        units = geometry.batch * geometry.groups
        positions = geometry.outputVolume
        outputChannels = geometry.groupOutputChannels
        let columnBytes = GEMMPath.columnBytes(geometry, scalarSize: scalarSize)
        let macs = units * outputChannels * positions * geometry.groupInputChannels * geometry.kernelVolume
        var workers = max(1, min(threads, macs / DirectPath.multiplyAddsPerWorker))
        if !pointwise { workers = max(1, min(workers, workspaceBudget / columnBytes)) }
        self.workers = workers
        let budgetColumns = pointwise ? positions : max(1, workspaceBudget / columnBytes)
        if workers > 1 && units >= 2 * workers {
            share = .units
            segment = max(1, min(positions, budgetColumns / workers))
            pieces = 1
        } else if workers > 1 && outputChannels > positions / workers && outputChannels >= 16 * workers {
            share = .channels
            segment = min(positions, budgetColumns)
            pieces = workers
        } else {
            share = .columns
            let most = max(1, min(positions, budgetColumns / workers))
            pieces = max(workers, (positions + most - 1) / most)
            segment = (positions + pieces - 1) / pieces
        }
    }

    /// How ``PathChoice`` names this split.
    var name: String {
        guard workers > 1 else { return "one worker" }
        switch share {
        case .units: return "\(workers) workers over batch items and groups"
        case .columns: return "\(workers) workers over output positions"
        case .channels: return "\(workers) workers over output channels"
        }
    }

    /// Piece `piece` of a unit: its output channels and positions.
    func range(_ piece: Int) -> (channels: Range<Int>, positions: Range<Int>) {
        switch share {
        case .channels:
            // Blocks of whole multiples of 16 channels, the last one shorter.
            let block = ((outputChannels + pieces - 1) / pieces + 15) / 16 * 16
            let first = min(outputChannels, piece * block)
            return (first..<min(outputChannels, first + block), 0..<positions)
        case .units, .columns:
            return (0..<outputChannels, piece * positions / pieces..<(piece + 1) * positions / pieces)
        }
    }
}

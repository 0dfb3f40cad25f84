/// The direct path's form with output channels in the vector lanes: per kernel tap, one
/// vector load of the packed weights of 16 output channels (8 in `Double`; 32 and 16 in
/// AVX-512) and one broadcast input sample per output position feed a tile of 6 positions
/// × 2 vectors of sums held in registers across all `C/G · ∏k` taps (``VectorChannelVectors``).
///
/// **Positions and taps.** With each channel's padded plane `P` (extents `|P|`, read in place
/// where nothing is padded), output position `i = (oz, oy, ox)` with tap `k = (c, rz, ry, rx)`
/// reads
///
///     P_c[i·s + r·d] = input[position_i + offset_k],
///     position_i = (oz·s_z·P_y + oy·s_y)·P_x + ox·s_x,
///     offset_k = c·|P| + (rz·d_z·P_y + ry·d_y)·P_x + rx·d_x,
///
/// so strides and dilations are addresses, not layouts: no phase planes (the channel
/// blocks' strided layers read four of them per channel) and no flat runs with dropped
/// outputs (the channel blocks' small planes compute `Q_x` outputs per `O_x`). The output
/// positions of a plane are taken in order, at most six to a tile across rows; a work item
/// of `n` positions has `⌈n/6⌉` tiles, `n` shared between them as evenly as they allow
/// (49 = 4 × 6 + 5 × 5: a tile of one position would keep only two chains of fused
/// multiply-adds, waiting on each other's latency), each computing only its own positions.
///
/// Every output is the chain of fused multiply-adds over `(c, rz, ry, rx)` from 0, the
/// order of the row kernel and the channel blocks: all three forms give the same bits.
/// A layer's bias is added to each sum as it is stored.
///
/// **The padding's taps.** On a zero-padded plane of at most ``packPerItemMaximum`` items of
/// positions, border positions go in tiles of their own that leave out the taps reading only
/// the padding (``ChannelVectorTapClasses``): the same bits where the weights are finite,
/// which prepared weights are known to be and others are shown to be by the outputs that
/// read every tap (the group is summed again with every tap where those are not finite).
///
/// **Passes over the taps.** A work item's taps go ``tapPassChannels`` input channels at a
/// time, every tile and block of the item per pass, the sums between passes in the
/// worker's scratch (the same chain, the same bits): the pass's weights and input rows then
/// stay in the caches from one tile to the next.
enum DirectChannelVectors {
    /// Input channels per pass over a work item's taps. A C harness of the kernel (AMD EPYC
    /// Zen 3, c128@56² 3×3 stride 2, c256@28² stride 2, c512@7²; best of 40, alternating)
    /// read 91–94 GF/s with passes of 8 to 32 channels and 73–85 with all taps in one pass.
    static let tapPassChannels = 16

    /// Taps per pass for `channels` input channels: whole channels, at least
    /// ``tapPassChannels`` and ``tapPassMinimum`` taps; 0 (one pass) where that is all.
    static func tapChunk(_ g: Geometry3, channels: Int) -> Int {
        let perPass = max(tapPassChannels, (tapPassMinimum + g.kernel.volume - 1) / g.kernel.volume)
        return channels > perPass ? perPass * g.kernel.volume : 0
    }

    /// Taps a pass needs at least for its tiles' sums to stay in registers long enough to pay
    /// for storing and reloading them: a 1×1 layer's passes of 16 taps (c256→128 stride 2)
    /// ran slower than GEMM where passes of 128 did not (release probe, AMD EPYC Zen 3).
    static let tapPassMinimum = 128

    /// Output positions per work item (16 tiles).
    static let positionsPerItem = 96

    /// Output channels per work item: at most 128 `Float` channels (64 `Double`), so small
    /// planes of many channels still give every worker items.
    static let channelBytesPerItem = 512

    /// Packed blocks of output channels per work item (``channelBytesPerItem``): 8 blocks in
    /// AVX2, 4 of twice the channels in AVX-512.
    static func blocksPerItem(scalarSize: Int, instructions: VectorInstructions = .detected) -> Int {
        max(1, channelBytesPerItem / scalarSize / VectorChannelVectors.width(scalarSize, instructions: instructions))
    }

    /// Whether this form can run `geometry`: a vector form the processor runs (AVX2 + FMA or
    /// AVX-512), a kernel of more than one tap, and its workspace
    /// (``workspaceBytes(_:scalarSize:instructions:)``) within `workspaceBudget`. 1×1 layers are
    /// left to GEMM, which multiplies their planes as they lie: this form ran them at
    /// 0.75–0.9 of its speed (c64→256@56², c256→1024@14², c256→128@56² stride 2; release
    /// probe, AMD EPYC Zen 3).
    static func applies(_ geometry: ConvolutionGeometry, scalarSize: Int, instructions: VectorInstructions,
                        workspaceBudget: Int) -> Bool {
        instructions.runsVectorForm && geometry.kernelVolume > 1
            && workspaceBytes(geometry, scalarSize: scalarSize, instructions: instructions) <= workspaceBudget
    }

    /// Bytes of workspace a call holds, besides each worker's scratch: one group's padded
    /// planes, the packed weights of every group unless the items pack their own, and the
    /// positions and offsets (`Int`s).
    static func workspaceBytes(_ geometry: ConvolutionGeometry, scalarSize: Int,
                               instructions: VectorInstructions = .detected) -> Int {
        let g = Geometry3(geometry), taps = geometry.groupInputChannels * geometry.kernelVolume
        let packed = packsPerItem(geometry, scalarSize: scalarSize, instructions: instructions) ? 0
            : geometry.groups * VectorChannelVectors.packedCount(channels: geometry.groupOutputChannels, taps: taps,
                                                                 scalarSize: scalarSize, instructions: instructions)
        return (paddedElements(g, channels: geometry.groupInputChannels) + packed) * scalarSize
            + (geometry.outputVolume + taps) * MemoryLayout<Int>.size
    }

    /// Elements of the padded planes of `channels` channels: none where the input planes are
    /// read in place (nothing to pad).
    static func paddedElements(_ g: Geometry3, channels: Int) -> Int {
        g.padded == g.input ? 0 : channels * g.padded.volume
    }

    /// `position_i` for every output position `i` of one plane, in row-major order.
    static func positions(_ g: Geometry3) -> [Int] {
        var positions: [Int] = []
        positions.reserveCapacity(g.output.volume)
        let p = g.padded, s = g.stride
        for oz in 0..<g.output.z {
            for oy in 0..<g.output.y {
                let row = (oz * s.z * p.y + oy * s.y) * p.x
                for ox in 0..<g.output.x { positions.append(row + ox * s.x) }
            }
        }
        return positions
    }

    /// `offset_k` for every tap `k = (c, rz, ry, rx)` of `channels` channels, in that order.
    static func offsets(_ g: Geometry3, channels: Int) -> [Int] {
        var first: [Int] = []
        first.reserveCapacity(g.kernel.volume)
        let p = g.padded, d = g.dilation
        for rz in 0..<g.kernel.z {
            for ry in 0..<g.kernel.y {
                let row = (rz * d.z * p.y + ry * d.y) * p.x
                for rx in 0..<g.kernel.x { first.append(row + rx * d.x) }
            }
        }
        return TapOffsets.repeated(first, channels: channels, channelStride: p.volume)
    }

    /// Work items of one batch item and group: (positions, blocks of output channels).
    static func items(_ geometry: ConvolutionGeometry, scalarSize: Int,
                      instructions: VectorInstructions = .detected) -> (positions: Int, blocks: Int) {
        let width = VectorChannelVectors.width(scalarSize, instructions: instructions)
        let blocks = (geometry.groupOutputChannels + width - 1) / width
        let perItem = blocksPerItem(scalarSize: scalarSize, instructions: instructions)
        return ((geometry.outputVolume + positionsPerItem - 1) / positionsPerItem, (blocks + perItem - 1) / perItem)
    }

    /// Worker threads for `geometry`: at most `threads` and the work items of one batch item
    /// and group, with at least ``DirectPath/multiplyAddsPerWorker`` multiply-adds each.
    static func workers(_ geometry: ConvolutionGeometry, threads: Int, scalarSize: Int,
                        instructions: VectorInstructions = .detected) -> Int {
        let (positions, blocks) = items(geometry, scalarSize: scalarSize, instructions: instructions)
        let macs = geometry.groupOutputChannels * geometry.outputVolume * geometry.groupInputChannels
            * geometry.kernelVolume
        return max(1, min(threads, positions * blocks, macs / DirectPath.multiplyAddsPerWorker))
    }

    /// Tiles of one batch item and group, each over one block of output channels:
    /// `⌈positions/6⌉` per item of positions times the blocks.
    static func tileBlocks(_ geometry: ConvolutionGeometry, scalarSize: Int,
                           instructions: VectorInstructions = .detected) -> Double {
        let width = VectorChannelVectors.width(scalarSize, instructions: instructions)
        let tile = VectorChannelVectors.tilePositions
        let blocks = (geometry.groupOutputChannels + width - 1) / width
        let volume = geometry.outputVolume, whole = volume / positionsPerItem
        let tiles = whole * (positionsPerItem / tile) + (volume - whole * positionsPerItem + tile - 1) / tile
        return Double(tiles * blocks)
    }

    /// Multiply-adds the kernel performs for one batch item and group: the output channels
    /// rounded up to whole blocks (a last tile of fewer than six positions computes only its
    /// own).
    static func computedMultiplyAdds(_ geometry: ConvolutionGeometry, scalarSize: Int,
                                     instructions: VectorInstructions = .detected) -> Double {
        let width = VectorChannelVectors.width(scalarSize, instructions: instructions)
        let channels = (geometry.groupOutputChannels + width - 1) / width * width
        return Double(channels) * Double(geometry.outputVolume)
            * Double(geometry.groupInputChannels * geometry.kernelVolume)
    }

    /// Whether the weights are packed once per call before the work items (used by many
    /// items of positions) or by each item as it goes, a block and pass of taps at a time
    /// (few items: each weight is then read once instead of packed, stored and read again).
    /// With one or two items of positions (planes of at most 192 outputs, such as c512@7² or
    /// the 7² outputs of c512@14² stride 2, 9.4 MB of weights) the packing pass had taken
    /// 15–19% of the call (`perf`, release probe, AMD EPYC Zen 3).
    static func packsPerItem(_ geometry: ConvolutionGeometry, scalarSize: Int,
                             instructions: VectorInstructions = .detected) -> Bool {
        items(geometry, scalarSize: scalarSize, instructions: instructions).positions <= packPerItemMaximum
    }

    /// Items of positions up to which each item packs its own weights
    /// (``packsPerItem(_:scalarSize:instructions:)``) and the kernel fetches the weights of
    /// its next block ahead (packed per item or prepared, they come from memory once per
    /// call: c512@7² one-shot 3.32–3.50 → 2.67–2.93 ms, prepared 2.81–3.12 → 2.35–2.62, caches
    /// flushed before each call; release probe, AMD EPYC Zen 4). Weights in cache lose 3–5% by it.
    static let packPerItemMaximum = 2

    /// Packs every group's weights (`kernel`, `geometry.kernelShape`) into `packed`, each
    /// group's ``VectorChannelVectors/packedCount(channels:taps:scalarSize:instructions:)``
    /// scalars after the one before, for the kernel form of `instructions`: block by block
    /// (``VectorChannelVectors/width(_:instructions:)`` channels' rows), shared out between
    /// `workers` (a serial pass over c256@28²'s 590 K weights had held two workers to 1.45× one).
    static func pack<T: ConvolveScalar>(_ geometry: ConvolutionGeometry, kernel: UnsafePointer<T>,
                                        into packed: UnsafeMutablePointer<T>, workers: Int,
                                        instructions: VectorInstructions = .detected) {
        let og = geometry.groupOutputChannels, taps = geometry.groupInputChannels * geometry.kernelVolume
        let width = VectorChannelVectors.width(MemoryLayout<T>.size, instructions: instructions)
        let perGroup = VectorChannelVectors.packedCount(channels: og, taps: taps, scalarSize: MemoryLayout<T>.size,
                                                        instructions: instructions)
        let blocks = (og + width - 1) / width
        Parallel.run(workers: workers, items: geometry.groups * blocks) { _, items in
            for item in items {
                let group = item / blocks, j0 = item % blocks * width
                VectorChannelVectors.pack(kernel + (group * og + j0) * taps, channels: min(width, og - j0),
                                          taps: taps, into: packed + group * perGroup + j0 * taps,
                                          instructions: instructions)
            }
        }
    }

    /// Computes every batch item and group of `geometry` into `output`: per batch item and
    /// group the padded planes are written (channels shared out between `workers`), then
    /// (positions, blocks) items are shared out, each stored straight into the output
    /// planes; the weights are packed once per group before the items or by each item
    /// (``packsPerItem(_:scalarSize:instructions:)``), or come `prepared` (a layer's, packed once). With
    /// `bias` (`O` values), output channel `o` is `bias[o]` plus its sums.
    static func run<T: ConvolveScalar>(
        _ geometry: ConvolutionGeometry, input: UnsafePointer<T>, kernel: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, bias: UnsafePointer<T>? = nil, workers: Int,
        prepared: ChannelVectorWeights<T>? = nil, instructions: VectorInstructions = .detected
    ) {
        let prepared = prepared.flatMap { $0.isFor(geometry, instructions: instructions) ? $0 : nil }
        let g = Geometry3(geometry), scalarSize = MemoryLayout<T>.size
        let cg = geometry.groupInputChannels, og = geometry.groupOutputChannels
        let taps = cg * g.kernel.volume, outVolume = g.output.volume
        let width = VectorChannelVectors.width(scalarSize, instructions: instructions)
        let blocksPerItem = blocksPerItem(scalarSize: scalarSize, instructions: instructions)
        let (positionItems, blockItems) = items(geometry, scalarSize: scalarSize, instructions: instructions)
        let tapChunk = tapChunk(g, channels: cg)
        let perItem = prepared == nil && packsPerItem(geometry, scalarSize: scalarSize, instructions: instructions)
        // Weights read by one or two items of positions come from memory once per call,
        // packed here or prepared: the kernel fetches each block's next weights ahead.
        let prefetchWeights = positionItems <= packPerItemMaximum
        let packedPerGroup = perItem || prepared != nil ? 0
            : VectorChannelVectors.packedCount(channels: og, taps: taps, scalarSize: scalarSize,
                                               instructions: instructions)
        let packingCount = VectorChannelVectors.packingCount(taps: taps, tapChunk: tapChunk, scalarSize: scalarSize,
                                                             instructions: instructions)
        let inPlace = g.padded == g.input
        let positions = positions(g), offsets = offsets(g, channels: cg)
        // On a zero-padded plane of few positions (its border a large share of it) each tile
        // leaves out the taps that read only the padding's zeros: the same sums where the
        // weights are finite. Prepared weights are known to be; others are shown to be by the
        // outputs of the positions that read every tap, which a non-finite weight or bias (or
        // input) leaves non-finite: then the group is computed again with every tap.
        let classes = !inPlace && g.boundary.fillValue == 0 && positionItems <= packPerItemMaximum
            ? TapClassesMemo.classes(geometry, g, channels: cg, positions: positions)
                .flatMap { prepared?.allFinite == true || $0.hasEveryTapClass ? $0 : nil } : nil
        let checksOutputs = classes != nil && prepared?.allFinite != true
        // Sums between passes: a tile's per block (the classes' tiles, or six positions' each).
        let tilesPerItem = classes?.maximumTiles ?? (positionsPerItem + VectorChannelVectors.tilePositions - 1)
            / VectorChannelVectors.tilePositions
        let scratchPerWorker = (tapChunk == 0 ? 0
            : VectorChannelVectors.scratchCount(count: tilesPerItem * VectorChannelVectors.tilePositions,
                                                channels: blocksPerItem * width, scalarSize: scalarSize,
                                                instructions: instructions))
            + (perItem ? packingCount : 0)
        WorkspacePool.withBuffer(T.self, count: geometry.groups * packedPerGroup) { packed in
            if !perItem && prepared == nil {
                pack(geometry, kernel: kernel, into: packed, workers: workers, instructions: instructions)
            }
            WorkspacePool.withBuffer(T.self, count: paddedElements(g, channels: cg)) { padded in
                WorkspacePool.withBuffer(T.self, count: workers * scratchPerWorker) { scratch in
                    positions.withUnsafeBufferPointer { positions in
                        offsets.withUnsafeBufferPointer { offsets in
                            for b in 0..<geometry.batch {
                                for group in 0..<geometry.groups {
                                    let planes = input + (b * geometry.inputChannels + group * cg) * g.input.volume
                                    let out = output + (b * geometry.outputChannels + group * og) * outVolume
                                    let weights = prepared?.group(group)
                                        ?? (perItem ? kernel + group * og * taps : UnsafePointer(packed + group * packedPerGroup))
                                    if !inPlace {
                                        Parallel.run(workers: workers, items: cg) { _, items in
                                            for c in items {
                                                PaddedInput.write(planes + c * g.input.volume,
                                                                  into: padded + c * g.padded.volume,
                                                                  frame: g.padded, geometry: g)
                                            }
                                        }
                                    }
                                    let source = inPlace ? planes : UnsafePointer(padded)
                                    func sum(_ classes: ChannelVectorTapClasses?) {
                                        Parallel.run(workers: workers, items: positionItems * blockItems) { w, queue in
                                            let sums = scratch + w * scratchPerWorker
                                            let packing = perItem ? sums + (scratchPerWorker - packingCount) : nil
                                            for item in queue {
                                                let first = item / blockItems * positionsPerItem
                                                let j0 = item % blockItems * blocksPerItem * width
                                                VectorChannelVectors.run(
                                                    input: source, offsets: offsets.baseAddress!, taps: taps,
                                                    weights: weights + j0 * taps, weightStride: taps,
                                                    channels: min(blocksPerItem * width, og - j0),
                                                    positions: classes?.positions ?? positions.baseAddress!, first: first,
                                                    count: min(positionsPerItem, outVolume - first), out: out + j0 * outVolume,
                                                    outStride: outVolume, bias: bias.map { $0 + group * og + j0 },
                                                    tapChunk: tapChunk, scratch: sums, packing: packing,
                                                    prefetchWeights: prefetchWeights, classes: classes,
                                                    item: item / blockItems, instructions: instructions)
                                            }
                                        }
                                    }
                                    sum(classes)
                                    if checksOutputs,
                                       !Finite.all(UnsafeBufferPointer(start: UnsafePointer(out), count: og * outVolume)) {
                                        sum(nil)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The tap classes ``DirectChannelVectors`` has made, by geometry (at most 32 kept): built
/// once for a layer called on input after input of one size (c512@7²'s hold 41 K taps).
enum TapClassesMemo {
    static let answers = KeptAnswers<ConvolutionGeometry, ChannelVectorTapClasses?>(capacity: 32)

    static func classes(_ geometry: ConvolutionGeometry, _ g: Geometry3, channels: Int,
                        positions: [Int]) -> ChannelVectorTapClasses? {
        answers.value(geometry) {
            ChannelVectorTapClasses(g, channels: channels, positions: positions,
                                    perItem: DirectChannelVectors.positionsPerItem)
        }
    }
}

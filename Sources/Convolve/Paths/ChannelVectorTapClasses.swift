import CVectorKernels

/// The channel vectors' tiles for a plane whose border positions read zeros of the padding
/// in some taps: positions grouped by the taps that land inside the input, each group's
/// tiles summing only those taps (``DirectChannelVectors``).
///
/// **Classes.** Along each axis, output coordinate `o` reads input `o·s + r·d − before` with
/// tap `r`, inside the input for `r ∈ [lo(o), hi(o))`,
///
///     lo(o) = max(0, ⌈(before − o·s)/d⌉),   hi(o) = min(k, ⌊(n − 1 + before − o·s)/d⌋ + 1),
///
/// and a position's class is its three ranges, except that in a border slice (z) or row
/// (y) the axes inside it keep all their taps: its corners join it instead of making tiles
/// of one position, whose two chains of multiply-adds wait on each other. A class's taps
/// are every `(c, rz, ry, rx)` with each `r` in its range, ascending (the order of
/// `offsets`). On 7² outputs of a 3×3 kernel with one of padding the 25 interior positions
/// keep all 9 taps of a channel, the top and bottom rows' 7 and the side columns' 5
/// positions 6: 0.84 of the multiply-adds.
///
/// **Same bits.** A left-out tap multiplies a zero of the padding, and `fma(w, 0, s) = s` for
/// a finite `w` (a chain that starts from +0 never holds −0, so the zero's sign cannot show):
/// the sums are those of all taps exactly where the padding is zero and the weights are
/// finite, the only case ``DirectChannelVectors`` keeps its sums for (weights prepared and
/// known finite, or shown finite by the outputs of the positions that read every tap).
///
/// **Order and tiles.** Positions go class by class (classes in the order their first
/// position comes, positions in row-major order inside a class), split into the same items
/// of ``DirectChannelVectors/positionsPerItem`` as always; inside an item each run of one
/// class is cut into `⌈n/6⌉` tiles as evenly as they go. `order[i]` is the output index of
/// the `i`-th position so ordered, its `position_i` `positions[i]`.
final class ChannelVectorTapClasses: @unchecked Sendable {
    let count: Int, classCount: Int
    /// Whether some positions read every tap inside the input: their outputs are finite
    /// only if every weight is (``DirectChannelVectors`` checks them to use the classes
    /// with weights not known to be finite).
    let hasEveryTapClass: Bool
    /// Tiles of the most tiled item.
    let maximumTiles: Int
    private let storage: UnsafeMutablePointer<Int>
    private let layout: (positions: Int, classTaps: Int, classStarts: Int, tileEnds: Int, tileClass: Int,
                         itemTiles: Int, total: Int)

    /// Output index of each position, in the order the positions are computed.
    var order: UnsafePointer<Int> { UnsafePointer(storage) }
    /// `position_i` of each position, in that order.
    var positions: UnsafePointer<Int> { UnsafePointer(storage + layout.positions) }
    /// Every class's taps, class after class (``classStarts``).
    var classTaps: UnsafePointer<Int> { UnsafePointer(storage + layout.classTaps) }
    /// Class `c`'s taps are `classTaps[classStarts[c] ..< classStarts[c + 1]]`.
    var classStarts: UnsafePointer<Int> { UnsafePointer(storage + layout.classStarts) }

    /// Item `item`'s tiles: their ends (positions from the item's first) and classes.
    func tiles(item: Int) -> (ends: UnsafePointer<Int>, classes: UnsafePointer<Int>, count: Int) {
        let first = storage[layout.itemTiles + item], last = storage[layout.itemTiles + item + 1]
        return (UnsafePointer(storage + layout.tileEnds + first), UnsafePointer(storage + layout.tileClass + first),
                last - first)
    }

    /// The classes of `g`'s output positions (`positions`, row-major, as
    /// ``DirectChannelVectors/positions(_:)`` gives them) over `channels` input channels,
    /// in items of `perItem` positions; nil where every position keeps every tap, or there
    /// are more classes than the kernel takes.
    init?(_ g: Geometry3, channels: Int, positions all: [Int], perItem: Int) {
        func ranges(_ o: Int, stride s: Int, dilation d: Int, before: Int, input n: Int, taps k: Int) -> Range<Int> {
            let low = before - o * s, high = n - 1 + before - o * s
            let lo = max(0, low > 0 ? (low + d - 1) / d : 0)
            let hi = min(k, high >= 0 ? high / d + 1 : 0)
            return lo..<max(lo, hi)
        }
        struct Key: Hashable { let z, y, x: Range<Int> }
        let out = g.output, s = g.stride, d = g.dilation, b = g.before, n = g.input, k = g.kernel
        var keys: [Key] = [], classOf: [Key: Int] = [:], members: [[Int]] = []
        for index in 0..<out.volume {
            let p = out.position(index)
            let z = ranges(p.z, stride: s.z, dilation: d.z, before: b.z, input: n.z, taps: k.z)
            var y = ranges(p.y, stride: s.y, dilation: d.y, before: b.y, input: n.y, taps: k.y)
            var x = ranges(p.x, stride: s.x, dilation: d.x, before: b.x, input: n.x, taps: k.x)
            // A border slice or row keeps every tap along the axes inside it, so its corners
            // join it rather than making tiles of one position.
            if z != 0..<k.z { (y, x) = (0..<k.y, 0..<k.x) } else if y != 0..<k.y { x = 0..<k.x }
            let key = Key(z: z, y: y, x: x)
            if let c = classOf[key] {
                members[c].append(index)
            } else {
                classOf[key] = keys.count
                keys.append(key)
                members.append([index])
            }
        }
        let full = Key(z: 0..<k.z, y: 0..<k.y, x: 0..<k.x)
        guard keys.count > 1 || keys.first != full, keys.count <= Int(CONVOLVE_CHANNEL_VECTOR_CLASSES) else { return nil }
        let order = members.flatMap { $0 }
        var classTaps: [Int] = [], classStarts: [Int] = [0]
        for key in keys {
            for c in 0..<channels {
                for rz in key.z {
                    for ry in key.y {
                        let row = ((c * k.z + rz) * k.y + ry) * k.x
                        for rx in key.x { classTaps.append(row + rx) }
                    }
                }
            }
            classStarts.append(classTaps.count)
        }
        var classAt: [Int] = []
        for (c, m) in members.enumerated() { classAt += Array(repeating: c, count: m.count) }
        var tileEnds: [Int] = [], tileClass: [Int] = [], itemTiles: [Int] = [0], most = 0
        for first in stride(from: 0, to: order.count, by: perItem) {
            let end = min(first + perItem, order.count)
            var runStart = first
            while runStart < end {
                var runEnd = runStart
                while runEnd < end && classAt[runEnd] == classAt[runStart] { runEnd += 1 }
                let length = runEnd - runStart, tiles = (length + 5) / 6
                var at = runStart - first
                for t in 0..<tiles {
                    at += length / tiles + (t < length % tiles ? 1 : 0)
                    tileEnds.append(at)
                    tileClass.append(classAt[runStart])
                }
                runStart = runEnd
            }
            most = max(most, tileEnds.count - itemTiles.last!)
            itemTiles.append(tileEnds.count)
        }
        count = order.count
        classCount = keys.count
        hasEveryTapClass = keys.contains(full)
        maximumTiles = most
        let parts = [order, order.map { all[$0] }, classTaps, classStarts, tileEnds, tileClass, itemTiles]
        var starts: [Int] = [], total = 0
        for part in parts { starts.append(total); total += part.count }
        layout = (starts[1], starts[2], starts[3], starts[4], starts[5], starts[6], total)
        storage = .allocate(capacity: total)
        for (part, start) in zip(parts, starts) { (storage + start).initialize(from: part, count: part.count) }
    }

    deinit { storage.deallocate() }
}

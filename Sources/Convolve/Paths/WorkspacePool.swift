import Synchronization

/// Reusable scratch memory for the paths. Multi-megabyte scratch buffers allocated
/// afresh on every call cost more in page faults than a small convolution costs in
/// arithmetic, so finished buffers return here and the next call of a similar size
/// takes one back. Buffers are `fftw_malloc`'d (SIMD-aligned). At most
/// ``retainedBytesLimit`` bytes are kept; safe from any thread.
enum WorkspacePool {
    /// The most memory the pool keeps between calls.
    static let retainedBytesLimit = 256 << 20

    private struct Entry {
        let pointer: UnsafeMutableRawPointer
        let bytes: Int
        let release: @Sendable (UnsafeMutableRawPointer) -> Void
    }

    private struct State: @unchecked Sendable {
        var free: [ObjectIdentifier: [Entry]] = [:]
        var retainedBytes = 0
    }

    private static let state = Mutex(State())

    /// Frees every retained buffer (those in use are freed when their call finishes).
    static func removeAll() {
        let dropped: [Entry] = state.withLock { state in
            defer { state.free = [:]; state.retainedBytes = 0 }
            return state.free.values.flatMap { $0 }
        }
        for entry in dropped { entry.release(entry.pointer) }
    }

    /// Bytes of scratch memory kept for reuse right now.
    static var retainedBytes: Int { state.withLock { $0.retainedBytes } }

    /// Calls `body` with a scratch buffer of at least `count` scalars (contents undefined),
    /// which returns to the pool afterwards.
    static func withBuffer<T: ConvolveScalar, R>(_: T.Type, count: Int,
                                                _ body: (UnsafeMutablePointer<T>) -> R) -> R {
        let bytes = max(1, count) * MemoryLayout<T>.stride
        let key = ObjectIdentifier(T.self)
        let reused: Entry? = state.withLock { state in
            // The smallest free buffer that is large enough but not wastefully so (≤ 2×).
            guard var list = state.free[key],
                  let index = list.indices.filter({ list[$0].bytes >= bytes && list[$0].bytes <= 2 * bytes })
                      .min(by: { list[$0].bytes < list[$1].bytes }) else { return nil }
            let entry = list.remove(at: index)
            state.free[key] = list
            state.retainedBytes -= entry.bytes
            return entry
        }
        let entry = reused ?? Entry(pointer: UnsafeMutableRawPointer(T.fftwAllocate(count: max(1, count))),
                                    bytes: bytes,
                                    release: { T.fftwFree($0.assumingMemoryBound(to: T.self)) })
        let result = body(entry.pointer.assumingMemoryBound(to: T.self))
        let evicted: [Entry] = state.withLock { state in
            var evicted: [Entry] = []
            state.free[key, default: []].append(entry)
            state.retainedBytes += entry.bytes
            // Over the limit: drop the largest buffers first.
            while state.retainedBytes > retainedBytesLimit {
                guard let (k, i) = state.free.flatMap({ k, list in list.indices.map { (k, $0) } })
                    .max(by: { state.free[$0.0]![$0.1].bytes < state.free[$1.0]![$1.1].bytes }) else { break }
                let dropped = state.free[k]!.remove(at: i)
                state.retainedBytes -= dropped.bytes
                evicted.append(dropped)
            }
            return evicted
        }
        for entry in evicted { entry.release(entry.pointer) }
        return result
    }
}

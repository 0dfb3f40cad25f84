import Synchronization

/// The process-wide cache of FFT plans, keyed by precision, extents, direction, thread
/// count and rigor. A second call of the same shape reuses the plan; only a miss plans,
/// and planning is serialised by ``fftwPlannerLock``. Once cached, a plan is never
/// replaced, so repeated calls of one size run the same algorithm and give the same bits
/// for the whole process (measured plans are kept apart from estimated ones). Safe to use
/// from any thread.
public final class FFTPlanCache: Sendable {
    /// The cache every path uses.
    public static let shared = FFTPlanCache()

    struct Key: Hashable {
        let scalar: ObjectIdentifier
        let extents: [Int]
        let direction: FFTDirection
        let threads: Int
        let planning: FFTPlanning
    }

    private struct State {
        var plans: [Key: AnyObject] = [:]
        var created = 0
        var createdByExtents: [[Int]: Int] = [:]
        var clears = 0
    }

    private let state = Mutex(State())

    /// How many plans this cache has created since the process started (hits create none).
    public var plansCreated: Int { state.withLock { $0.created } }

    /// How many plans, of any precision, direction or thread count, this cache has created
    /// for transforms of exactly `extents`.
    public func plansCreated(extents: [Int]) -> Int {
        state.withLock { $0.createdByExtents[extents, default: 0] }
    }

    /// How many times ``removeAll()`` has emptied it.
    var clears: Int { state.withLock { $0.clears } }

    /// How many plans it holds now.
    public var count: Int { state.withLock { $0.plans.count } }

    /// Drops every cached plan (each is destroyed once no call is using it).
    public func removeAll() {
        let dropped = state.withLock { state -> [Key: AnyObject] in
            defer { state.plans = [:]; state.clears += 1 }
            return state.plans
        }
        _ = dropped // released here, outside the cache lock: deinit takes the planner lock.
    }

    /// The plan for `extents` and `direction` at `threads` threads and `planning`'s rigor,
    /// made on first use.
    func plan<T: FFTWScalar>(_: T.Type, extents: [Int], direction: FFTDirection, threads: Int,
                             planning: FFTPlanning = .estimate) -> FFTPlan<T> {
        let key = Key(scalar: ObjectIdentifier(T.self), extents: extents, direction: direction, threads: threads,
                      planning: planning)
        return state.withLock { state in
            if let plan = state.plans[key] { return plan as! FFTPlan<T> }
            let plan = fftwPlannerLock.withLock { _ in
                FFTPlan<T>(extents: extents, direction: direction, threads: threads, planning: planning)
            }
            state.plans[key] = plan
            state.created += 1
            state.createdByExtents[extents, default: 0] += 1
            return plan
        }
    }
}


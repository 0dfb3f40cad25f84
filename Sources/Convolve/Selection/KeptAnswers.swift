import Synchronization

/// Answers of a pure function kept by their arguments (`Key`), so that calls of one problem
/// ask once: the cost model's FFT layouts (``FFTLayoutMemo``), the chooser's picks
/// (``PathChoiceMemo``) and the channel vectors' tap classes (``TapClassesMemo``). At most `capacity` answers are kept; all are dropped when it
/// fills. Safe from any thread.
final class KeptAnswers<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let capacity: Int
    private let answers = Mutex<[Key: Value]>([:])

    init(capacity: Int) { self.capacity = capacity }

    func lookup(_ key: Key) -> Value? { answers.withLock { $0[key] } }

    func store(_ key: Key, _ value: Value) {
        answers.withLock { answers in
            if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = value
        }
    }

    /// The answer kept for `key`, or `answer()`'s, kept.
    func value(_ key: Key, orAnswer answer: () -> Value) -> Value {
        if let known = lookup(key) { return known }
        let value = answer()
        store(key, value)
        return value
    }
}

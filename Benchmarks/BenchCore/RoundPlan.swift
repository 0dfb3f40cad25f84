/// How the bench interleaves two or more sides it compares (auto's pick against the peers,
/// one thread against several): rounds, each giving every side one turn of `perRound`
/// timed calls, so a slow stretch of the shared machine falls on all of them.
///
/// The machine's speed changes in stretches of tens of milliseconds: a release probe
/// calling the stem layer (c3→64 @224², 7×7 stride 2) back to back ran 1.6–1.9 ms for 10–20
/// calls in a row, then 2.4–2.8 ms for as many (2026-12-02, Intel Xeon model 207), while a
/// plain FMA loop kept its rate within 5 % in 10 ms slices. With two calls per turn a
/// side's six samples fall in a handful of such stretches, and which ones decides its
/// median; so cheap calls get turns of at least ``turnSeconds`` (at most ``maximumPerRound``
/// calls) over ``cheapRounds`` rounds, every side the same number of calls.
public struct RoundPlan: Equatable, Sendable {
    public let rounds: Int
    public let perRound: Int

    /// The least time one side's turn aims at when its calls are cheap.
    public static let turnSeconds = 0.02
    /// Calls per turn at most.
    public static let maximumPerRound = 20
    /// Rounds when the calls are cheap enough for turns of ``turnSeconds``.
    public static let cheapRounds = 5

    /// The plan for `repeats` (the bench's `--repeats`) when one call takes about
    /// `callSeconds` (nil: unknown): three rounds of `⌈repeats/3⌉` calls (at least 2), or,
    /// when that many calls take less than ``turnSeconds``, ``cheapRounds`` rounds of
    /// `⌈turnSeconds / callSeconds⌉` calls (at most ``maximumPerRound``).
    public init(repeats: Int, callSeconds: Double?) {
        let base = max(2, (repeats + 2) / 3)
        guard let t = callSeconds, t > 0, Double(base) * t < Self.turnSeconds else {
            (rounds, perRound) = (3, base)
            return
        }
        rounds = Self.cheapRounds
        perRound = max(base, min(Self.maximumPerRound, Int((Self.turnSeconds / t).rounded(.up))))
    }
}

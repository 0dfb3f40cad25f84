import BenchCore
import Testing

/// The bench's interleaving (``RoundPlan``): cheap calls get turns long enough to span the
/// shared machine's slow and fast stretches; every plan times at least what `--repeats`
/// asked for.
@Suite struct RoundPlanTests {
    @Test func slowOrUntimedCallsKeepThreeRoundsOfAThirdOfTheRepeats() {
        #expect(RoundPlan(repeats: 5, callSeconds: nil) == RoundPlan(repeats: 5, callSeconds: 0.5))
        let plan = RoundPlan(repeats: 9, callSeconds: 0.05)
        #expect(plan.rounds == 3 && plan.perRound == 3)
        #expect(RoundPlan(repeats: 1, callSeconds: 0.05).perRound == 2)
    }

    @Test(arguments: [0.000_05, 0.000_3, 0.002, 0.006])
    func cheapCallsGetTurnsOfTheTurnTimeOrTheCap(seconds: Double) {
        let plan = RoundPlan(repeats: 5, callSeconds: seconds)
        #expect(plan.rounds == RoundPlan.cheapRounds)
        #expect(Double(plan.perRound) * seconds >= RoundPlan.turnSeconds || plan.perRound == RoundPlan.maximumPerRound)
        #expect(plan.perRound <= RoundPlan.maximumPerRound)
        #expect(plan.rounds * plan.perRound >= 3 * RoundPlan(repeats: 5, callSeconds: nil).perRound)
    }
}

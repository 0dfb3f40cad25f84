/// SplitMix64: a small, seeded generator, so every test input is reproducible.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` values uniform in [−1, 1).
    mutating func values(_ count: Int) -> [Double] {
        (0..<count).map { _ in Double.random(in: -1..<1, using: &self) }
    }
}

/// FNV-1a of `text`: a seed that names its test case and is the same in every run
/// (`hashValue` is randomised per process).
func stableSeed(_ text: String) -> UInt64 {
    text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}

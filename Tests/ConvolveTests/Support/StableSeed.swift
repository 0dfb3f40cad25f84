/// FNV-1a of `text`: a seed that names its test case and is the same in every run
/// (`hashValue` is randomised per process). Tests draw their data from BenchCore's
/// `SeededRandom` with it.
func stableSeed(_ text: String) -> UInt64 {
    text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}

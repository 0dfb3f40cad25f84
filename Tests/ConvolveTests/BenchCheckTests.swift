import ArgumentParser
import BenchCore
import Testing

/// `bench --check` is an oracle: it passes on the real paths and must fail when one
/// path's error is inflated to 10× its bound.
@Suite struct BenchCheckTests {
    static func run(_ arguments: [String]) throws {
        var command = try BenchCommand.parseAsRoot(arguments)
        try command.run()
    }

    @Test func quickCheckPassesOnTheRealPaths() throws {
        try Self.run(["--check", "--quick"])
    }

    @Test func plantedErrorMakesTheCheckExitNonZero() throws {
        #expect(throws: ExitCode(1)) { try Self.run(["--check", "--quick", "--plant-error"]) }
    }

    @Test func checkCasesAreSeededAndCoverEveryRank() throws {
        let a = try CheckRun.workloads(quick: true), b = try CheckRun.workloads(quick: true)
        #expect(a.map(\.label) == b.map(\.label))
        #expect(Set(a.map { $0.geometry.spatialRank }) == [1, 2, 3])
        #expect(a.contains { $0.geometry.groups > 1 } && a.contains { $0.geometry.stride.contains { $0 > 1 } })
    }
}

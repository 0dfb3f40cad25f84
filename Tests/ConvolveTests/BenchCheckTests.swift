import ArgumentParser
import BenchCore
import Foundation
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

    /// `--speedup N` times `auto` at both thread counts for every case and records the
    /// picks; the table and JSON carry them.
    @Test func speedupTimesAutoAtBothThreadCounts() throws {
        try withScratchDirectory("bench-speedup") { directory in
            let folder = directory.path
            try Self.run(["--workloads", "1d,2d", "--size", "96", "--kernels", "3,9", "--speedup", "2", "--repeats", "2",
                          "--output", folder])
            let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("results.json"))
            let results = try JSONDecoder().decode([CaseResult].self, from: data)
            #expect(results.count == 4)
            for r in results {
                let t = try #require(r.threadTimes)
                #expect(t.threads == [1, 2] && t.timings.count == 2 && t.picks.count == 2)
                #expect(t.timings.allSatisfy { $0.samples.count >= 6 && $0.minimum > 0 } && t.speedup > 0)
            }
            #expect(Report.threads(results).contains("1-D same 96 ∗ 9 | 1: "))
            #expect(throws: (any Error).self) { try BenchCommand.parseAsRoot(["--speedup", "0"]) }
        }
    }

    @Test func checkCasesAreSeededAndCoverEveryRank() throws {
        let a = try CheckRun.workloads(quick: true), b = try CheckRun.workloads(quick: true)
        #expect(a.map(\.label) == b.map(\.label))
        #expect(Set(a.map { $0.geometry.spatialRank }) == [1, 2, 3])
        #expect(a.contains { $0.geometry.groups > 1 } && a.contains { $0.geometry.stride.contains { $0 > 1 } })
    }
}

/// `bench --suite match` runs end to end on a small image and checks its own accuracy.
@Suite struct MatchSuiteTests {
    @Test func matchSuiteTimesAndChecksEveryTemplate() throws {
        var suite = MatchSuite()
        suite.imageSize = 64
        suite.templates = [8, 16, 80]
        suite.repeats = 1
        var peers: PeerRunner? = nil
        let rows = try suite.run(peers: &peers)
        #expect(rows.map(\.template) == [8, 16])  // 80 does not fit in 64
        #expect(rows.allSatisfy { $0.maxError < 1e-4 && $0.auto > 0 && $0.fft > 0 })
        #expect(MatchSuite.table(rows).contains("64² | 16²"))
    }
}

@Suite struct BlurSuiteTests {
    @Test func blurSuiteTimesAndChecksEverySigma() throws {
        var suite = BlurSuite()
        suite.imageSize = 48
        suite.sigmas = [1, 3, 8]
        suite.repeats = 1
        var peers: PeerRunner? = nil
        let rows = try suite.run(peers: &peers)
        #expect(rows.map(\.size) == [7, 19])  // 49 does not fit in 48
        #expect(rows.allSatisfy { $0.maxError < 1e-5 && $0.auto > 0 && $0.passes > 0 && $0.twoD > 0 })
        #expect(BlurSuite.table(rows).contains("48² | 3 | 19²"))
    }
}

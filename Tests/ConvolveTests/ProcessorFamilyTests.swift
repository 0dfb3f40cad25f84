import Testing
@testable import Convolve

/// The shipped cost constants follow the processor: `/proc/cpuinfo`'s vendor, family and
/// flags name the set, and anything unnamed takes the Intel one.
@Suite struct ProcessorFamilyTests {
    static func cpuinfo(vendor: String, family: Int, flags: String = "fpu sse2 avx2 fma avx512f avx512bw") -> String {
        "processor\t: 0\nvendor_id\t: \(vendor)\ncpu family\t: \(family)\nmodel\t\t: 17\n"
            + "model name\t: Some CPU\nflags\t\t: \(flags)\n\nprocessor\t: 1\nvendor_id\t: GenuineIntel\n"
            + "cpu family\t: 6\nflags\t\t: fpu sse2\n"
    }

    @Test func theFirstProcessorsVendorAndFamilyNameTheConstants() {
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "AuthenticAMD", family: 25)) == .amdZen4)
        // Family 25 without AVX-512 is Zen 3 (the flag is read from the first processor only;
        // `avx512fp16` alone is not `avx512f`).
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "AuthenticAMD", family: 25,
                                                             flags: "fpu sse2 avx2 fma")) == .amdZen3)
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "AuthenticAMD", family: 25,
                                                             flags: "avx2 avx512fp16")) == .amdZen3)
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "GenuineIntel", family: 6)) == .intel)
        // An older AMD family, an unknown vendor, and no text at all: the Intel set.
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "AuthenticAMD", family: 23)) == .intel)
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "HygonGenuine", family: 24)) == .intel)
        #expect(ProcessorFamily.family(cpuinfo: "") == .intel)
    }

    @Test func theMeasuredModelIsTheDetectedFamilysSet() {
        #expect(CostModel.measured == CostModel.measured(for: ProcessorFamily.detected))
        #expect(CostModel.measured(for: .intel) == CostModel.measuredIntel)
        #expect(CostModel.measured(for: .amdZen4) == CostModel.measuredAMDZen4)
        #expect(CostModel.measured(for: .amdZen3) == CostModel.measuredAMDZen3)
        #expect(CostModel.measuredIntel != CostModel.measuredAMDZen4)
        #expect(CostModel.measuredAMDZen3 != CostModel.measuredAMDZen4)
    }
}

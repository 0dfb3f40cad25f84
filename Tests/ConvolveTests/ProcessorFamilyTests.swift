import Testing
@testable import Convolve

/// The shipped cost constants follow the processor: `/proc/cpuinfo`'s vendor and family
/// name the set, and anything unnamed takes the Intel one.
@Suite struct ProcessorFamilyTests {
    static func cpuinfo(vendor: String, family: Int) -> String {
        "processor\t: 0\nvendor_id\t: \(vendor)\ncpu family\t: \(family)\nmodel\t\t: 17\n"
            + "model name\t: Some CPU\n\nprocessor\t: 1\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n"
    }

    @Test func theFirstProcessorsVendorAndFamilyNameTheConstants() {
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "AuthenticAMD", family: 25)) == .amdZen)
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "GenuineIntel", family: 6)) == .intel)
        // An older AMD family, an unknown vendor, and no text at all: the Intel set.
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "AuthenticAMD", family: 23)) == .intel)
        #expect(ProcessorFamily.family(cpuinfo: Self.cpuinfo(vendor: "HygonGenuine", family: 24)) == .intel)
        #expect(ProcessorFamily.family(cpuinfo: "") == .intel)
    }

    @Test func theMeasuredModelIsTheDetectedFamilysSet() {
        #expect(CostModel.measured == CostModel.measured(for: ProcessorFamily.detected))
        #expect(CostModel.measured(for: .intel) == CostModel.measuredIntel)
        #expect(CostModel.measured(for: .amdZen) == CostModel.measuredAMDZen)
        #expect(CostModel.measuredIntel != CostModel.measuredAMDZen)
    }
}

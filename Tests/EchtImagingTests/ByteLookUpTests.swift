@testable import EchtImaging
import Testing

/// The decoder's byte → linear lookup, which converts a large image in concurrent bands.
struct ByteLookUpTests {
    /// Sizes below, at and past the banding threshold, and one that does not split evenly:
    /// every sample equals the table's entry for its byte.
    @Test(arguments: [0, 1, 1000, 1 << 20, (1 << 20) * 3 + 7])
    func everySampleIsItsBytesTableEntry(count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ $0 >> 9) }
        let table = SRGBTransfer.linearFromByte
        let samples = bytes.withUnsafeBytes { WorkingSpaceConversion.lookUp($0, in: table) }
        #expect(samples.count == count)
        #expect(samples == bytes.map { table[Int($0)] })
    }
}

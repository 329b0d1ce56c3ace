/// A small deterministic generator (SplitMix64) so failures can be reproduced from the seed.
public struct SeededRandom {
    /// The generator's state.
    public var state: UInt64
    /// A generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A uniform value in `range`.
    public mutating func next(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(nextUInt64() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }
}

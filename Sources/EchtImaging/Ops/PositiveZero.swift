/// Tests for runs of samples that are all +0, which box and Gaussian passes leave as they are
/// (every running sum over them is of +0): blurs skip such rows and strips.
public enum PositiveZero {
    /// Whether the `count` samples at `start` all have the bit pattern of +0 (a −0 counts as not
    /// zero, so a skipped pass never turns one into +0). Stops at the first other sample.
    @inlinable
    public static func all(_ start: UnsafePointer<Float>, count: Int) -> Bool {
        let bits = UnsafeRawPointer(start).assumingMemoryBound(to: UInt32.self)
        var i = 0
        while i + 8 <= count {
            var any: UInt32 = 0
            for k in 0..<8 { any |= bits[i + k] }
            if any != 0 { return false }
            i += 8
        }
        while i < count {
            if bits[i] != 0 { return false }
            i += 1
        }
        return true
    }
}

/// Natural logarithm and exponential of eight floats at once, for the per-pixel weights and
/// gains of the skin retouch and the clarity (`logf`/`expf` one value at a time cost about as
/// much as the rest of those passes). Both are the classic range reduction (to a mantissa near
/// one, or to a remainder within ±ln 2 / 2) with a short polynomial: within about one unit in
/// the last place of the library functions, so an 8-bit output that depends on them can differ
/// by one level where it lies on a rounding boundary.
enum VectorMath {
    typealias Floats = SIMD8<Float>
    typealias Bits = SIMD8<UInt32>

    /// ln 2 in two parts: the first has few bits, so `n × first` is exact for the exponents used.
    private static let ln2High: Float = 0.693359375, ln2Low: Float = -2.12194440e-4

    /// The natural logarithm of positive, finite, normal `x` (the only inputs its callers form:
    /// a small positive offset is always added first).
    @inline(__always)
    static func log(_ x: Floats) -> Floats {
        let bits = unsafeBitCast(x, to: Bits.self)
        // x = m · 2^e with m in [0.5, 1).
        var e = (bits &>> 23) &- 126
        var m = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F00_0000, to: Floats.self)
        // Centre the mantissa on one: below √½ take 2m − 1 and one less in the exponent.
        let low = m .< 0.707106781186547524
        e = e.replacing(with: e &- 1, where: low)
        m = m.replacing(with: m + m - 1, where: low)
        m = m.replacing(with: m - 1, where: .!low)
        let z = m * m
        var p: Floats = Floats(repeating: 7.0376836292e-2)
        p = p * m - 1.1514610310e-1
        p = p * m + 1.1676998740e-1
        p = p * m - 1.2420140846e-1
        p = p * m + 1.4249322787e-1
        p = p * m - 1.6668057665e-1
        p = p * m + 2.0000714765e-1
        p = p * m - 2.4999993993e-1
        p = p * m + 3.3333331174e-1
        let ef = float(e)
        var y = p * m * z
        y += ef * ln2Low
        y -= 0.5 * z
        return m + y + ef * ln2High
    }

    /// e^x; below −87 (where the result would leave the normal range) it is zero, above 88 it is
    /// not defined (its callers pass at most a few units).
    @inline(__always)
    static func exp(_ x: Floats) -> Floats {
        let shift: Float = 12_582_912 // 1.5 · 2^23: adding it rounds to an integer kept in the low bits.
        let shifted = x * 1.44269504088896341 + shift
        let n = shifted - shift
        let r = x - n * ln2High - n * ln2Low
        var p: Floats = Floats(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let power = (unsafeBitCast(shifted, to: Bits.self) &- unsafeBitCast(Floats(repeating: shift), to: Bits.self) &+ 127) &<< 23
        let y = (p * r * r + r + 1) * unsafeBitCast(power, to: Floats.self)
        return y.replacing(with: 0, where: x .< -87)
    }

    /// `log` over a buffer in place (the tail of fewer than eight values through the same code).
    static func logInPlace(_ values: UnsafeMutableBufferPointer<Float>) {
        map(values, log)
    }

    /// `exp` over a buffer in place.
    static func expInPlace(_ values: UnsafeMutableBufferPointer<Float>) {
        map(values, exp)
    }

    @inline(__always)
    private static func map(_ values: UnsafeMutableBufferPointer<Float>, _ f: (Floats) -> Floats) {
        guard let base = values.baseAddress else { return }
        let n = values.count
        var i = 0
        while i + 8 <= n {
            let raw = UnsafeMutableRawPointer(base + i)
            raw.storeBytes(of: f(raw.loadUnaligned(as: Floats.self)), as: Floats.self)
            i += 8
        }
        guard i < n else { return }
        var tail = Floats(repeating: 1)
        for k in 0..<(n - i) { tail[k] = base[i + k] }
        let result = f(tail)
        for k in 0..<(n - i) { base[i + k] = result[k] }
    }

    /// Small integers (|e| < 2^22) as floats, through the bits of 1.5 · 2^23 + e.
    @inline(__always)
    private static func float(_ e: Bits) -> Floats {
        unsafeBitCast(e &+ 0x4B40_0000, to: Floats.self) - 12_582_912
    }
}

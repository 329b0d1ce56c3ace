/// Vector `exp` for float32 lanes: Cephes-style range reduction and a degree-6 polynomial
/// (relative error about 1e-7), with inputs clamped so results stay finite.
@inline(__always)
func exponential(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let x = clamp(x, SIMD8(repeating: -87.3), SIMD8(repeating: 88.3))
    // Round x·log2(e) to the nearest integer n with the 1.5·2²³ trick, keeping n's bits in the mantissa.
    let magic = SIMD8<Float>(repeating: 12_582_912)
    let shifted = x * SIMD8(repeating: 1.442_695_04) + magic
    let n = shifted - magic
    var r = x - n * SIMD8(repeating: 0.693_359_375)
    r -= n * SIMD8(repeating: -2.121_944_40e-4)
    var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
    p = p * r + SIMD8(repeating: 1.398_199_95e-3)
    p = p * r + SIMD8(repeating: 8.333_451_91e-3)
    p = p * r + SIMD8(repeating: 4.166_579_59e-2)
    p = p * r + SIMD8(repeating: 1.666_666_55e-1)
    p = p * r + SIMD8(repeating: 5.000_000_12e-1)
    p = p * r * r + r + SIMD8(repeating: 1)
    let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- SIMD8(repeating: 0x4B40_0000)
    let scale = unsafeBitCast((integer &+ SIMD8(repeating: 127)) &<< SIMD8(repeating: 23), to: SIMD8<Float>.self)
    return p * scale
}

/// Vector sigmoid `1 / (1 + e^−x)`; saturates to 0 and 1 without overflow.
@inline(__always)
func logistic(_ x: SIMD8<Float>) -> SIMD8<Float> {
    SIMD8(repeating: 1) / (SIMD8(repeating: 1) + exponential(-x))
}

#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Björn Ottosson's Oklab: a perceptual space used to reason about skin hue.
enum Oklab {
    /// Linear sRGB → (L, a, b).
    static func fromLinear(_ c: SIMD3<Float>) -> SIMD3<Float> {
        let l = cbrtf(max(0, 0.4122214708 * c.x + 0.5363325363 * c.y + 0.0514459929 * c.z))
        let m = cbrtf(max(0, 0.2119034982 * c.x + 0.6806995451 * c.y + 0.1073969566 * c.z))
        let s = cbrtf(max(0, 0.0883024619 * c.x + 0.2817188376 * c.y + 0.6299787005 * c.z))
        return SIMD3(0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                     1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                     0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s)
    }

    /// (L, a, b) → linear sRGB.
    static func toLinear(_ lab: SIMD3<Float>) -> SIMD3<Float> {
        let l = lab.x + 0.3963377774 * lab.y + 0.2158037573 * lab.z
        let m = lab.x - 0.1055613458 * lab.y - 0.0638541728 * lab.z
        let s = lab.x - 0.0894841775 * lab.y - 1.2914855480 * lab.z
        let l3 = l * l * l, m3 = m * m * m, s3 = s * s * s
        return SIMD3(4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3,
                     -1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3,
                     -0.0041960863 * l3 - 0.7034186147 * m3 + 1.7076147010 * s3)
    }

    /// Hue angle in degrees.
    static func hueDegrees(_ lab: SIMD3<Float>) -> Float { atan2f(lab.z, lab.y) * 180 / .pi }
}

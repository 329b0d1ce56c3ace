#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The sRGB transfer function (IEC 61966-2-1) between encoded values and linear light.
enum SRGB {
    /// Encoded 0...1 → linear light.
    @inline(__always)
    static func decode(_ v: Float) -> Float {
        v <= 0.04045 ? v / 12.92 : powf((v + 0.055) / 1.055, 2.4)
    }

    /// Linear light → encoded 0...1 (clamped).
    @inline(__always)
    static func encode(_ v: Float) -> Float {
        let x = min(max(v, 0), 1)
        return x <= 0.0031308 ? x * 12.92 : 1.055 * powf(x, 1 / 2.4) - 0.055
    }

    /// Rec. 709 luminance of a linear RGB triple.
    @inline(__always)
    static func luminance(_ r: Float, _ g: Float, _ b: Float) -> Float {
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }
}

import Foundation

/// The sRGB transfer curve (IEC 61966-2-1) between encoded values and linear light.
///
/// Encoded and linear values are both in 0...1; linear inputs outside that range are
/// clamped by the byte encoders but passed through (mirrored / extended) by the float ones.
public enum SRGBTransfer {
    /// Linear light from an encoded value (the sRGB EOTF).
    @inlinable
    public static func linear(fromEncoded value: Float) -> Float {
        let magnitude = abs(value)
        let result = magnitude <= 0.04045 ? magnitude / 12.92 : powf((magnitude + 0.055) / 1.055, 2.4)
        return value < 0 ? -result : result
    }

    /// An encoded value from linear light (the inverse EOTF).
    @inlinable
    public static func encoded(fromLinear value: Float) -> Float {
        let magnitude = abs(value)
        let result = magnitude <= 0.0031308 ? magnitude * 12.92 : 1.055 * powf(magnitude, 1 / 2.4) - 0.055
        return value < 0 ? -result : result
    }

    /// Linear light for each 8-bit code 0...255.
    public static let linearFromByte: [Float] = (0..<256).map { linear(fromEncoded: Float($0) / 255) }

    /// Linear light for each 16-bit code 0...65535.
    public static let linearFromUInt16: [Float] = (0..<65536).map { linear(fromEncoded: Float($0) / 65535) }

    /// Table from linear light quantised to 1/65535 steps to the nearest 8-bit code.
    /// One linear step is at most 0.05 of an 8-bit code, so the table is exact after rounding
    /// except within 0.05 code of a rounding boundary.
    @usableFromInline static let byteFromLinear: [UInt8] = (0..<65536).map {
        UInt8((encoded(fromLinear: Float($0) / 65535) * 255).rounded())
    }

    /// The nearest 8-bit sRGB code for a linear value (clamped to 0...1).
    @inlinable
    public static func byte(fromLinear value: Float) -> UInt8 {
        let clamped = value.isNaN ? 0 : min(max(value, 0), 1)
        return byteFromLinear[Int(clamped * 65535 + 0.5)]
    }

    /// The nearest 16-bit sRGB code for a linear value (clamped to 0...1).
    @inlinable
    public static func uint16(fromLinear value: Float) -> UInt16 {
        let clamped = value.isNaN ? 0 : min(max(value, 0), 1)
        return UInt16((encoded(fromLinear: clamped) * 65535).rounded())
    }
}

import Foundation

/// The sRGB transfer curve, used at the edge between Echt's linear images and the models,
/// which were trained on 8-bit sRGB-encoded pixels.
enum SRGB {
    /// Linear light (clamped to 0...1) to the sRGB-encoded value in 0...1.
    @inlinable
    static func encode(_ linear: Float) -> Float {
        let x = min(max(linear, 0), 1)
        return x <= 0.0031308 ? 12.92 * x : 1.055 * powf(x, 1 / 2.4) - 0.055
    }

    /// An sRGB-encoded value in 0...1 to linear light.
    @inlinable
    static func decode(_ encoded: Float) -> Float {
        encoded <= 0.04045 ? encoded / 12.92 : powf((encoded + 0.055) / 1.055, 2.4)
    }
}

extension SRGB {
    /// 4097-entry table of `encode` over 0...1 for `encodeFast`.
    static let table: [Float] = (0...4096).map { encode(Float($0) / 4096) }

    /// `encode` by table lookup with linear interpolation (error below 2e-4), for whole photos.
    @inlinable
    static func encodeFast(_ linear: Float) -> Float {
        let x = min(max(linear, 0), 1) * 4096
        let i = min(Int(x), 4095)
        let f = x - Float(i)
        return table[i] * (1 - f) + table[i + 1] * f
    }
}

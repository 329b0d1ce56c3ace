import EchtImaging
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

extension SRGB {
    /// `encode` of the linear value of each 8-bit sRGB code (`SRGBTransfer.linearFromByte`).
    static let encodedBytes: [Float] = SRGBTransfer.linearFromByte.map(encode)

    /// For a linear value quantised to 1/65535 steps (`quantised`), the 8-bit code whose linear
    /// value lies on that step, or −1: the codes' linear values are at least 19 steps apart.
    static let byteOfQuantised: [Int16] = {
        var table = [Int16](repeating: -1, count: 65536)
        for (code, linear) in SRGBTransfer.linearFromByte.enumerated() { table[quantised(linear)] = Int16(code) }
        return table
    }()

    /// The 1/65535 step nearest to `linear` clamped to 0...1 (0 for NaN).
    @inline(__always)
    static func quantised(_ linear: Float) -> Int { linear.isNaN ? 0 : Int(min(max(linear, 0), 1) * 65535 + 0.5) }

    /// `encode(linear)`: exactly, looked up, when `linear` is the linear value of an 8-bit code
    /// (every sample of a photo decoded from 8-bit sRGB); otherwise within 1e-6 (`encodeClose`: the
    /// samples of a photo converted from Adobe RGB or Display P3, far below an 8-bit step). `tables` are
    /// `byteOfQuantised`, `SRGBTransfer.linearFromByte`, `encodedBytes` and `powerTable`.
    @inline(__always)
    static func encode(_ linear: Float, tables: ByteTables) -> Float {
        let code = Int(tables.byteOfQuantised[quantised(linear)])
        if code >= 0 && tables.linear[code] == linear { return tables.encoded[code] }
        return encodeClose(linear, power: tables.power.baseAddress!)
    }

    /// The tables `encode(_:tables:)` reads, held for the duration of a loop.
    struct ByteTables {
        let byteOfQuantised: UnsafeBufferPointer<Int16>
        let linear: UnsafeBufferPointer<Float>
        let encoded: UnsafeBufferPointer<Float>
        let power: UnsafeBufferPointer<Float>
    }

    /// Runs `body` with the tables of `encode(_:tables:)`.
    static func withByteTables<T>(_ body: (ByteTables) -> T) -> T {
        byteOfQuantised.withUnsafeBufferPointer { q in
            SRGBTransfer.linearFromByte.withUnsafeBufferPointer { l in
                encodedBytes.withUnsafeBufferPointer { e in
                    powerTable.withUnsafeBufferPointer { p in body(ByteTables(byteOfQuantised: q, linear: l, encoded: e, power: p)) }
                }
            }
        }
    }
}

extension SRGB {
    /// The bit pattern of 2⁻⁹, the first octave `powerTable` covers (the curve is linear below
    /// 0.0031308, inside that octave).
    static let powerTableStart = Float(1.0 / 512).bitPattern

    /// x^(1/2.4) at the start of each of 256 equal steps of every octave of x from 2⁻⁹ to 1, and
    /// at 1: entry k is at the float whose bits are `powerTableStart + k << 15`.
    static let powerTable: [Float] = (0...(9 * 256)).map {
        Float(pow(Double(Float(bitPattern: powerTableStart + UInt32($0) << 15)), 1 / 2.4))
    }

    /// `encode` within 1e-6 without `powf`: x^(1/2.4) interpolated linearly within its step of
    /// `power` (`powerTable`; a step is 1/256 of an octave, where the power's curvature leaves
    /// at most 5e-7 of x^(1/2.4)).
    @inline(__always)
    static func encodeClose(_ linear: Float, power: UnsafePointer<Float>) -> Float {
        let x = min(max(linear, 0), 1)
        guard x > 0.0031308 else { return 12.92 * x }
        guard x < 1 else { return encode(1) }
        let offset = x.bitPattern - powerTableStart
        let k = Int(offset >> 15), fraction = Float(offset & 0x7FFF) * (1 / 32768)
        return 1.055 * (power[k] + (power[k + 1] - power[k]) * fraction) - 0.055
    }
}

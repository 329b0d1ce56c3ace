/// An sRGB colour written as `"#RRGGBB"` in look files.
public struct RGBColour: Codable, Sendable, Equatable, CustomStringConvertible {
    /// Red, green, blue as encoded sRGB values in 0...1.
    public var red: Float, green: Float, blue: Float

    /// Creates a colour from encoded sRGB components in 0...1.
    public init(red: Float, green: Float, blue: Float) {
        self.red = red; self.green = green; self.blue = blue
    }

    /// Creates a colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32) {
        self.init(red: Float((hex >> 16) & 0xFF) / 255, green: Float((hex >> 8) & 0xFF) / 255, blue: Float(hex & 0xFF) / 255)
    }

    /// Parses `"#RRGGBB"` or `"RRGGBB"`; nil when malformed.
    public init?(hexString: String) {
        var text = Substring(hexString)
        if text.hasPrefix("#") { text = text.dropFirst() }
        guard text.count == 6, let value = UInt32(text, radix: 16) else { return nil }
        self.init(hex: value)
    }

    /// The colour in linear light (what the pipeline works in).
    public var linear: SIMD3<Float> {
        SIMD3(SRGB.decode(red), SRGB.decode(green), SRGB.decode(blue))
    }

    /// `#RRGGBB`.
    public var description: String {
        func byte(_ v: Float) -> String {
            let s = String(Int((min(max(v, 0), 1) * 255).rounded()), radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }

    /// Decodes `"#RRGGBB"`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let colour = RGBColour(hexString: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "expected a colour like \"#C8C8C8\" but received \"\(text)\""))
        }
        self = colour
    }

    /// Encodes as `"#RRGGBB"`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

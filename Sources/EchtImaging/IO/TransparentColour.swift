/// Echt's own RGBA PNGs store colour 0 under fully transparent pixels: a pixel whose 8-bit alpha
/// is 0 is never seen, whatever its colour, and rows of (0, 0, 0, 0) deflate faster and to
/// smaller files than the colour the matte left there. Visible pixels (alpha > 0) keep their bytes.
enum TransparentColour {
    /// Sets red, green and blue to 0 in every interleaved RGBA pixel of `samples` whose alpha is 0.
    static func clear(_ samples: inout [UInt8]) {
        samples.withUnsafeMutableBufferPointer { bytes in
            var i = 0
            while i + 4 <= bytes.count {
                if bytes[i + 3] == 0 { bytes[i] = 0; bytes[i + 1] = 0; bytes[i + 2] = 0 }
                i += 4
            }
        }
    }
}

extension Image {
    /// Interleaved 8-bit sRGB-encoded samples (same channel order; alpha scaled by 255),
    /// as models and most byte-oriented code expect. Values are clamped to 0...1 first.
    public func srgbBytes() -> [UInt8] {
        // Every byte is written by the encoder, so the buffer is not zeroed first.
        [UInt8](unsafeUninitializedCapacity: pixels.count) { out, count in
            pixels.withUnsafeBufferPointer { SRGBByteEncoder.encode($0, channels: channels, into: out) }
            count = pixels.count
        }
    }

    /// An image from interleaved 8-bit sRGB-encoded samples (alpha, if any, is linear 0...255).
    public init(srgbBytes bytes: [UInt8], width: Int, height: Int, channels: Int) {
        let table = SRGBTransfer.linearFromByte
        var samples = [Float](repeating: 0, count: bytes.count)
        samples.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { source in
                for i in 0..<source.count {
                    out[i] = (channels == 4 && i % 4 == 3) ? Float(source[i]) / 255 : table[Int(source[i])]
                }
            }
        }
        self.init(width: width, height: height, channels: channels, pixels: samples)
    }
}

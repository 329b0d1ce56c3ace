import CVipsShim

extension Image {
    /// This image as a libvips float image (scRGB for colour, plain for grey), alpha
    /// premultiplied when `premultiply` is set so filters do not bleed hidden colour.
    func vipsImage(premultiply: Bool, source: String) throws(ImagingError) -> VipsImageRef {
        let samples = premultiply && hasAlpha ? premultiplied() : pixels
        let space = channels >= 3 ? ECHT_INTERPRETATION_scRGB : ECHT_INTERPRETATION_MULTIBAND
        return try VipsImageRef.fromFloats(samples, width: width, height: height, bands: channels,
                                           interpretation: Int32(space), source: source)
    }

    /// An image from a libvips float image, undoing premultiplication when `premultiplied`.
    init(vips: VipsImageRef, premultiplied: Bool) throws(ImagingError) {
        var samples = try vips.cast(Int32(ECHT_FORMAT_FLOAT)).floatPixels()
        let channels = vips.bands
        if premultiplied && channels == 4 { Self.unpremultiply(&samples) }
        self.init(width: vips.width, height: vips.height, channels: channels, pixels: samples)
    }

    /// Colour multiplied by alpha (RGBA only).
    func premultiplied() -> [Float] {
        var samples = pixels
        samples.withUnsafeMutableBufferPointer { buffer in
            for i in stride(from: 0, to: buffer.count, by: 4) {
                let alpha = buffer[i + 3]
                buffer[i] *= alpha
                buffer[i + 1] *= alpha
                buffer[i + 2] *= alpha
            }
        }
        return samples
    }

    /// Divides colour by alpha and clamps alpha to 0...1 (RGBA only).
    static func unpremultiply(_ samples: inout [Float]) {
        samples.withUnsafeMutableBufferPointer { buffer in
            for i in stride(from: 0, to: buffer.count, by: 4) {
                let alpha = min(max(buffer[i + 3], 0), 1)
                buffer[i + 3] = alpha
                let scale: Float = alpha > 1e-6 ? 1 / alpha : 0
                buffer[i] *= scale
                buffer[i + 1] *= scale
                buffer[i + 2] *= scale
            }
        }
    }
}

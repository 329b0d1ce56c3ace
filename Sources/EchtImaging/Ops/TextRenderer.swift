import CVipsShim

/// Plain text set by libvips (Pango) as a coverage plane, for captions on contact sheets.
public enum TextRenderer {
    /// `text` wrapped at `width` pixels in the Pango font `font` (e.g. "sans 11") at `dpi`:
    /// a one-channel image whose samples are ink coverage, 0 (paper) to 1 (ink). Pango
    /// markup is read, so escape `&` and `<` in user text.
    public static func render(_ text: String, font: String = "sans 10", width: Int, dpi: Int = 96) throws(ImagingError) -> Image {
        guard width > 0, dpi > 0 else {
            throw .invalidParameter(name: "width/dpi", expected: "positive numbers", received: "\(width)/\(dpi)")
        }
        guard !text.isEmpty else { return Image(width: 1, height: 1, channels: 1, pixels: [0]) }
        try VipsRuntime.start()
        let ref = try VipsImageRef.make("text", source: "caption") { echt_text(text, font, Int32(width), Int32(dpi), $0) }
        let bytes: [UInt8] = try ref.withPixels { Array($0.bindMemory(to: UInt8.self)) }
        return Image(width: ref.width, height: ref.height, channels: 1, pixels: bytes.map { Float($0) / 255 })
    }
}

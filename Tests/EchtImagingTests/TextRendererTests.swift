import EchtImaging
import Testing

/// Captions for contact sheets: libvips/Pango sets real glyphs, wraps at the width asked for,
/// and reads markup escapes.
@Suite struct TextRendererTests {
    static func ink(_ image: Image) -> Float { image.pixels.reduce(0, +) }

    @Test func setsGlyphsAndWrapsAtTheWidth() throws {
        let line = try TextRenderer.render("face position 0.02 px · landmarks 0.31 px", width: 1000)
        #expect(line.channels == 1 && line.height > 5 && line.height < 40, "one line: \(line.width)×\(line.height)")
        #expect(line.pixels.allSatisfy { (0...1).contains($0) })
        #expect(Self.ink(line) > 50, "glyphs carry ink")
        let wrapped = try TextRenderer.render("face position 0.02 px · landmarks 0.31 px", width: 120)
        #expect(wrapped.width <= 120 && wrapped.height > 2 * line.height, "wrapped: \(wrapped.width)×\(wrapped.height)")
        #expect(abs(Self.ink(wrapped) - Self.ink(line)) < 0.1 * Self.ink(line), "the same glyphs, on more lines")
    }

    @Test func markupMustBeEscapedAndBadInputIsATypedError() throws {
        let escaped = try TextRenderer.render("a &amp; b &lt;c&gt;", width: 400)
        #expect(Self.ink(escaped) > 20)
        #expect(throws: ImagingError.self) { try TextRenderer.render("a & b <c", width: 400) }
        #expect(throws: ImagingError.self) { try TextRenderer.render("x", width: 0) }
    }
}

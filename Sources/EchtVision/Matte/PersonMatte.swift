import EchtImaging

/// A person matte at the photo's full resolution, over the whole photo or over one subject's
/// region of it (`PortraitAnalyzer.subjectMatte`): alpha is 0 outside that region.
public struct PersonMatte: Sendable, Equatable {
    /// Single-channel coverage of the person, 0...1, over the region `origin` + its size.
    public var alpha: Image
    /// Estimated foreground colour (3 channels, linear light) with the old background removed,
    /// meaningful where alpha > 0; composite as `foreground * alpha + backdrop * (1 - alpha)`.
    public var foreground: Image
    /// Photo column of the matte's left edge (0 for a whole-photo matte).
    public var originX: Int
    /// Photo row of the matte's top edge (0 for a whole-photo matte).
    public var originY: Int
    /// When the pixels cover only part of the region the model matted (`PreparedMatte`), the
    /// alpha along that region's outermost rows and columns; nil otherwise.
    public var border: MatteBorder?

    /// Creates a matte whose top-left pixel is photo pixel (`originX`, `originY`).
    public init(alpha: Image, foreground: Image, originX: Int = 0, originY: Int = 0, border: MatteBorder? = nil) {
        self.alpha = alpha; self.foreground = foreground; self.originX = originX; self.originY = originY; self.border = border
    }

    /// Coverage at photo pixel (x, y), from the pixels or the `border`; 0 elsewhere.
    public func coverage(x: Int, y: Int) -> Float {
        let u = x - originX, v = y - originY
        guard u >= 0, v >= 0, u < alpha.width, v < alpha.height else { return border?.coverage(x: x, y: y) ?? 0 }
        return alpha.pixels[(v * alpha.width + u) * alpha.channels]
    }

    /// Whether the matte's region lies inside a photo of the given size.
    public func fits(photoWidth: Int, photoHeight: Int) -> Bool {
        originX >= 0 && originY >= 0 && originX + alpha.width <= photoWidth && originY + alpha.height <= photoHeight
            && foreground.width == alpha.width && foreground.height == alpha.height
    }
}

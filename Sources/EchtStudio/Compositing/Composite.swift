import EchtImaging

/// Puts the matted person over a backdrop in linear light, with a touch of light wrap: the
/// backdrop's light spilling a little onto the person's soft edges, as it does in a studio.
public enum Composite {
    /// `foreground * alpha + backdrop * (1 - alpha)`, plus light wrap of `wrap` (0...1) along
    /// the edges. All images share one size; `foreground`/`backdrop` are RGB, `alpha` one channel.
    public static func over(foreground: Image, alpha: Image, backdrop: Image, wrap: Float = 0.3) -> Image {
        precondition(foreground.width == backdrop.width && foreground.height == backdrop.height
                     && alpha.width == backdrop.width && alpha.height == backdrop.height, "composite sizes differ")
        let n = backdrop.width * backdrop.height
        let sigma = Float(max(backdrop.width, backdrop.height)) / 120
        let softBackdrop = wrap > 0 ? Blur.gaussianReduced(backdrop, sigma: sigma * 2) : backdrop
        let softAlpha = wrap > 0 ? Blur.gaussianReduced(alpha, sigma: sigma) : alpha
        var out = [Float](repeating: 0, count: n * 3)
        for i in 0..<n {
            let a = min(max(alpha.pixels[i], 0), 1)
            let edge = wrap * a * max(0, 1 - softAlpha.pixels[i])
            for c in 0..<3 {
                let f = foreground.pixels[i * 3 + c] * (1 - edge) + softBackdrop.pixels[i * 3 + c] * edge
                out[i * 3 + c] = f * a + backdrop.pixels[i * 3 + c] * (1 - a)
            }
        }
        return Image(width: backdrop.width, height: backdrop.height, channels: 3, pixels: out)
    }
}

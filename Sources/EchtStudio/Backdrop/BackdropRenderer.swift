import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Makes the backdrop behind the person — the only pixels the studio ever synthesises.
public enum BackdropRenderer {
    /// The photo's own surroundings at output geometry, for the `defocus` backdrop.
    public struct Surroundings: Sendable {
        /// The framed photo (RGB, linear).
        public var image: Image
        /// The framed person matte.
        public var alpha: Image
        /// 1 where the frame shows the photo, 0 where it reaches past the photo's edge (there the
        /// backdrop is filled like the person's place); nil when it shows the photo everywhere.
        public var inside: Image?
        /// Creates surroundings.
        public init(image: Image, alpha: Image, inside: Image? = nil) {
            self.image = image; self.alpha = alpha; self.inside = inside
        }
    }

    /// How much smaller than the frame painted backdrops are made: they change over hundreds of
    /// pixels (the finest canvas mottle has a period of 1/16 of the frame height), so bilinear
    /// upsampling from a quarter of the size stays within 0.2 % of the full-size paint (at most
    /// one 8-bit level, where a value sits on a rounding boundary) and adds no steps.
    static let paintedReduction = 4

    /// Renders a backdrop of `width`×`height` in linear light.
    /// - Parameters:
    ///   - subject: the head centre in output pixels (the glow sits behind it, shifted towards the key light).
    ///   - light: the look's light, so the backdrop brightens on the key side.
    ///   - surroundings: needed for `defocus`; without it `defocus` falls back to a canvas.
    public static func render(_ style: BackdropStyle, width: Int, height: Int, subject: SIMD2<Float>,
                              light: LightStyle, surroundings: Surroundings? = nil) -> Image {
        if style.kind == .defocus, let surroundings { return defocus(surroundings, radiusFraction: style.blur) }
        return reduced(style, width: width, height: height, subject: subject, light: light).full()
    }

    /// A painted backdrop (solid, gradient, canvas; `defocus` without surroundings falls back to
    /// a canvas), made at `paintedReduction` of the frame's size (solid at full size: it is flat).
    /// A canvas reads its mottle from `noise` when that was sampled for this frame and reduction
    /// (the framing's shared `CanvasNoise`), otherwise samples it itself: the same values either way.
    static func reduced(_ style: BackdropStyle, width: Int, height: Int, subject: SIMD2<Float>, light: LightStyle,
                        noise: CanvasNoise? = nil) -> ReducedImage {
        let factor = style.kind == .solid ? 1 : paintedReduction
        let small = painted(style, width: width, height: height, subject: subject, light: light,
                            canvas: style.kind == .canvas || style.kind == .defocus, flat: style.kind == .solid, every: factor,
                            noise: noise)
        return ReducedImage(small: small, factor: factor, width: width, height: height)
    }

    /// Solid, gradient and canvas backdrops: a base colour (or vertical gradient), a glow behind
    /// the subject offset towards the key light, a vignette, and for canvas a mottled texture.
    /// Painted for a `width`×`height` frame, sampled at the centre of every `every`×`every` block;
    /// the canvas's mottle comes from `noise` when it fits the frame (see `reduced`).
    static func painted(_ style: BackdropStyle, width: Int, height: Int, subject: SIMD2<Float>, light: LightStyle,
                        canvas: Bool, flat: Bool = false, every step: Int = 1, noise shared: CanvasNoise? = nil) -> Image {
        let top = style.colour.linear, bottom = (style.kind == .gradient ? style.secondColour : style.colour).linear
        let sw = (width + step - 1) / step, sh = (height + step - 1) / step, f = Float(step)
        var out = [Float](repeating: 0, count: sw * sh * 3)
        let w = Float(width), h = Float(height)
        let shift = sin(light.azimuth * .pi / 180) * 0.18 * w
        let glowCentre = SIMD2(subject.x + shift, subject.y + 0.1 * h)
        let mottled = !flat && canvas && style.mottle > 0
        let noise = !mottled ? [] : shared.flatMap { $0.fits(width: width, height: height, every: step) ? $0 : nil }?.values
            ?? CanvasNoise(width: width, height: height, every: step).values
        for y in 0..<sh {
            let py = (Float(y) + 0.5) * f
            let fy = py / h
            let t = fy * fy * (3 - 2 * fy)
            let base = top + (bottom - top) * t
            for x in 0..<sw {
                var factor: Float = 1
                if !flat {
                    let px = (Float(x) + 0.5) * f
                    let dx = (px - glowCentre.x) / (0.45 * w), dy = (py - glowCentre.y) / (0.55 * h)
                    factor *= 1 + style.glow * expf(-(dx * dx + dy * dy))
                    let vx = (px / w - 0.5) * 2, vy = (py / h - 0.5) * 2
                    factor *= 1 - style.vignette * 0.5 * min(1, (vx * vx + vy * vy) / 2) * 1.6
                    if mottled {
                        let n = noise[y * sw + x]
                        factor *= 1 + style.mottle * 0.28 * (n - 0.5)
                    }
                }
                let i = (y * sw + x) * 3
                out[i] = base.x * factor; out[i + 1] = base.y * factor; out[i + 2] = base.z * factor
            }
        }
        return Image(width: sw, height: sh, channels: 3, pixels: out)
    }

    /// The photo's background with the person removed and the frame past the photo's edge blank,
    /// both filled from around them (`HoleFill`), and defocused (not at all for a blur of 0).
    static func defocus(_ s: Surroundings, radiusFraction: Float) -> Image {
        defocusWithFill(s, radiusFraction: radiusFraction).plate
    }

    /// `defocus`, and per pixel the share of its value that the fill made up (0 where the
    /// photo's own background shows, 1 where only the fill does), defocused alike.
    static func defocusWithFill(_ s: Surroundings, radiusFraction: Float) -> (plate: Image, madeUp: Image) {
        let w = s.image.width, h = s.image.height
        let size = Float(max(w, h))
        // Grow the matte so the person's fringe is treated as person, then fill it from the background.
        var known = Blur.gaussian(s.alpha, sigma: size / 100).pixels.map { max(0, 1 - min(1, $0 * 2.5)) }
        if let inside = s.inside {
            for i in known.indices { known[i] *= inside.pixels[i] }
        }
        var plate = HoleFill.filled(s.image.pixels, known: known, width: w, height: h, channels: 3,
                                    fallback: meanColour(s.image))
        var madeUp = known.map { 1 - $0 }
        if radiusFraction > 0 {
            let sigma = max(1, radiusFraction * Float(h))
            Blur.gaussianInPlace(&plate, width: w, height: h, channels: 3, sigma: sigma)
            Blur.gaussianInPlace(&madeUp, width: w, height: h, channels: 1, sigma: sigma)
        }
        return (Image(width: w, height: h, channels: 3, pixels: plate), Image(width: w, height: h, channels: 1, pixels: madeUp))
    }

    static func meanColour(_ image: Image) -> [Float] {
        var sum: [Float] = [0, 0, 0]
        let n = image.width * image.height
        for i in 0..<n { for c in 0..<3 { sum[c] += image.pixels[i * image.channels + c] } }
        return sum.map { $0 / Float(n) }
    }
}

/// Smooth, seeded value noise for the painted canvas (deterministic: same seed, same canvas).
struct ValueNoise: Sendable {
    let seed: UInt32

    func lattice(_ x: Int, _ y: Int) -> Float {
        var h = UInt32(truncatingIfNeeded: x &* 374_761_393 &+ y &* 668_265_263) &+ seed
        h = (h ^ (h >> 13)) &* 1_274_126_177
        h ^= h >> 16
        return Float(h & 0xFFFF) / 65535
    }

    func smooth(x: Float, y: Float) -> Float {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        var tx = x - Float(x0), ty = y - Float(y0)
        tx = tx * tx * (3 - 2 * tx); ty = ty * ty * (3 - 2 * ty)
        let a = lattice(x0, y0), b = lattice(x0 + 1, y0), c = lattice(x0, y0 + 1), d = lattice(x0 + 1, y0 + 1)
        return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty
    }

    /// Three octaves at painterly scales (coordinates in frame heights), 0...1.
    func fractal(x: Float, y: Float) -> Float {
        0.55 * smooth(x: x * 3, y: y * 3) + 0.3 * smooth(x: x * 7 + 17, y: y * 7 + 5) + 0.15 * smooth(x: x * 16 + 3, y: y * 16 + 11)
    }
}

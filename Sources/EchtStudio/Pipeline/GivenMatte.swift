import EchtImaging
import EchtVision

/// A photo that comes with its own transparency, such as a cut-out PNG: its alpha already says
/// which pixels are the person and its colours are the person's own (straight alpha), so the
/// studio takes them as the person's matte instead of matting the photo again, and reads the
/// photo flattened over a neutral grey (what lies under transparent pixels is arbitrary,
/// often black or a leftover of the old background).
struct GivenMatte: Sendable {
    /// The person's matte: the photo's alpha and its colours.
    let matte: PersonMatte
    /// The photo's colours over `grey` by its alpha: what the faces are found in and the
    /// framing reads.
    let flattened: Image

    /// The linear grey under transparent pixels (sRGB about 118, a mid grey).
    static let grey: Float = 0.18

    /// The least share of pixels below half coverage for an alpha channel to count as a cut-out
    /// (an alpha channel that is opaque all over, or nearly, is a plain photo's).
    static let leastTransparentShare = 0.02

    /// The note every headshot of such a photo carries.
    static let note = "The photo's own transparency was taken as the person's matte; its transparent part holds no background to keep or blur."

    /// The given matte of `image`, or nil when it has no alpha channel or one that is opaque but
    /// for less than `leastTransparentShare` of its pixels.
    static func from(_ image: Image) -> GivenMatte? {
        guard image.channels == 4 else { return nil }
        let n = image.width * image.height
        var transparent = 0
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<n where p[i * 4 + 3] < 0.5 { transparent += 1 }
        }
        guard Double(transparent) >= leastTransparentShare * Double(n) else { return nil }
        var alpha = [Float](repeating: 0, count: n), colour = [Float](repeating: 0, count: n * 3), flat = [Float](repeating: 0, count: n * 3)
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let a = min(max(p[i * 4 + 3], 0), 1)
                alpha[i] = a
                for k in 0..<3 {
                    let c = p[i * 4 + k]
                    colour[i * 3 + k] = c
                    flat[i * 3 + k] = c * a + grey * (1 - a)
                }
            }
        }
        let w = image.width, h = image.height
        return GivenMatte(matte: PersonMatte(alpha: Image(width: w, height: h, channels: 1, pixels: alpha),
                                             foreground: Image(width: w, height: h, channels: 3, pixels: colour)),
                          flattened: Image(width: w, height: h, channels: 3, pixels: flat))
    }

    /// This matte and photo turned by `turns` quarter turns clockwise (`Image.quarterTurned`).
    func quarterTurned(clockwise turns: Int) -> GivenMatte {
        GivenMatte(matte: PersonMatte(alpha: matte.alpha.quarterTurned(clockwise: turns), foreground: matte.foreground.quarterTurned(clockwise: turns)),
                   flattened: flattened.quarterTurned(clockwise: turns))
    }
}

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

    /// The note of a headshot whose matte is the photo's own alpha.
    static let matteNote = "The photo's own transparency was taken as the person's matte; its transparent part holds no background to keep or blur."
    /// The note of a headshot whose matte was made from the photo as usual.
    static let insideNote = "The photo's transparent part was read as a plain grey background."

    /// The most of the photo's opaque part the model may see as background for the alpha to be
    /// taken as the person's matte: a cut-out's opaque part is the person; a round or framed
    /// picture's holds its background too.
    static let mostOpaqueBackground = 0.1

    /// The analysis to frame from: the photo's own alpha and colours as the matte when `model`
    /// (the analysis with the mattes the studio made from `flattened`) sees background in at
    /// most `mostOpaqueBackground` of the alpha's opaque part (a cut-out, whose edges the model
    /// would only redo worse: grey hair against the grey fill), else `model` itself (a round or
    /// framed picture, whose transparent part reads as grey background). The model's mattes are
    /// not cut by the alpha: they are cut to the frames made from them, which would change.
    func resolving(_ model: StudioAnalysis) -> StudioAnalysis {
        var opaque = 0, background = 0
        for case let m? in model.mattes {
            for y in 0..<m.alpha.height {
                for x in 0..<m.alpha.width where matte.alpha.pixels[(m.originY + y) * matte.alpha.width + m.originX + x] > 0.5 {
                    opaque += 1
                    if m.alpha.pixels[y * m.alpha.width + x] < 0.1 { background += 1 }
                }
            }
        }
        guard opaque > 0, Double(background) <= Self.mostOpaqueBackground * Double(opaque) else { return model }
        return StudioAnalysis(faces: model.faces, matte: matte)
    }

    /// The note for headshots made from `resolved` (`resolving`'s result).
    func note(for resolved: StudioAnalysis) -> String {
        resolved.mattes.first.flatMap { $0 } == matte ? Self.matteNote : Self.insideNote
    }

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

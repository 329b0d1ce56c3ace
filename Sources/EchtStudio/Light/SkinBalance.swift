import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Exposure and white balance measured on the skin, as a per-channel gain.
///
/// White balance moves the skin's hue (in Oklab) towards the band every human skin tone falls
/// in (about 45°–75°), only as far as needed and at most ±12 % per channel — it never changes
/// how light or dark someone's skin is. Exposure is raised only when the whole person is
/// underexposed and lowered only when skin clips, so dark skin stays dark.
/// A plain near-neutral wall behind the person (`NeutralReference`) is the grey card: the skin
/// push stops where it would turn that wall coloured, and the exposure lifts the photo's own
/// surroundings no further than keeps the wall a light grey. Without one, skin pinker than the
/// band is only a hint (pink skin is often simply pink): the push only warms, never tints, and by
/// no more than a just-noticeable step on a grey (`unconfirmed`). Skin greener or yellower than
/// the band is no one's own colour, so that push stays whole.
public struct SkinBalance: Sendable, Equatable {
    /// Linear gains for red, green, blue.
    public var gains: SIMD3<Float>
    /// The skin's mean colour before correction (linear).
    public var skinColour: SIMD3<Float>
    /// The skin's Oklab hue before correction, degrees.
    public var skinHue: Float
    /// Exposure change in stops that is part of `gains`.
    public var exposureStops: Float
    /// Linear gains for the photo's own surroundings: `gains`, but with the exposure raised no
    /// further than keeps a plain near-neutral background at `neutralCeiling` (it is not pushed
    /// towards white; the person is lifted against it as a fill light would).
    public var surroundingsGains: SIMD3<Float>

    /// Creates a balance; `surroundingsGains` defaults to `gains`.
    public init(gains: SIMD3<Float>, skinColour: SIMD3<Float>, skinHue: Float, exposureStops: Float,
                surroundingsGains: SIMD3<Float>? = nil) {
        self.gains = gains; self.skinColour = skinColour; self.skinHue = skinHue; self.exposureStops = exposureStops
        self.surroundingsGains = surroundingsGains ?? gains
    }

    /// No change.
    public static let neutral = SkinBalance(gains: SIMD3(1, 1, 1), skinColour: SIMD3(0, 0, 0), skinHue: 0, exposureStops: 0)

    /// The hue band of skin in Oklab, degrees.
    static let skinHueBand: ClosedRange<Float> = 45...75

    /// Measures skin (weighted by `skin`) and the person (weighted by `alpha`) in `image`.
    /// `neutral`: the mean linear colour of a plain near-neutral background in the frame
    /// (`NeutralReference`), if the photo has one; the white balance may not turn it coloured.
    public static func measure(image: Image, skin: Image, alpha: Image, neutral: SIMD3<Float>? = nil) -> SkinBalance {
        measure(image: image, skin: BoxedPlane(whole: skin), alpha: alpha, neutral: neutral)
    }

    /// `measure` with the skin mask stored over its box (the same samples, in the same order).
    static func measure(image: Image, skin: BoxedPlane, alpha: Image, neutral: SIMD3<Float>? = nil) -> SkinBalance {
        precondition(skin.frameWidth == image.width && skin.frameHeight == image.height, "the skin mask is the image's")
        let n = image.width * image.height, c = image.channels, width = image.width
        var samples: [(Float, SIMD3<Float>)] = []
        var personLuma: [Float] = []
        for i in stride(from: 0, to: n, by: max(1, n / 200_000)) {
            let rgb = SIMD3(image.pixels[i * c], image.pixels[i * c + 1], image.pixels[i * c + 2])
            let y = SRGB.luminance(rgb.x, rgb.y, rgb.z)
            if skin[i % width, i / width] > 0.6 { samples.append((y, rgb)) }
            if alpha.pixels[i] > 0.6 { personLuma.append(y) }
        }
        guard samples.count >= 20 else { return .neutral }
        samples.sort { $0.0 < $1.0 }
        let kept = samples[(samples.count / 10)..<(samples.count * 9 / 10)]
        let mean = kept.map(\.1).reduce(SIMD3<Float>(0, 0, 0), +) / Float(kept.count)
        let skinHighlight = samples[samples.count * 95 / 100].0
        let personHighlight = personLuma.isEmpty ? skinHighlight : personLuma.kthSmallest(personLuma.count * 99 / 100)

        // White balance on skin hue.
        let lab = Oklab.fromLinear(mean)
        let hue = Oklab.hueDegrees(lab), chroma = (lab.y * lab.y + lab.z * lab.z).squareRoot()
        let targetHue = min(max(hue, skinHueBand.lowerBound), skinHueBand.upperBound)
        let newHue = hue + 0.8 * (targetHue - hue)
        let corrected = Oklab.toLinear(SIMD3(lab.x, chroma * cosf(newHue * .pi / 180), chroma * sinf(newHue * .pi / 180)))
        var gains = SIMD3<Float>(1, 1, 1)
        if mean.min() > 1e-4, corrected.min() > 0 {
            gains = corrected / mean
            let luma = SRGB.luminance(gains.x * mean.x, gains.y * mean.y, gains.z * mean.z) / SRGB.luminance(mean.x, mean.y, mean.z)
            gains /= luma
            gains = simd_clamp(gains, SIMD3(repeating: 0.88), SIMD3(repeating: 1.12))
            if let neutral {
                gains = keepingNeutral(neutral, gains: gains)
            } else if hue < skinHueBand.lowerBound {
                gains = unconfirmed(gains, skin: mean)
            }
        }
        // Exposure.
        var exposure: Float = 1
        if personHighlight < 0.55 { exposure = min(2, 0.7 / max(personHighlight, 0.05)) }
        if skinHighlight * exposure > 0.85 { exposure = 0.85 / skinHighlight }
        var surroundingsExposure = exposure
        if let neutral { surroundingsExposure = min(exposure, max(1, neutralCeiling / SRGB.luminance(neutral.x, neutral.y, neutral.z))) }
        return SkinBalance(gains: gains * exposure, skinColour: mean, skinHue: hue, exposureStops: log2f(exposure),
                           surroundingsGains: gains * surroundingsExposure)
    }

    /// The linear luminance above which the exposure does not lift a plain near-neutral background
    /// of the photo's surroundings (about sRGB 206, a light grey that stays a wall).
    static let neutralCeiling: Float = 0.62

    /// The most Oklab chroma the white balance may leave a near-neutral background with, unless
    /// it had more before.
    static let neutralChromaLimit: Float = 0.012

    /// `gains` moved back towards no change just as far as needed for the near-neutral
    /// background `neutral` to stay within `neutralChromaLimit` (or its own chroma, if larger)
    /// and to turn no greener than it was.
    static func keepingNeutral(_ neutral: SIMD3<Float>, gains: SIMD3<Float>) -> SIMD3<Float> {
        let limit = max(NeutralReference.chroma(neutral), neutralChromaLimit)
        let greenBefore = max(0, neutral.y - neutral.x)
        func fits(_ g: SIMD3<Float>) -> Bool {
            let after = neutral * g
            return NeutralReference.chroma(after) <= limit && after.y - after.x <= greenBefore + 1e-5
        }
        if fits(gains) { return gains }
        var lo: Float = 0, hi: Float = 1 // share of the way back to no change
        for _ in 0..<20 {
            let t = (lo + hi) / 2
            if fits(gains + t * (SIMD3(1, 1, 1) - gains)) { hi = t } else { lo = t }
        }
        return gains + hi * (SIMD3(1, 1, 1) - gains)
    }

    /// The most Oklab chroma a white balance set from pinkish skin alone (nothing neutral in the
    /// frame confirms it) may give an 18 % grey card: a just-noticeable warming.
    static let unconfirmedGreyChroma: Float = 0.008

    /// `gains` as a photographer sets colour from skin alone, with no grey card to check it: only
    /// the colour temperature moves (a grey gets warmer or cooler, never green or magenta), and no
    /// further than leaves an 18 % grey with `unconfirmedGreyChroma`. The skin keeps its luminance.
    /// Before, pink skin (hue 21°–40°) was pushed with a green tint that turned teeth, white
    /// shirts and a pale blue wall green or cyan (Oklab a −0.007 on an 18 % grey).
    static func unconfirmed(_ gains: SIMD3<Float>, skin: SIMD3<Float>) -> SIMD3<Float> {
        let grey: Float = 0.18
        let lab = Oklab.fromLinear(gains * grey)
        let warmth = min(max(lab.z, -unconfirmedGreyChroma), unconfirmedGreyChroma)
        var held = Oklab.toLinear(SIMD3(lab.x, 0, warmth)) / grey
        held /= SRGB.luminance(held.x * skin.x, held.y * skin.y, held.z * skin.z) / SRGB.luminance(skin.x, skin.y, skin.z)
        return held
    }

    /// Applies the gains to every pixel of an RGB image.
    public func apply(to image: Image) -> Image { Self.apply(gains, to: image) }

    /// Applies `surroundingsGains` to every pixel of an RGB image of the photo's surroundings.
    public func applyToSurroundings(_ image: Image) -> Image { Self.apply(surroundingsGains, to: image) }

    static func apply(_ gains: SIMD3<Float>, to image: Image) -> Image {
        var out = image
        let c = image.channels
        for i in 0..<(image.width * image.height) {
            out.pixels[i * c] *= gains.x; out.pixels[i * c + 1] *= gains.y; out.pixels[i * c + 2] *= gains.z
        }
        return out
    }
}

@inline(__always)
func simd_clamp(_ v: SIMD3<Float>, _ lo: SIMD3<Float>, _ hi: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3(min(max(v.x, lo.x), hi.x), min(max(v.y, lo.y), hi.y), min(max(v.z, lo.z), hi.z))
}

/// Where the photo is blown out, the guided filter's input follows the coarse mask decisively.
///
/// A blown highlight (two or more channels at the sensor's ceiling: a sun-lit rim of hair, the
/// sun's glare behind it, a white window) has lost its colour, so neither `EdgeBand` nor the
/// guided filter can tell person from background there: a flat patch where the model is unsure
/// (mask 0.3–0.5, as it is in glare) comes out as the mask's own doubt, a half-transparent fade
/// of flat white that reads as a pale smear. No mix of person and background can be measured in
/// such a pixel, so nothing justifies a mid alpha: where colour does not decide, blown pixels
/// the mask does not call background take the person. Blown background the mask is surer of
/// stays out (its alpha bounds), and so does blown background beside the person's outline that
/// looks like the background around it (`BackgroundLikeness`, applied later).
enum BlownHighlights {
    /// Second-largest sRGB channel over which a pixel turns from unclipped to blown.
    static let clipped: ClosedRange<Float> = 0.96...0.99
    /// Coarse-mask values over which a blown pixel turns from background to person: the upper
    /// end is where the mask stops being sure of background (`MatteRefiner.Options.backgroundBelow`).
    static let person: ClosedRange<Float> = 0.2...0.3

    /// How blown a pixel of sRGB colour (`r`, `g`, `b`, 0...1) is (0...1).
    static func weight(_ r: Float, _ g: Float, _ b: Float) -> Float {
        let second = max(min(r, g), min(max(r, g), b))
        return min(max((second - clipped.lowerBound) / (clipped.upperBound - clipped.lowerBound), 0), 1)
    }

    /// The guided filter's input for a blown pixel whose coarse mask is `mask`.
    static func input(mask: Float) -> Float {
        min(max((mask - person.lowerBound) / (person.upperBound - person.lowerBound), 0), 1)
    }
}

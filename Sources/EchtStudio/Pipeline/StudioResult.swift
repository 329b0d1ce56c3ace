import EchtImaging
import EchtVision

/// One finished headshot in one look, before encoding: images in linear light plus everything
/// needed to encode, sign and explain it.
public struct StudioResult: Sendable {
    /// The look it was made in.
    public var look: Look
    /// Where it sits in the photo (exact transform back to the input).
    public var framing: Framing
    /// The finished headshot at full resolution (RGB, linear light).
    public var headshot: Image
    /// The person alone with the matte as alpha, same frame, as its two planes.
    public var cutoutLayers: Cutout
    /// The person alone with the matte as alpha (RGBA, linear, straight alpha), same frame.
    public var cutout: Image { cutoutLayers.image }
    /// The web and print sizes that the photo had enough pixels for.
    public var presets: [PresetImage]
    /// The honesty figures.
    public var honesty: HonestyReport
    /// What was done, as C2PA actions, in order.
    public var edits: [EditAction]
    /// Plain-language notes for the user (resolution limits, reframing, skipped sizes).
    public var notes: [String]
    /// Exposure and white balance measured on the skin.
    public var balance: SkinBalance
    /// What the photo's face was advised for (`PhotoAdvice`), its notes among `notes`.
    public var advice: [FaceIssue]

    init(look: Look, framing: Framing, headshot: Image, cutout: Cutout, presets: [PresetImage], honesty: HonestyReport,
         edits: [EditAction], notes: [String], balance: SkinBalance, advice: [FaceIssue] = []) {
        self.look = look; self.framing = framing; self.headshot = headshot; self.cutoutLayers = cutout; self.presets = presets
        self.honesty = honesty; self.edits = edits; self.notes = notes; self.balance = balance; self.advice = advice
    }
}

/// A preset size cut from a headshot.
public struct PresetImage: Sendable {
    /// The preset it fulfils.
    public var preset: OutputPreset
    /// The pixels (RGB, linear).
    public var image: Image
    /// Output pixel → input photo pixel.
    public var transform: SimilarityTransform
}

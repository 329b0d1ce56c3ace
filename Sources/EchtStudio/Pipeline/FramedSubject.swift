import EchtImaging
import EchtVision

/// The look-independent first stage of a render: the framing, the person's matte and colours
/// rendered through it, the face masks and the edge cleanup. It depends on the look only through
/// `look.framing`, so looks that share a framing style share one `FramedSubject`, and so do
/// the looks of styles whose frames the photo made the same (`Framing.isSameFrame`).
public struct FramedSubject: Sendable {
    /// The framing style this was made for (or serves: `serving`).
    public private(set) var style: FramingStyle
    /// The crop-rotate-scale that maps the photo to the output.
    public private(set) var framing: Framing
    /// The cleaned person matte at output size.
    let alpha: Image
    /// The person's colours after edge cleanup (what the looks start from).
    let foreground: Image
    /// The mesh in output pixels.
    let mesh: FaceLandmarks
    /// Skin, eyes, mouth and face masks at output size.
    let masks: FaceMasks
    /// Width of the face oval in output pixels.
    let faceWidth: Float
    /// The input's side of the honesty measures, shared by the looks.
    let honesty: HonestyReference
    /// The skin's exposure and white balance, measured on `foreground` against `neutral` (what
    /// every look with `autoBalance` applies), shared by the looks.
    let balance: SkinBalance
    /// The composite's blur of `alpha` for its light wrap (`Composite.softAlpha`), shared by the looks.
    let softAlpha: ReducedImage
    /// The mean linear colour of a plain near-neutral background in the frame, if any (`NeutralReference`).
    let neutral: SIMD3<Float>?
    /// The photo through the frame at 1/factor size, by factor, for the defocused backdrops of
    /// the looks it was made for (`addingSurroundings`); a look finds what is missing here in the photo.
    var surroundings: [Int: FramedPhoto] = [:]
    /// The painted canvas's mottle for this frame, shared by the canvas looks it was made for
    /// (`addingCanvasNoise`); a look without it samples its own (the same values).
    var canvasNoise: CanvasNoise?
    /// Further styles whose frame came out the same as this one's: their looks render from this
    /// subject too (`serving`), so what it adds for looks (`addingSurroundings`) is for theirs as well.
    var sameFrameStyles: [FramingStyle] = []

    /// Whether looks of `style` render from this subject.
    func serves(_ style: FramingStyle) -> Bool { style == self.style || sameFrameStyles.contains(style) }

    /// This subject as the one of `other`, a style it serves (`sameFrameStyles`): the same
    /// pixels, its looks' notes saying whose frame they have when the fits differ.
    func serving(_ other: FramingStyle) -> FramedSubject {
        precondition(serves(other), "the subject does not serve this framing style")
        guard other != style else { return self }
        var out = self
        if other.fit != style.fit {
            out.framing.notes.append("The photo's edges leave the \(other.fit.rawValue) fit the same frame as the \(style.fit.rawValue) one.")
        }
        out.style = other
        return out
    }

    /// This subject serving `styles` besides its own (see `sameFrameStyles`).
    func sharing(_ styles: [FramingStyle]) -> FramedSubject {
        var out = self
        out.sameFrameStyles = styles.filter { $0 != style }
        return out
    }
}

import EchtImaging

/// What a photo of a kind makes of the looks asked for.
extension StudioSession {
    /// What a black-and-white photo makes of the looks: each in grey (`Grade.monochrome`: its
    /// backdrop, surroundings and grade), as a photographer delivers such a shoot, instead of a
    /// grey person on a blue-grey or warm backdrop. Colour photos keep the looks as they are.
    static func looks(_ looks: [Look], for photo: Image) -> (looks: [Look], note: String?) {
        guard looks.contains(where: { !$0.grade.monochrome }), photo.isBlackAndWhite() else { return (looks, nil) }
        let grey = looks.map { look in
            var look = look
            look.grade.monochrome = true
            return look
        }
        return (grey, "The photo is black and white, so the headshot is too: the look's backdrop and colour in grey.")
    }

    /// The studio canvas behind a cut-out in a look that would blur the photo's surroundings: a
    /// cut-out has none (its transparent part reads as flat grey), so a warm, softly mottled
    /// canvas stands in for them.
    static let cutOutSurroundings = BackdropStyle(kind: .canvas, colour: RGBColour(hex: 0xB8AEA2), mottle: 0.4, vignette: 0.3, glow: 0.2)

    /// What a cut-out whose transparency is the person's matte makes of the looks: those that
    /// blur the photo's surroundings get `cutOutSurroundings`, and a note names them.
    static func looks(_ looks: [Look], forCutOut isCutOut: Bool) -> (looks: [Look], note: String?) {
        let blurring = looks.filter { $0.backdrop.kind == .defocus }.map(\.name)
        guard isCutOut, !blurring.isEmpty else { return (looks, nil) }
        let adjusted = looks.map { look in
            guard look.backdrop.kind == .defocus else { return look }
            var look = look
            look.backdrop = cutOutSurroundings
            return look
        }
        let names = blurring.count == 1 ? "the \(blurring[0]) look shows"
            : "the \(blurring.dropLast().joined(separator: ", ")) and \(blurring.last!) looks show"
        return (adjusted, "A cut-out has no surroundings of its own to keep or blur, so \(names) a warm studio canvas instead.")
    }
}

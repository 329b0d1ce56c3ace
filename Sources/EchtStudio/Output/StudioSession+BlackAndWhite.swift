import EchtImaging

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
}

import Testing
@testable import EchtStudio

/// The backdrop action of the Content Credentials says what was done to the photo's own
/// background: blurred or kept sharp, and where it was filled.
@Suite struct EditRecordTests {
    static func backdropDescription(blur: Float, pastEdge: Bool) -> String {
        var look = Look.builtIn["relaxed"]!
        look.backdrop.blur = blur
        let framing = Framing(transform: .identity, width: 80, height: 100, extendsPastPhoto: pastEdge)
        let actions = EditRecord.actions(look: look, framing: framing, balance: .neutral, source: "me.jpg", generatedShare: 0.1)
        return actions.first { $0.action == "c2pa.edited" }?.description ?? ""
    }

    @Test func aBlurredBackgroundInsideThePhoto() {
        let text = Self.backdropDescription(blur: 0.035, pastEdge: false)
        #expect(text.contains("defocused with a lens-like blur") && text.contains("where the person hid it;"), "\(text)")
    }

    @Test func aSharpBackgroundPastThePhotosEdge() {
        let text = Self.backdropDescription(blur: 0, pastEdge: true)
        #expect(text.contains("kept sharp") && !text.contains("blur") && text.contains("and past the photo's edge"), "\(text)")
    }
}

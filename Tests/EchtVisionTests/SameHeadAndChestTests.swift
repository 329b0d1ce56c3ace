import Testing
@testable import EchtVision

/// The rules that drop a confirmed face which is not a person of its own: a second fit of a
/// head already found, and a face-like pattern (a shirt button) on a larger face's chest.
struct SameHeadAndChestTests {
    let rules = PortraitAnalyzer.Options()

    /// A detection of `side` px centred at (x, y), eyes level unless `eyeDirection` says otherwise.
    func face(_ x: Float, _ y: Float, side: Float, eyeDirection: SIMD2<Float> = [1, 0]) -> FaceDetection {
        let centre = SIMD2(x, y), half = eyeDirection * side / 6
        return FaceDetection(box: PixelRect(minX: x - side / 2, minY: y - side / 2, maxX: x + side / 2, maxY: y + side / 2),
                             keypoints: [centre - half, centre + half, centre, centre, centre, centre], score: 0.9)
    }

    @Test func aSmallFaceOnALargeFacesChestIsNotAPerson() {
        let person = face(500, 300, side: 300)
        // The elderly portrait's button: 16 px, 1.96 face heights below, on the centre line.
        #expect(rules.liesOnChestOfLargerFace(face(505, 888, side: 16), among: [person]))
        // Above the head, beside the shoulders or below the chest: someone else may be there.
        #expect(!rules.liesOnChestOfLargerFace(face(505, 60, side: 16), among: [person]))
        #expect(!rules.liesOnChestOfLargerFace(face(800, 700, side: 16), among: [person]))
        #expect(!rules.liesOnChestOfLargerFace(face(500, 1600, side: 16), among: [person]))
        // A child held at the chest is a face of comparable size.
        #expect(!rules.liesOnChestOfLargerFace(face(500, 700, side: 120), among: [person]))
    }

    @Test func theChestFollowsTheFacesRoll() {
        // A person lying on their left side: the eye line runs down the image, the chest is to
        // the image's left.
        let lying = face(600, 400, side: 300, eyeDirection: [0, 1])
        #expect(rules.liesOnChestOfLargerFace(face(30, 400, side: 16), among: [lying]))
        #expect(!rules.liesOnChestOfLargerFace(face(600, 990, side: 16), among: [lying]))
    }

    @Test func aSecondFitOfAHeadIsNotASecondFace() {
        // The office's man looking down: his face and a box on his forehead sharing 31 %.
        let found = face(682, 153, side: 109).box
        #expect(rules.duplicatesLargerFace(face(730, 103, side: 97).box, among: [found]))
        // Neighbours whose boxes touch share a few per cent at most.
        #expect(!rules.duplicatesLargerFace(face(785, 153, side: 100).box, among: [found]))
        #expect(!rules.duplicatesLargerFace(face(730, 103, side: 97).box, among: []))
    }
}

import EchtImaging
import EchtVision
import Testing
@testable import EchtStudio

/// A verifier that cannot run at all (a missing model), on the input and on outputs alike.
struct FailingVerifier: FaceVerifier {
    struct Unavailable: Error, CustomStringConvertible { var description: String { "no landmark model" } }
    func landmarks(in image: Image, expected: FaceLandmarks) throws -> FaceLandmarks? { throw Unavailable() }
}

/// The landmark check run apart from its render (`StudioSession` writes a look's files while it
/// runs) gives the render's own result: the same figures, and its notes in the same place.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct LandmarkCheckTests {
    @Test func theCheckRunApartGivesTheRendersResult() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], look = Look.builtIn["professional"]!
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing, sourceName: "astronaut")
        let verifier = ShiftedVerifier(inputWidth: image.width, inputHeight: image.height, shift: SIMD2(2, 0))
        let options = StudioOptions(verifier: verifier)
        let whole = try StudioPipeline.render(image: image, framed: framed, face: face, look: look, options: options)
        let (unchecked, check) = try StudioPipeline.renderUnchecked(photo: { image }, framed: framed, face: face, look: look, options: options)
        #expect(unchecked.honesty.landmarkErrorMean == nil, "the check has not run yet")
        let check1 = try #require(check)
        let apart = check1.applied(check1.run(verifier: verifier), to: unchecked)
        #expect(apart.headshot == whole.headshot)
        #expect(apart.honesty == whole.honesty)
        #expect(apart.notes == whole.notes)
        #expect(whole.honesty.landmarkErrorMean! > 1, "a shift of 2 input pixels is measured")
    }

    @Test func aCheckThatCannotRunIsNotedAfterTheFramingsNotes() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], look = Look.builtIn["professional"]!
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing, sourceName: "astronaut")
        // The 512² photo is too small for the print size: its note comes after the check's.
        let result = try StudioPipeline.render(image: image, framed: framed, face: face, look: look,
                                               options: StudioOptions(verifier: FailingVerifier()))
        #expect(result.honesty.landmarkErrorMean == nil)
        let index = try #require(result.notes.firstIndex { $0.hasPrefix("The landmark check could not run") })
        #expect(index == framed.framing.notes.count, "\(result.notes)")
        #expect(result.notes.count > index + 1, "a preset size's note follows: \(result.notes)")
        #expect(try StudioPipeline.render(image: image, framed: framed, face: face, look: look).notes.count == result.notes.count - 1)
    }
}

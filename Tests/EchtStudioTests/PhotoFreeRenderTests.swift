import EchtImaging
import EchtVision
import Testing
@testable import EchtStudio

/// `StudioSession` lets the photo go after the framings: each framing makes the reduced
/// surroundings its defocused looks blur (`FramedSubject.addingSurroundings`), and a render
/// then reads the photo no more. The headshots must be those rendered from the photo.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct PhotoFreeRenderTests {
    /// A photo that may not be read.
    static func noPhoto() throws(StudioError) -> Image {
        throw .imaging("the photo was read")
    }

    /// The relaxed look, and one blurred enough that its surroundings are made reduced (as the
    /// relaxed look's are on a large photo; the astronaut's frame is small).
    static let defocused: [(look: Look, reduced: Bool)] = {
        var strong = Look.builtIn["relaxed"]!
        strong.backdrop.blur = 0.12
        return [(Look.builtIn["relaxed"]!, false), (strong, true)]
    }()

    @Test("a defocused look renders from the surroundings made at framing exactly as from the photo", arguments: [0, 1])
    func surroundingsMadeAheadRenderTheSame(_ index: Int) throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], look = Self.defocused[index].look
        #expect(look.backdrop.kind == .defocus)
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing)
        let fromPhoto = try StudioPipeline.render(image: image, framed: framed, face: face, look: look)
        let ahead = framed.addingSurroundings(for: [look, Look.builtIn["professional"]!, Look.builtIn["artistic"]!], from: image)
        let factor = StudioPipeline.defocusFactor(blur: look.backdrop.blur, height: framed.framing.height)
        #expect((factor > 1) == Self.defocused[index].reduced)
        #expect(Array(ahead.surroundings.keys) == [factor], "one source, for the one defocused look of this framing")
        let photoFree = try StudioPipeline.render(photo: Self.noPhoto, framed: ahead, face: face, look: look, options: .init())
        #expect(photoFree.headshot == fromPhoto.headshot)
        #expect(photoFree.cutoutLayers.person == fromPhoto.cutoutLayers.person)
        #expect(photoFree.honesty == fromPhoto.honesty)
    }

    @Test("without surroundings made ahead, a defocused look reads the photo; a painted one never does")
    func readsThePhotoOnlyWhereItMust() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], relaxed = Look.builtIn["relaxed"]!, professional = Look.builtIn["professional"]!
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: relaxed.framing)
        #expect(throws: StudioError.imaging("the photo was read")) {
            try StudioPipeline.render(photo: Self.noPhoto, framed: framed, face: face, look: relaxed, options: .init())
        }
        let painted = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: professional.framing)
        let fromPhoto = try StudioPipeline.render(image: image, framed: painted, face: face, look: professional)
        let photoFree = try StudioPipeline.render(photo: Self.noPhoto, framed: painted, face: face, look: professional, options: .init())
        #expect(photoFree.headshot == fromPhoto.headshot)
    }

    @Test("canvas looks render the same from the framing's shared canvas noise", arguments: ["professional", "artistic"])
    func sharedCanvasNoiseRendersTheSame(_ name: String) throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], look = Look.builtIn[name]!
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing)
        #expect(framed.canvasNoise == nil)
        #expect(framed.addingCanvasNoise(for: [Look.builtIn["relaxed"]!]).canvasNoise == nil, "no canvas look, no noise")
        let shared = framed.addingCanvasNoise(for: [look, Look.builtIn["relaxed"]!])
        #expect(shared.canvasNoise != nil)
        let own = try StudioPipeline.render(image: image, framed: framed, face: face, look: look)
        let fromShared = try StudioPipeline.render(image: image, framed: shared, face: face, look: look)
        #expect(fromShared.headshot == own.headshot)
        #expect(fromShared.cutoutLayers.person == own.cutoutLayers.person)
    }
}

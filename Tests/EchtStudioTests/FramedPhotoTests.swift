import EchtImaging
import Testing
@testable import EchtStudio

@Suite struct FramedPhotoTests {
    let photo = Image(width: 80, height: 60, filledWith: [0.2, 0.4, 0.6])

    @Test func aFrameInsideThePhotoHasNoMask() {
        let t = SimilarityTransform(scale: 1, angle: 0, translationX: 10, translationY: 5)
        let framed = FramedPhoto(photo, transform: t, width: 40, height: 50, factor: 2)
        #expect(framed.image.width == 20 && framed.image.height == 25)
        #expect(framed.inside == nil)
    }

    @Test func aFramePastThePhotosTopMarksTheRowsAbove() throws {
        // The frame starts 12 source pixels above the photo: at factor 2, the first 6 rows are past it.
        let t = SimilarityTransform(scale: 1, angle: 0, translationX: 10, translationY: -12)
        let framed = FramedPhoto(photo, transform: t, width: 40, height: 50, factor: 2)
        let inside = try #require(framed.inside)
        #expect((0..<6).allSatisfy { y in (0..<20).allSatisfy { inside[$0, y, 0] == 0 } })
        #expect((6..<25).allSatisfy { y in (0..<20).allSatisfy { inside[$0, y, 0] == 1 } })
    }
}

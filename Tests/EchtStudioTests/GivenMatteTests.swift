import EchtImaging
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// A photo with its own transparency (a cut-out) brings its matte: alpha and colours as given,
/// the photo read flattened over grey; an opaque alpha channel is a plain photo's.
@Suite struct GivenMatteTests {
    /// 10×10 RGBA: the left `transparentColumns` columns fully transparent (red underneath),
    /// the rest opaque blue but for pixel (9, 9), half covered.
    func photo(transparentColumns: Int) -> Image {
        var image = Image(width: 10, height: 10, filledWith: [0, 0, 1, 1])
        for y in 0..<10 { for x in 0..<transparentColumns { image[x, y, 0] = 1; image[x, y, 2] = 0; image[x, y, 3] = 0 } }
        image[9, 9, 3] = 0.5
        return image
    }

    @Test func aCutOutsAlphaIsTheMatteAndThePhotoIsFlattenedOverGrey() throws {
        let given = try #require(GivenMatte.from(photo(transparentColumns: 3)))
        #expect(given.matte.alpha.channels == 1 && given.matte.alpha[0, 0, 0] == 0 && given.matte.alpha[5, 5, 0] == 1 && given.matte.alpha[9, 9, 0] == 0.5)
        // The colours are the photo's own, also where it is transparent (never seen there).
        #expect(given.matte.foreground[0, 0, 0] == 1 && given.matte.foreground[9, 9, 2] == 1)
        #expect(given.flattened.channels == 3)
        #expect(given.flattened[0, 0, 0] == GivenMatte.grey && given.flattened[0, 0, 1] == GivenMatte.grey)
        #expect(given.flattened[5, 5, 2] == 1 && given.flattened[5, 5, 0] == 0)
        #expect(abs(given.flattened[9, 9, 2] - (0.5 + 0.5 * GivenMatte.grey)) < 1e-6 && abs(given.flattened[9, 9, 0] - 0.5 * GivenMatte.grey) < 1e-6)
        let turned = given.quarterTurned(clockwise: 1)
        #expect(turned.matte.alpha == given.matte.alpha.quarterTurned(clockwise: 1) && turned.flattened == given.flattened.quarterTurned(clockwise: 1))
    }

    /// The photo's alpha is the matte when the model's matte agrees that its opaque part is the
    /// person (a cut-out); when the model sees background in more than a tenth of it (a round or
    /// framed picture), the model's matte stays.
    @Test func theAlphaIsTheMatteOnlyWhereTheModelAgrees() throws {
        let given = try #require(GivenMatte.from(photo(transparentColumns: 5)))
        let face = Face(detection: FaceDetection(box: PixelRect(minX: 6, minY: 2, maxX: 9, maxY: 5), keypoints: [], score: 0.9))
        func model(personColumns: Int) -> StudioAnalysis {
            var alpha = Image(width: 10, height: 10, filledWith: [0])
            for y in 0..<10 { for x in 0..<10 where x >= 10 - personColumns { alpha[x, y, 0] = 0.8 } }
            return StudioAnalysis(faces: [face], mattes: [PersonMatte(alpha: alpha, foreground: Image(width: 10, height: 10, filledWith: [0.5, 0.5, 0.5]))])
        }
        // The model's person covers the five opaque columns: the cut-out's own alpha and colours.
        let agreeing = given.resolving(model(personColumns: 5))
        #expect(agreeing.mattes == [given.matte] && given.note(for: agreeing) == GivenMatte.matteNote)
        // A model's person wider than the opaque part agrees too: that part is all person.
        #expect(given.resolving(model(personColumns: 7)).mattes == [given.matte])
        // The model's person is two of the five opaque columns: the model's matte as it is.
        let framed = given.resolving(model(personColumns: 2))
        #expect(framed == model(personColumns: 2) && given.note(for: framed) == GivenMatte.insideNote)
    }

    @Test func aPhotoWithoutRealTransparencyBringsNoMatte() {
        #expect(GivenMatte.from(Image(width: 10, height: 10, filledWith: [0.2, 0.3, 0.4])) == nil)
        // One transparent pixel in a hundred is below the 2 % a cut-out has.
        var nearlyOpaque = Image(width: 10, height: 10, filledWith: [0.2, 0.3, 0.4, 1])
        nearlyOpaque[0, 0, 3] = 0
        #expect(GivenMatte.from(nearlyOpaque) == nil)
        #expect(GivenMatte.from(photo(transparentColumns: 1)) != nil)
    }
}

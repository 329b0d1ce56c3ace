import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// The old background must not come along onto a new backdrop: real portraits composited over
/// charcoal, measured just outside the person's outline.
struct MatteHaloTests {
    /// The official portrait: a bright window behind short grey hair. The selfie mask runs a few
    /// pixels past the hair, and the old refinement kept a patch of window there at alpha 1, a
    /// bright haze on top of the head over charcoal. Counted: pixels brighter than 0.3 (linear
    /// luminance) above the face box less 35 % of its height, within its columns: 278 with the
    /// background-likeness cap off (the patch plus hair highlights), 92 with it (hair highlights).
    @Test(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil, "needs ../shared/photos/dev and the models"))
    func officialPortraitShowsNoWindowAboveTheHair() throws {
        let url = Fixtures.devPhotos!.appendingPathComponent("portrait-official-studio-obama-01.jpg")
        let photo = try ImageFile.decode(contentsOf: url).image
        let analysis = try VisionModels.analyzer!.analyse(photo, matte: true)
        let matte = try #require(analysis.matte)
        let face = try #require(analysis.faces.first).face.detection.box
        let charcoal = SIMD3<Float>(0.042, 0.044, 0.047), luma = SIMD3<Float>(0.2126, 0.7152, 0.0722)
        let w = photo.width, bottom = Int(face.minY - 0.35 * (face.maxY - face.minY))
        #expect(bottom > 20, "face box \(face) leaves no room above the head")
        var bright = 0
        for y in 0..<max(bottom, 0) {
            for x in max(Int(face.minX), 0)..<min(Int(face.maxX), w) {
                let i = y * w + x, a = matte.alpha.pixels[i]
                let f = SIMD3(matte.foreground.pixels[i * 3], matte.foreground.pixels[i * 3 + 1], matte.foreground.pixels[i * 3 + 2])
                if ((f * a + charcoal * (1 - a)) * luma).sum() > 0.3 { bright += 1 }
            }
        }
        #expect(bright < 150, "\(bright) bright pixels above the hair over charcoal")
    }
}

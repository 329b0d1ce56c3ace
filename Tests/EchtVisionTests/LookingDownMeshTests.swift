import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// A head looking down 30–50° (the standing man in the office group): the short-range box is
/// 204 px and its eye keypoints lie on his forehead, so MediaPipe's own ROI turns the mesh crop
/// 24° and the mesh lands on the forehead (presence 0.68 here, 0.77 in the LiteRT reference;
/// its own re-crop drops to 0.06). The other boxes of the face fit with presence ≥ 0.98.
@Suite(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil,
                "needs ../shared/photos/dev, the models and a working interpreter"))
struct LookingDownMeshTests {
    /// Iris centres of the LiteRT reference (`scripts/vision/reference_vision.py` pre/post-processing)
    /// on this face, the photo converted from its Adobe RGB profile to sRGB as EchtImaging does:
    /// the tile box's mesh, or six passes from the full-range box, agree within 0.3 px.
    static let referenceIrises: [SIMD2<Float>] = [SIMD2(656.2, 146.3), SIMD2(712.8, 142.7)]

    @Test func theMeshOfAHeadLookingDownLandsOnTheFace() throws {
        let url = Fixtures.devPhotos!.appendingPathComponent("group-5faces-office-01.jpg")
        let analysis = try VisionModels.analyzer!.analyse(try ImageFile.decode(contentsOf: url).image, matte: false)
        let inside = { (b: PixelRect) in b.minX < 683 && b.maxX > 683 && b.minY < 150 && b.maxY > 150 }
        let face = try #require(analysis.faces.first { inside($0.face.detection.box) }, "the man looking down was not found")
        let landmarks = try #require(face.face.landmarks)
        #expect(landmarks.presence >= 0.9, "presence \(landmarks.presence)")
        let irises = [landmarks.rightIris?.center, landmarks.leftIris?.center]
        for (found, expected) in zip(irises, Self.referenceIrises) {
            let iris = try #require(found, "iris not refined")
            let d = ((iris - expected) * (iris - expected)).sum().squareRoot()
            #expect(d <= 3, "iris at \(iris), \(d) px from the reference's \(expected)")
        }
    }
}

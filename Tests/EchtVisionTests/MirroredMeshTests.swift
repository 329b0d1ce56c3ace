import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// The mesh on flipped crops (`FaceMesh.run(…, mirrored:)`, `MeshMirror`) and the mirrored
/// retry that keeps a hard face when the photo is mirrored.
struct MirroredMeshTests {
    /// The counterpart table pairs the outlines `MeshIndex` names, swaps each pair both ways
    /// and keeps the midline points.
    @Test func counterpartsPairTheOutlines() {
        let c = MeshMirror.counterpart
        #expect((0..<468).allSatisfy { c[c[$0]] == $0 })
        #expect((0..<468).filter { c[$0] == $0 }.count == 28)
        for (left, right) in [(MeshIndex.imageLeftEye, MeshIndex.imageRightEye), (MeshIndex.imageLeftBrow, MeshIndex.imageRightBrow)] {
            #expect(left.map { c[$0] } == right)
        }
        let lips = MeshIndex.outerLips, oval = MeshIndex.faceOval   // 61 ↔ 291 at 0 ↔ 10; 10 at the top of the oval
        #expect(lips.indices.allSatisfy { c[lips[$0]] == lips[(10 - $0 + 20) % 20] })
        #expect(oval.indices.allSatisfy { c[oval[$0]] == oval[(oval.count - $0) % oval.count] })
        for i in [MeshIndex.noseTip, MeshIndex.chin, MeshIndex.foreheadTop, MeshIndex.upperLipTop] { #expect(c[i] == i) }
    }

    /// On a frontal face the fit on the flipped crop, put back, is the fit on the crop: the
    /// mapping back (column 191 − x, counterpart order) is right. Measured 1.3 px mean on the
    /// 107 px astronaut face (1.2%; the model is not exactly mirror-symmetric); a wrong
    /// counterpart table or an unflipped x gives tens of pixels.
    @Test(.enabled(if: VisionModels.available, "needs the models")) func flippedCropGivesTheSameFit() throws {
        let analyzer = VisionModels.analyzer!
        let image = try ModelGolden.astronaut()
        let face = try #require(try analyzer.faces(in: image).first?.landmarks)
        let region = FaceMesh.region(for: face.points)
        let plain = try analyzer.mesh.run(in: image, region: region), flipped = try analyzer.mesh.run(in: image, region: region, mirrored: true)
        #expect(plain.presence > 0.99 && flipped.presence > 0.99)
        let mean = Self.meanDistance(plain.points, flipped.points)
        #expect(mean < 2, "mean distance \(mean) px")
    }

    /// Issue #4's invariance on a hard face: the backlit head-turn portrait (hair across the
    /// face, head turned 45°) mirrored gave no face (mesh presence 0.29 at most on its boxes);
    /// it must give one whose landmarks, put back, lie on the original's. The mirrored photo's
    /// detector box differs (side 148 against 175 px, rotation 12° off), and on this face the
    /// fit follows the crop (each re-crop moves it 1–3.5 px), so the bound is 4% of the face
    /// side (measured 5.9 px on 174 px, 3.4%; frontal faces mirrored: 0.75–1.1%).
    @Test(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil,
                   "needs ../shared/photos/dev, the models and a working interpreter"))
    func mirroredBacklitPortraitKeepsItsFace() throws {
        let analyzer = VisionModels.analyzer!
        let url = Fixtures.devPhotos!.appendingPathComponent("portrait-backlit-golden-hour-head-turn-01.png")
        let image = try ImageFile.decode(contentsOf: url).image
        let faces = try analyzer.faces(in: image), mirroredFaces = try analyzer.faces(in: TestImages.mirrored(image))
        #expect(faces.count == 1)
        #expect(mirroredFaces.count == 1, "mirrored: \(mirroredFaces.count) faces")
        let a = try #require(faces.first?.landmarks), m = try #require(mirroredFaces.first?.landmarks)
        let w = Float(image.width)
        let back = (0..<468).map { i in
            let p = m.points[MeshMirror.counterpart[i]]
            return SIMD3(w - p.x, p.y, p.z)
        }
        let bounds = PortraitAnalyzer.bounds(of: a)
        let mean = Self.meanDistance(a.points, back), side = max(bounds.width, bounds.height)
        #expect(mean < 0.04 * side, "mean distance \(mean) px, face side \(side) px")
    }

    static func meanDistance(_ a: [SIMD3<Float>], _ b: [SIMD3<Float>]) -> Float {
        zip(a, b).map { simdLength(SIMD2($0.x - $1.x, $0.y - $1.y)) }.reduce(0, +) / Float(a.count)
    }
}

import EchtImaging
import EchtInference
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// Whether the models are installed and the interpreter can run them.
enum VisionModels {
    static let analyzer: PortraitAnalyzer? = {
        guard let analyzer = try? PortraitAnalyzer(modelsDirectory: Fixtures.modelsDirectory) else { return nil }
        return analyzer
    }()

    static var available: Bool { analyzer != nil && ModelGolden.available }
}

/// The Swift pipeline against the LiteRT reference (`Golden/*.json`): boxes within 2 px,
/// landmarks within 1 px mean, coarse mask within 1e-3.
@Suite(.enabled(if: VisionModels.available, "needs the models in ~/.cache/echt/models (or ECHT_MODELS), a working interpreter and the golden astronaut"))
struct EndToEndTests {
    static let variants: [(String, @Sendable (Image) -> Image)] = [
        ("astronaut", { $0 }), ("astronaut_mirrored", TestImages.mirrored), ("astronaut_half", TestImages.halved),
    ]

    @Test(arguments: 0..<3)
    func matchesReference(variant: Int) throws {
        let (name, transform) = Self.variants[variant]
        let golden = try VisionGolden.load(name)
        let image = transform(try ModelGolden.astronaut())
        let analysis = try VisionModels.analyzer!.analyse(image, matte: false)
        #expect(analysis.faces.count == golden.faces.count)
        for (face, ref) in zip(analysis.faces, golden.faces) {
            let b = face.face.detection.box
            #expect(maxAbsDifference([b.minX, b.minY, b.maxX, b.maxY], ref.box) <= 2, "\(name) box \(b) vs \(ref.box)")
            let points = try #require(face.face.landmarks).points
            let mean = zip(points, ref.points).map { simdLength(SIMD2($0.x - $1.x, $0.y - $1.y)) }.reduce(0, +) / 468
            #expect(mean <= 1, "\(name) mean landmark distance \(mean) px")
            let iris = try #require(face.face.landmarks?.rightIris)
            #expect(simdLength(iris.center - SIMD2(ref.iris_centres[0][0], ref.iris_centres[0][1])) <= 1)
        }
    }

    @Test func coarseMaskMatchesReference() throws {
        let golden = try VisionGolden.load("astronaut")
        let mask = try VisionModels.analyzer!.segmenter.coarseMask(for: try ModelGolden.astronaut())
        #expect(abs(mask.pixels.reduce(0, +) / Float(mask.pixels.count) - golden.mask_mean) <= 1e-3)
        var worst: Float = 0
        for (row, samples) in golden.mask_samples_stride16.enumerated() {
            for (col, value) in samples.enumerated() { worst = max(worst, abs(mask[8 + 16 * col, 8 + 16 * row, 0] - value)) }
        }
        #expect(worst <= 1e-3)
    }

    @Test func mirroredImageGivesMirroredLandmarks() throws {
        let image = try ModelGolden.astronaut()
        let a = try #require(try VisionModels.analyzer!.analyse(image, matte: false).faces.first?.face.landmarks)
        let m = try #require(try VisionModels.analyzer!.analyse(TestImages.mirrored(image), matte: false).faces.first?.face.landmarks)
        // The nose tip and chin lie on the symmetry axis: their mirror images must coincide.
        for i in [MeshIndex.noseTip, MeshIndex.chin, MeshIndex.upperLipTop] {
            #expect(abs((512 - m.points[i].x) - a.points[i].x) < 2 && abs(m.points[i].y - a.points[i].y) < 2, "landmark \(i)")
        }
        #expect(abs((512 - m.leftIris!.center.x) - a.rightIris!.center.x) < 1.5)
    }

    @Test func halfSizeImageGivesHalfLandmarks() throws {
        let image = try ModelGolden.astronaut()
        let a = try #require(try VisionModels.analyzer!.analyse(image, matte: false).faces.first?.face.landmarks)
        let h = try #require(try VisionModels.analyzer!.analyse(TestImages.halved(image), matte: false).faces.first?.face.landmarks)
        let mean = zip(a.points, h.points).map { simdLength(SIMD2($0.x / 2 - $1.x, $0.y / 2 - $1.y)) }.reduce(0, +) / 468
        #expect(mean < 0.75, "mean distance \(mean) px at half scale")
    }

    @Test func blankImageIsNoFaceFound() throws {
        let analysis = try VisionModels.analyzer!.analyse(Image(width: 320, height: 240, filledWith: [0.2, 0.2, 0.2]), matte: false)
        #expect(analysis.noFaceFound)
    }
}

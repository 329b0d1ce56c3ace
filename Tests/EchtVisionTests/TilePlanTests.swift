import EchtInference
import Foundation
import Testing
@testable import EchtVision

/// The tile search plan, the edge rule for cut faces and the dim-input normalisation.
struct TilePlanTests {
    static func plan(_ w: Int, _ h: Int) -> TilePlan {
        FaceDetector.tilePlan(width: w, height: h, options: FaceDetector.Options())
    }

    /// Every face small enough for a level (up to the overlap) lies whole inside one of its tiles.
    @Test(arguments: [(1024, 624), (640, 480), (4480, 2730), (3000, 4000)])
    func everySmallFaceFitsInATile(size: (Int, Int)) {
        let (w, h) = size
        let tiles = Self.plan(w, h).tiles
        #expect(!tiles.isEmpty)
        for side in Set(tiles.map(\.width)) {
            let level = tiles.filter { $0.width == side }
            let face = side * FaceDetector.Options().tileOverlap
            var y = 0.0
            while y + face <= Double(h) {
                var x = 0.0
                while x + face <= Double(w) {
                    let inside = level.contains { t in
                        x >= t.center.x - side / 2 - 1e-9 && x + face <= t.center.x + side / 2 + 1e-9
                            && y >= t.center.y - side / 2 - 1e-9 && y + face <= t.center.y + side / 2 + 1e-9
                    }
                    #expect(inside, "face at \(x),\(y) side \(face) in no tile of side \(side)")
                    x += face / 3
                }
                y += face / 3
            }
        }
    }

    /// The finest level resolves the smallest face asked for; small images are not tiled.
    @Test func levelsStopAtTheSmallestFace() {
        let options = FaceDetector.Options()
        for (w, h) in [(1024, 624), (4480, 2730), (640, 480)] {
            let finest = Self.plan(w, h).tiles.map(\.width).min()!
            let smallestFace = max(options.smallestFacePixels, options.smallestFaceFraction * Double(max(w, h)))
            #expect(finest / 192 * options.smallestTensorFace <= smallestFace * 1.25, "\(w)x\(h): finest tile \(finest)")
        }
        #expect(Self.plan(200, 200).tiles.isEmpty)
        #expect(Self.plan(115, 115).tiles.isEmpty)
    }

    @Test func boxesAtInnerTileEdgesAreCut() {
        let tile = RotatedRect(center: SIMD2(300, 300), side: 200)   // spans 200...400 in a 1000² image
        let inner = PixelRect(minX: 201, minY: 290, maxX: 230, maxY: 320)
        let middle = PixelRect(minX: 280, minY: 280, maxX: 320, maxY: 320)
        #expect(FaceDetector.touchesInnerEdge(inner, of: tile, width: 1000, height: 1000))
        #expect(!FaceDetector.touchesInnerEdge(middle, of: tile, width: 1000, height: 1000))
        let corner = RotatedRect(center: SIMD2(100, 100), side: 200)   // touches the image's own edges
        #expect(!FaceDetector.touchesInnerEdge(PixelRect(minX: 0, minY: 0, maxX: 30, maxY: 30), of: corner, width: 1000, height: 1000))
    }

    /// Cross-tile weighted NMS blends two hits of one face by score and keeps separate faces.
    @Test func crossTileNMSBlendsOneFace() {
        let kp = [SIMD2<Float>](repeating: .zero, count: 6)
        let a = FaceDetection(box: PixelRect(minX: 100, minY: 100, maxX: 140, maxY: 140), keypoints: kp, score: 0.9)
        let b = FaceDetection(box: PixelRect(minX: 104, minY: 100, maxX: 144, maxY: 140), keypoints: kp, score: 0.6)
        let c = FaceDetection(box: PixelRect(minX: 300, minY: 100, maxX: 340, maxY: 140), keypoints: kp, score: 0.7)
        let merged = FaceDetector.weightedNonMaxSuppression([b, c, a])
        #expect(merged.count == 2)
        #expect(abs(merged[0].box.minX - (100 * 0.9 + 104 * 0.6) / 1.5) < 1e-3 && merged[0].score == 0.9)
    }

    /// Clusters keep the boxes they blend, and a tile face on a kept face becomes its alternative.
    @Test func candidatesKeepTheirAlternatives() {
        let kp = [SIMD2<Float>](repeating: .zero, count: 6)
        let a = FaceDetection(box: PixelRect(minX: 100, minY: 100, maxX: 140, maxY: 140), keypoints: kp, score: 0.9)
        let b = FaceDetection(box: PixelRect(minX: 104, minY: 100, maxX: 144, maxY: 140), keypoints: kp, score: 0.6)
        let c = FaceDetection(box: PixelRect(minX: 300, minY: 100, maxX: 340, maxY: 140), keypoints: kp, score: 0.7)
        let clusters = FaceCandidate.clusters([b, c, a])
        #expect(clusters.map(\.alternatives) == [[a, b], [c]])
        let kept = FaceCandidate(detection: FaceDetection(box: PixelRect(minX: 98, minY: 98, maxX: 146, maxY: 146), keypoints: kp, score: 0.95))
        let merged = FaceDetector.mergeTiles(kept: [kept], tiles: clusters, overlap: 0.5)
        #expect(merged.count == 2 && merged[0].detection == kept.detection)
        #expect(merged[0].alternatives == [clusters[0].detection, a, b])
    }

    /// A dim tensor is stretched and brightened monotonically; a well-exposed one is left alone.
    @Test func dimInputIsBrightenedOnlyWhenDim() throws {
        let dim = (0..<3000).map { i in pow(Float(i % 100) / 100, 2) * 0.5 - 1 }   // 0...0.25 on the unit scale, mostly dark
        let out = try #require(DimInput.normalised(Tensor(shape: [1, 1000, 1, 3], values: dim)))
        let unit = out.values.map { ($0 + 1) / 2 }.sorted()
        #expect(abs(unit[unit.count / 2] - DimInput.targetMedian) < 0.02)
        let pairs = zip(dim, out.values).sorted { $0.0 < $1.0 }
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0.1 <= $1.1 })
        let bright = (0..<3000).map { i in Float(i % 100) / 100 * 2 - 1 }
        #expect(DimInput.normalised(Tensor(shape: [1, 1000, 1, 3], values: bright)) == nil)
    }
}

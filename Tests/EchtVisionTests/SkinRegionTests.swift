import Testing
@testable import EchtVision

/// `SkinRegion` finds its samples row by row; these are the samples of the per-point even-odd
/// test (`SkinRegion.contains` on the oval and each hole) on every grid point, the definition.
struct SkinRegionTests {
    /// The definition: every grid point of the oval's box, tested against every polygon.
    static func definition(_ p: [SIMD3<Float>], width: Int, height: Int, step: Int) -> [Int] {
        func polygon(_ idx: [Int]) -> [SIMD2<Float>] { idx.map { SIMD2(p[$0].x, p[$0].y) } }
        let oval = polygon(MeshIndex.faceOval)
        let holes = [MeshIndex.imageLeftEye, MeshIndex.imageRightEye, MeshIndex.imageLeftBrow, MeshIndex.imageRightBrow, MeshIndex.outerLips]
            .map { SkinRegion.expanded(polygon($0), by: 1.3) }
        let x0 = max(0, Int(oval.map(\.x).min()!)), x1 = min(width - 1, Int(oval.map(\.x).max()!.rounded(.up)))
        let y0 = max(0, Int(oval.map(\.y).min()!)), y1 = min(height - 1, Int(oval.map(\.y).max()!.rounded(.up)))
        var out: [Int] = []
        for y in stride(from: y0, through: y1, by: step) {
            for x in stride(from: x0, through: x1, by: step) {
                let q = SIMD2(Float(x) + 0.5, Float(y) + 0.5)
                if SkinRegion.contains(oval, q) && !holes.contains(where: { SkinRegion.contains($0, q) }) { out.append(y * width + x) }
            }
        }
        return out
    }

    /// The reference meshes of the sample portrait (as it is, mirrored, tilted 30°), three other
    /// faces and one cut by the photo's edge, at every grid point and on a coarse grid.
    @Test(arguments: ["astronaut", "astronaut_mirrored", "astronaut_tilt30cw", "obama", "kodak", "eyes_closed"])
    func rowByRowEqualsTheDefinition(_ name: String) throws {
        let golden = try VisionGolden.load(name)
        let points = try #require(golden.faces.first).points
        for maxSamples in [250_000, 900] {
            let region = SkinRegion(points: points, width: golden.width, height: golden.height, maxSamples: maxSamples)
            let expected = Self.definition(points, width: golden.width, height: golden.height, step: region.step)
            #expect(!expected.isEmpty && region.pixels == expected, "\(name) step \(region.step): \(region.pixels.count) against \(expected.count)")
        }
        // The face moved so the photo's left and top edges cut it.
        let cut = points.map { $0 - SIMD3(60, 50, 0) }
        let region = SkinRegion(points: cut, width: golden.width, height: golden.height)
        #expect(region.pixels == Self.definition(cut, width: golden.width, height: golden.height, step: region.step))
    }
}

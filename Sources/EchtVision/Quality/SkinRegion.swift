/// Image pixels of the skin: inside the face oval, outside eyes, brows and lips
/// (glasses, beards and hair over the forehead are not excluded).
struct SkinRegion {
    /// Pixel indices (y · width + x), sampled on a grid so at most `maxSamples` are kept.
    let pixels: [Int]
    /// The grid step used.
    let step: Int

    init(points p: [SIMD3<Float>], width: Int, height: Int, maxSamples: Int = 250_000) {
        func polygon(_ idx: [Int]) -> [SIMD2<Float>] { idx.map { SIMD2(p[$0].x, p[$0].y) } }
        let oval = polygon(MeshIndex.faceOval)
        let holes = [MeshIndex.imageLeftEye, MeshIndex.imageRightEye, MeshIndex.imageLeftBrow, MeshIndex.imageRightBrow, MeshIndex.outerLips]
            .map { Self.expanded(polygon($0), by: 1.3) }
        let xs = oval.map(\.x), ys = oval.map(\.y)
        let x0 = max(0, Int(xs.min()!)), x1 = min(width - 1, Int(xs.max()!.rounded(.up)))
        let y0 = max(0, Int(ys.min()!)), y1 = min(height - 1, Int(ys.max()!.rounded(.up)))
        let area = max(1, (x1 - x0 + 1) * (y1 - y0 + 1))
        step = max(1, Int((Double(area) / Double(maxSamples)).squareRoot().rounded(.up)))
        var out: [Int] = []
        if x1 >= x0 && y1 >= y0 {
            // Row by row: where each polygon's edges cross the row, then each sample against those
            // few crossings (the same test as `contains`, whose edges are walked once per row here
            // instead of once per sample: the oval and holes have about 150 edges).
            for y in stride(from: y0, through: y1, by: step) {
                let qy = Float(y) + 0.5
                let ovalCrossings = Self.crossings(oval, y: qy)
                let holeCrossings = holes.map { Self.crossings($0, y: qy) }.filter { !$0.isEmpty }
                for x in stride(from: x0, through: x1, by: step) {
                    let qx = Float(x) + 0.5
                    if Self.isInside(ovalCrossings, x: qx) && !holeCrossings.contains(where: { Self.isInside($0, x: qx) }) {
                        out.append(y * width + x)
                    }
                }
            }
        }
        pixels = out
    }

    /// Where the edges of `poly` that straddle the horizontal line at `y` cross it, computed as
    /// `contains` computes them (so the two agree to the bit).
    static func crossings(_ poly: [SIMD2<Float>], y: Float) -> [Float] {
        var xs: [Float] = []
        var j = poly.count - 1
        for i in 0..<poly.count {
            let a = poly[i], b = poly[j]
            if (a.y > y) != (b.y > y) { xs.append((b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) }
            j = i
        }
        return xs
    }

    /// Even-odd: a point at `x` on the line is inside when an odd number of its `crossings` lie
    /// to its right.
    static func isInside(_ crossings: [Float], x: Float) -> Bool {
        var inside = false
        for c in crossings where x < c { inside.toggle() }
        return inside
    }

    /// Scales a polygon about its centroid.
    static func expanded(_ poly: [SIMD2<Float>], by factor: Float) -> [SIMD2<Float>] {
        let c = poly.reduce(SIMD2<Float>.zero, +) / Float(poly.count)
        return poly.map { c + ($0 - c) * factor }
    }

    /// Even-odd point-in-polygon test.
    static func contains(_ poly: [SIMD2<Float>], _ q: SIMD2<Float>) -> Bool {
        var inside = false
        var j = poly.count - 1
        for i in 0..<poly.count {
            let a = poly[i], b = poly[j]
            if (a.y > q.y) != (b.y > q.y), q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }
}

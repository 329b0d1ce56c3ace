import EchtImaging

/// Where a person's head may lie on the side their face turns to, from the face mesh: a face
/// turned aside shows its ear and the back of its head on the other side only; on the side it
/// looks towards, the head ends at the face's outline (brow, cheek, nose, jaw), and what lies
/// beyond is someone else (a neighbour's body passing behind). `SubjectPartition` seeds a head
/// only within that outline and makes steps beyond it dear down to the mouth. Only for a face
/// someone stands far behind: beside a neighbour of like size, curls beyond the outline may be
/// the subject's own (measured in docs/measurements/facing-side-outline.md).
struct HeadSpan: Sendable, Equatable {
    /// −1 when the face turns to the photo's left, +1 to its right.
    var side: Float
    /// The mesh points (photo pixels) that make the outline.
    var points: [SIMD2<Float>]
    /// Photo row of the lower lip: below it a shoulder may rise beside the jaw.
    var mouthY: Float
    /// Half-height (photo pixels) of the band of mesh points that gives the outline at a row.
    var band: Float
    /// How far (photo pixels) the outline lies beyond the mesh's outermost points (glasses, stubble).
    var margin: Float

    /// Share of the cheeks' half-distance the nose must be off their midpoint for the face to
    /// count as turned (a frontal face shows both ears and hair on both sides; a half-turned one
    /// may raise an arm beside its face on that side).
    static let leastTurn: Float = 0.7
    /// Half-height (in face-box heights) of the band of mesh points that gives the outline at a row.
    static let bandHeight: Float = 0.08
    /// How far (in face-box widths) the outline lies beyond the mesh's outermost points: glasses'
    /// rims, stubble and the mesh's own error.
    static let outlineMargin: Float = 0.03

    /// Largest size (in this face's box widths) of a face that stands far behind this one: at
    /// least 1.7 times as far from the camera, so nothing of theirs touches this head.
    static let behindSize: Float = 0.6
    /// How far sideways (in box widths, between box centres) such a face may stand.
    static let behindReach: Float = 1.5

    /// The span of the face with mesh `mesh` and detection box `box`, or nil when the face
    /// looks (nearly) at the camera or no one stands far behind it: among the `others` (their
    /// detection boxes), a face of at most `behindSize` its size, above its box, within
    /// `behindReach` sideways (a smaller face that near is farther away, and their body passes
    /// behind this head; a neighbour of like size may be touched by its curls). The turn is the
    /// nose's (landmark 1) offset from the midpoint of the cheeks' outer points (landmarks 234
    /// and 454), in half the distance between them.
    init?(mesh: FaceLandmarks, box: PixelRect, others: [PixelRect]) {
        guard mesh.points.count >= 468 else { return nil }
        guard Self.someoneFarBehind(box, among: others) else { return nil }
        let right = mesh.points[234].x, left = mesh.points[454].x
        let cheeks = abs(left - right) / 2
        guard cheeks > 0 else { return nil }
        let turn = min(max((mesh.points[1].x - (left + right) / 2) / cheeks, -1), 1)
        guard abs(turn) > Self.leastTurn else { return nil }
        side = turn < 0 ? -1 : 1
        points = mesh.points.map { SIMD2($0.x, $0.y) }
        mouthY = mesh.points[14].y
        band = Self.bandHeight * box.height
        margin = Self.outlineMargin * box.width
    }

    /// Per row of a grid (row `y` centred on photo row `top + (y + 0.5) · cellH`), the photo
    /// column beyond which the head does not reach on the facing side: the outermost mesh point
    /// within `band` of the row, plus `margin`; above the forehead an arc of the head's ellipse
    /// (`centre`, `above` photo pixels up: the head's in `SubjectPartition.distances`), below the
    /// mesh its bottom band's.
    func outline(rows: Int, top: Float, cellH: Float, centre: SIMD2<Float>, above: Float) -> [Float] {
        let maxY = points.map(\.y).max()!
        func edge(_ py: Float) -> Float {
            var edge: Float = side < 0 ? .infinity : -.infinity
            for p in points where abs(p.y - py) <= band { edge = side < 0 ? min(edge, p.x) : max(edge, p.x) }
            // No mesh point near the row: no limit there.
            return edge.isFinite ? edge + side * margin : -edge
        }
        // Above the forehead the skull curves in: an ellipse arc (centre `centre`, reaching
        // `above` up) through the topmost band's edge.
        let crown = min(topY + band, maxY - band), crownEdge = edge(crown)
        let t = min((centre.y - crown) / above, 0.99)
        let reach = crownEdge.isFinite ? abs(crownEdge - centre.x) / (1 - t * t).squareRoot() : .infinity
        return (0..<rows).map { y in
            let py = top + (Float(y) + 0.5) * cellH
            guard py >= crown else {
                let r = min((centre.y - py) / above, 1)
                return centre.x + side * reach * (1 - r * r).squareRoot()
            }
            return edge(min(py, maxY - band))
        }
    }

    /// Whether among `others` (detection boxes) a face stands far behind the face of `box`: at
    /// most `behindSize` its size, above its box, within `behindReach` sideways.
    static func someoneFarBehind(_ box: PixelRect, among others: [PixelRect]) -> Bool {
        others.contains { other in
            other.width <= behindSize * box.width && other.center.y < box.minY
                && abs(other.center.x - box.center.x) <= behindReach * box.width
        }
    }

    /// Photo row of the mesh's topmost point (the forehead's top).
    var topY: Float { points.map(\.y).min()! }
}

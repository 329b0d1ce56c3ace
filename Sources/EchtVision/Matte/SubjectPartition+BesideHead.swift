import EchtImaging

/// Two corrections of `SubjectPartition.owners` beside a head, where a neighbour's body passes
/// behind it (measured on the office photo in docs/measurements/office-default-remnants.md).
extension SubjectPartition {
    /// Cells the model doubts (below this value) beside a head, that their owner reaches only
    /// farther than `farReach`, belong to nobody (`dropFarDoubts`).
    static let doubt: Float = 0.75
    /// Geodesic distance (in face widths) beyond which a doubtful cell beside the head is not the owner's.
    static let farReach: Float = 1
    /// Half width (in face widths) of the column above and below the face centre that
    /// `dropFarDoubts` leaves alone: the hair piled on the head.
    static let headColumn: Float = 0.6
    /// Largest sRGB distance between a neighbour's cell beyond a turned face's outline and the
    /// cells below the mouth that continue it (`continueBehind`).
    static let continuation: Float = 0.06
    /// How far (in face widths) beyond the outline a neighbour's cell must lie to seed that
    /// continuation: nearer, cells mix the face's own edge (beard, jaw shadow) in.
    static let continuationMargin: Float = 0.1

    /// Sets to -1 (nobody) every cell that the model doubts (`reach` ≤ value < `doubt`), whose
    /// owner has someone far behind (`HeadSpan.someoneFarBehind`: that person's body fills the
    /// space around the head, and being far and small, they reach it dearly), that lies beside
    /// its owner's head (above the shoulders, outside the column of `headColumn`
    /// face widths each side of the centre) and that the owner reaches only farther than
    /// `farReach`: across colour edges and through doubtful cells from the head, beside which
    /// every own cell is near (hair, ears, collar). On the office photo: the lit edge of the
    /// jacket of a woman standing behind the seated man, between his hair and a whiteboard,
    /// which she reaches more dearly still (her body is far and her face small).
    static func dropFarDoubts(owner: inout [Int], distance: [Float], mask: Image, region: PixelRect, faces: [PixelRect]) {
        let w = mask.width, h = mask.height, cellW = region.width / Float(w), cellH = region.height / Float(h)
        let gated = faces.indices.map { k in HeadSpan.someoneFarBehind(faces[k], among: faces.indices.filter { $0 != k }.map { faces[$0] }) }
        guard gated.contains(true) else { return }
        for i in 0..<(w * h) where owner[i] >= 0 && gated[owner[i]] && mask.pixels[i] >= reach && mask.pixels[i] < doubt
            && distance[i] > farReach {
            let face = faces[owner[i]]
            let px = region.minX + (Float(i % w) + 0.5) * cellW, py = region.minY + (Float(i / w) + 0.5) * cellH
            if py < face.center.y + shoulders * face.height && abs(px - face.center.x) > headColumn * face.width { owner[i] = -1 }
        }
    }

    /// Face `k` is turned aside (`span`) with someone far behind it (`HeadSpan.someoneFarBehind`),
    /// whose body, beyond the face's outline from the forehead to the mouth, the partition gives
    /// to them (`facingCost`). Below the mouth that body runs on down behind the face's shoulder,
    /// which may rise beyond the outline there too. Cells of `k` below the mouth and beyond the
    /// outline that continue such a cell of theirs (8-connected, each within `continuation` of
    /// the colour of the cell it grew from, seeded `continuationMargin` face widths beyond the
    /// outline) are theirs: on the office photo, the black skirt of the woman standing behind
    /// the seated man, beside his grey suit's shoulder.
    static func continueBehind(_ span: HeadSpan, of k: Int, faces: [PixelRect], owner: inout [Int], mask: Image, guide: Image,
                               region: PixelRect) {
        let face = faces[k]
        let behind = Set(faces.indices.filter { $0 != k && HeadSpan.someoneFarBehind(face, among: [faces[$0]]) })
        guard !behind.isEmpty else { return }
        let w = mask.width, h = mask.height
        let cellW = region.width / Float(w), cellH = region.height / Float(h)
        let outline = span.outline(rows: h, top: region.minY, cellH: cellH, centre: face.center, above: face.height * 0.85)
        func beyond(_ i: Int, by margin: Float = 0) -> Bool {
            let px = region.minX + (Float(i % w) + 0.5) * cellW
            return span.side < 0 ? px < outline[i / w] - margin : px > outline[i / w] + margin
        }
        func row(_ i: Int) -> Float { region.minY + (Float(i / w) + 0.5) * cellH }
        func colour(_ i: Int) -> SIMD3<Float> { SIMD3(guide.pixels[i * 3], guide.pixels[i * 3 + 1], guide.pixels[i * 3 + 2]) }
        // Each grown cell keeps the colour of its seed: the growth cannot drift from a black skirt
        // through the suit's shadows into the suit. (`topY` runs over the span's points: found
        // once, not per cell, which took 0.4 s on the office photo.)
        let forehead = span.topY
        var seed = [SIMD3<Float>](repeating: .zero, count: w * h)
        var stack: [Int] = []
        let margin = continuationMargin * face.width
        for i in 0..<(w * h) where behind.contains(owner[i]) && mask.pixels[i] >= core && beyond(i, by: margin) {
            let y = row(i)
            guard y >= forehead && y < span.mouthY else { continue }
            seed[i] = colour(i); stack.append(i)
        }
        while let i = stack.popLast() {
            forEachNeighbour(of: i, width: w, height: h) { j in
                guard owner[j] == k, mask.pixels[j] >= reach, row(j) >= span.mouthY, beyond(j) else { return }
                let e = colour(j) - seed[i]
                guard (e * e).sum() <= continuation * continuation else { return }
                owner[j] = owner[i]; seed[j] = seed[i]; stack.append(j)
            }
        }
    }
}

extension SubjectPartition {
    /// Whether `face` is at most `HeadSpan.behindSize` the size of another face of `others`
    /// and lies below that face's chin, within `HeadSpan.behindReach` of its face widths
    /// sideways: a person far behind a much nearer one, whose head shows beside the nearer
    /// one's chest or arm (the low-light photo's boy beside the young man's arm).
    static func besideNearerBody(of face: PixelRect, among others: [PixelRect]) -> Bool {
        others.contains { other in
            face.width <= HeadSpan.behindSize * other.width && face.center.y > other.maxY
                && abs(face.center.x - other.center.x) <= HeadSpan.behindReach * other.width
        }
    }
}

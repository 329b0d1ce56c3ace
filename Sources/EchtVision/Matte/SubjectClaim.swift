import EchtImaging

/// One person's share of the person mask as the selfie model saw it on that person's own
/// region: which cells the person owns after `SubjectPartition`, and how near each is to their
/// head. Two people's claims settle the pixels both own (`PortraitAnalyzer.subjectMatte`).
public struct SubjectClaim: Sendable {
    /// The person's face.
    public let face: Face
    /// The photo region (whole pixels) the model saw.
    public let region: PixelRect
    /// The coarse mask over `region` with every cell this person does not own set to 0.
    let mask: Image
    /// Per cell, this person's geodesic distance in face widths where they own it, else infinity.
    let distance: [Float]
    /// Per cell, whether the model marks it (above `SubjectPartition.background`) and another
    /// face owns it: someone else's body, which the refinement must not give back to this person.
    let others: [Bool]
    /// Per cell, whether a blurred bystander's cut (`DefocusedBystanders`) lowered it: the outline
    /// there runs through blur, with no photo edge for the refinement to follow.
    let cut: [Bool]

    /// A claim on `region` (see the properties); `others` empty: no cell is another face's;
    /// `cut` empty: no cell was cut.
    init(face: Face, region: PixelRect, mask: Image, distance: [Float], others: [Bool] = [], cut: [Bool] = []) {
        self.face = face; self.region = region; self.mask = mask; self.distance = distance
        self.others = others.isEmpty ? [Bool](repeating: false, count: mask.pixels.count) : others
        self.cut = cut.isEmpty ? [Bool](repeating: false, count: mask.pixels.count) : cut
    }

    /// The mask value and distance of the cell holding photo point `p`; nil outside the region.
    func cell(at p: SIMD2<Float>) -> (value: Float, distance: Float)? {
        guard p.x >= region.minX, p.y >= region.minY, p.x < region.maxX, p.y < region.maxY else { return nil }
        let x = min(Int((p.x - region.minX) / region.width * Float(mask.width)), mask.width - 1)
        let y = min(Int((p.y - region.minY) / region.height * Float(mask.height)), mask.height - 1)
        return (mask.pixels[y * mask.width + x], distance[y * mask.width + x])
    }

    /// Whether the two claims' regions overlap.
    public func overlaps(_ other: SubjectClaim) -> Bool {
        region.minX < other.region.maxX && other.region.minX < region.maxX
            && region.minY < other.region.maxY && other.region.minY < region.maxY
    }

    /// The mask with the cells that a neighbour owns more surely (nearer its own head, in its
    /// own region) set to 0: where two people overlap, each region's model sees a different
    /// picture, and the person whose own view ties the cell closer keeps it.
    func settled(against neighbours: [SubjectClaim]) -> Image { share(against: neighbours).mask }

    /// `settled(against:)` with what the neighbours' cells cut off from the head (a patch of hair
    /// or sleeve beyond a neighbour's cells) dropped too, and per cell (0 or 1, at the mask's
    /// size) whether it is someone else's: owned by another face, settled to a neighbour, or
    /// cut off. The refinement keeps alpha at 0 there (`MatteRefiner.prepare`).
    func share(against neighbours: [SubjectClaim]) -> (mask: Image, others: Image) {
        var out = mask
        let w = mask.width, h = mask.height
        var taken = Image(width: w, height: h, channels: 1, pixels: others.map { $0 ? 1 : 0 })
        let cellW = region.width / Float(w), cellH = region.height / Float(h)
        let overlapping = neighbours.filter { $0.face != face && $0.overlaps(self) }
        guard !overlapping.isEmpty else { return (out, taken) }
        for i in 0..<(w * h) where out.pixels[i] > SubjectPartition.background {
            let p = SIMD2(region.minX + (Float(i % w) + 0.5) * cellW, region.minY + (Float(i / w) + 0.5) * cellH)
            for other in overlapping {
                guard let c = other.cell(at: p), c.value >= SubjectPartition.core, c.distance < distance[i] else { continue }
                out.pixels[i] = 0; taken.pixels[i] = 1
                break
            }
        }
        for i in SubjectPartition.cutOff(out, head: distance.map { $0 <= SubjectPartition.headWeight }) {
            out.pixels[i] = 0; taken.pixels[i] = 1
        }
        return (out, taken)
    }
}

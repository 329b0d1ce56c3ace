import EchtImaging
import Testing
@testable import EchtVision

/// One person's share of a mask that holds several: neighbours go, even touching ones, and
/// the subject keeps their whole body.
struct SubjectPartitionTests {
    /// Two people on a 96×64 mask (one cell = 10 photo pixels): heads of radius 8 at
    /// (28, 16) and (68, 16), necks, shoulders and bodies below them, the bodies touching in
    /// columns 46...49; a faint 0.1 fringe around everything; a faceless bystander at the
    /// right edge, joined to the right person by the fringe.
    static func twoTouchingPeople() -> Image {
        var pixels = [Float](repeating: 0, count: 96 * 64)
        func set(_ x: Int, _ y: Int, _ v: Float) { if x >= 0, y >= 0, x < 96, y < 64 { pixels[y * 96 + x] = max(pixels[y * 96 + x], v) } }
        for y in 0..<64 {
            for x in 0..<96 {
                for cx in [28, 68] {
                    let dx = Float(x - cx), dy = Float(y - 16)
                    if dx * dx + dy * dy <= 64 || (y >= 20 && y < 26 && abs(x - cx) <= 4) { set(x, y, 1) }
                    if y >= 26 && abs(x - cx) <= 21 { set(x, y, 0.95) }
                }
                if x >= 92 && y >= 20 { set(x, y, 0.9) }
            }
        }
        var soft = pixels
        for y in 0..<64 {
            for x in 0..<96 where pixels[y * 96 + x] < 0.5 {
                let neighbours: [(Int, Int)] = [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)]
                let near = neighbours.contains { (nx: Int, ny: Int) -> Bool in
                    guard nx >= 0, ny >= 0, nx < 96, ny < 64 else { return false }
                    return pixels[ny * 96 + nx] >= 0.5
                }
                if near { soft[y * 96 + x] = 0.1 }
            }
        }
        return Image(width: 96, height: 64, channels: 1, pixels: soft)
    }

    static let region = PixelRect(minX: 0, minY: 0, maxX: 960, maxY: 640)
    /// The two faces' detection boxes in photo pixels.
    static let faces = [PixelRect(minX: 200, minY: 80, maxX: 360, maxY: 240), PixelRect(minX: 600, minY: 80, maxX: 760, maxY: 240)]

    @Test func eachPersonKeepsTheirOwnBodyAndNothingOfTheNeighbour() {
        let mask = Self.twoTouchingPeople()
        #expect(mask[47, 40, 0] == 0.95, "the bodies touch")
        let left = SubjectPartition.isolating(mask, region: Self.region, faces: Self.faces, subject: 0)
        let right = SubjectPartition.isolating(mask, region: Self.region, faces: Self.faces, subject: 1)
        // The left person: head, both shoulders, the body down to the bottom; nothing right of the seam.
        #expect(left[28, 16, 0] == 1 && left[8, 40, 0] == 0.95 && left[44, 60, 0] == 0.95 && left[28, 63, 0] == 0.95)
        #expect(left[68, 16, 0] == 0 && left[52, 40, 0] == 0 && left[88, 60, 0] == 0)
        // The right person likewise, mirrored; the faceless bystander belongs to neither.
        #expect(right[68, 16, 0] == 1 && right[52, 40, 0] == 0.95 && right[88, 40, 0] == 0.95)
        #expect(right[28, 16, 0] == 0 && right[44, 40, 0] == 0)
        #expect(left[94, 40, 0] == 0 && right[94, 40, 0] == 0)
        // Every person cell goes to exactly one of them: the two shares add up to the mask
        // except for the bystander and its fringe.
        for y in 0..<64 {
            for x in 0..<90 where mask[x, y, 0] >= 0.5 {
                #expect((left[x, y, 0] == 0) != (right[x, y, 0] == 0), "cell (\(x), \(y)) belongs to exactly one person")
            }
        }
        // The soft fringe follows its person.
        #expect(left[6, 40, 0] == 0.1 && right[6, 40, 0] == 0)
    }

    /// A larger face owns more of the body between two people: the split sits nearer the
    /// smaller face than the midpoint.
    @Test func aLargerFaceOwnsMoreOfTheSharedBody() {
        let mask = Self.twoTouchingPeople()
        var faces = Self.faces
        faces[0] = PixelRect(minX: 120, minY: 0, maxX: 440, maxY: 320)
        let left = SubjectPartition.isolating(mask, region: Self.region, faces: faces, subject: 0)
        #expect(left[52, 50, 0] == 0.95, "the larger face's share reaches past the midpoint")
    }

    /// A face whose centre lies on no person cell (the model missed it) owns nothing.
    @Test func aFaceOffTheMaskGetsNothing() {
        let mask = Self.twoTouchingPeople()
        let faces = [PixelRect(minX: 440, minY: 0, maxX: 480, maxY: 40)] + Self.faces
        let out = SubjectPartition.isolating(mask, region: Self.region, faces: faces, subject: 0)
        #expect(out.pixels.allSatisfy { $0 == 0 })
    }
}

extension SubjectPartitionTests {
    /// A dim face behind the two people's shoulders, between their heads, which the model does
    /// not mark (its head's ellipse holds no person cell): it owns nothing. It used to take the
    /// marked cells nearest it (up to 1.5 face sizes away), the shoulders in front of it, from
    /// the people they belong to (issue #5, the low-light photo's strap).
    @Test func aFaceTheModelMissesTakesNoNeighboursShoulder() {
        let mask = Self.twoTouchingPeople()
        let dim = PixelRect(minX: 490, minY: 190, maxX: 550, maxY: 250)
        let owners = SubjectPartition.owners(of: mask, region: Self.region, faces: Self.faces + [dim]).owner
        let taken = owners.filter { $0 == 2 }.count
        #expect(taken == 0, "the missed face owns \(taken) cells")
        #expect(owners[28 * 96 + 45] == 0 && owners[28 * 96 + 55] == 1, "each shoulder stays with its person")
    }

    /// A person standing behind a seated one: the standing person's torso reaches down to the
    /// seated person's hair. The torso stays with its own (smaller) face, the head with its own.
    @Test func aTorsoAboveAnotherHeadBelongsToItsOwnFace() {
        var pixels = [Float](repeating: 0, count: 64 * 96)
        for y in 0..<96 {
            for x in 0..<64 {
                let top = Float((x - 32) * (x - 32)) + Float((y - 24) * (y - 24)) <= 36 || (y >= 28 && y < 50 && abs(x - 32) <= 12)
                let seated = Float((x - 34) * (x - 34)) + Float((y - 60) * (y - 60)) <= 144 || (y >= 70 && abs(x - 34) <= 24)
                if top || seated { pixels[y * 64 + x] = 1 }
            }
        }
        let mask = Image(width: 64, height: 96, channels: 1, pixels: pixels)
        let region = PixelRect(minX: 0, minY: 0, maxX: 640, maxY: 960)
        let faces = [PixelRect(minX: 280, minY: 200, maxX: 360, maxY: 280), PixelRect(minX: 280, minY: 540, maxX: 400, maxY: 660)]
        let owners = SubjectPartition.owners(of: mask, region: region, faces: faces).owner
        #expect(owners[34 * 64 + 32] == 0, "the standing person's torso")
        #expect(owners[44 * 64 + 32] == 0, "the standing person's torso just above the seated head")
        #expect(owners[56 * 64 + 34] == 1 && owners[85 * 64 + 34] == 1, "the seated person's head and body")
    }
}

/// Two people's own views of a shared cell: the one whose view ties it closer keeps it.
struct SubjectClaimTests {
    static func face(_ box: PixelRect) -> Face {
        Face(detection: FaceDetection(box: box, keypoints: [], score: 1), landmarks: nil)
    }

    @Test func theNearerViewKeepsASharedCell() {
        let region = PixelRect(minX: 0, minY: 0, maxX: 40, maxY: 40)
        let full = Image(width: 4, height: 4, filledWith: [1])
        // A claims every cell at distance 1; B (same region) claims the right half at 0.5.
        let a = SubjectClaim(face: Self.face(PixelRect(minX: 0, minY: 0, maxX: 10, maxY: 10)), region: region, mask: full,
                             distance: [Float](repeating: 1, count: 16))
        var bMask = full
        for i in 0..<16 where i % 4 < 2 { bMask.pixels[i] = 0 }
        let b = SubjectClaim(face: Self.face(PixelRect(minX: 30, minY: 0, maxX: 40, maxY: 10)), region: region, mask: bMask,
                             distance: (0..<16).map { (i: Int) -> Float in i % 4 < 2 ? .infinity : 0.5 })
        let settled = a.settled(against: [a, b])
        let expected: [Float] = (0..<16).map { (i: Int) -> Float in i % 4 < 2 ? 1 : 0 }
        #expect(settled.pixels == expected)
        #expect(b.settled(against: [a]) == bMask, "B's cells are nearer to B")
        #expect(a.settled(against: []) == full)
    }
}

extension SubjectPartitionTests {
    /// A patch of cells cut off from a face's head by someone else's cells is nobody's.
    @Test func anIslandCutOffFromTheHeadIsDropped() {
        // Face 0 owns a head (distance 0) at the left and an island at the right, face 1 the middle.
        var owner = [0, 0, 1, 1, 0, 0]
        let distance: [Float] = [0, 0.05, 0.5, 0.5, 2, 2]
        SubjectPartition.dropIslands(of: 0, owner: &owner, distance: distance, width: 6, height: 1)
        #expect(owner == [0, 0, 1, 1, -1, -1])
        var joined = [0, 0, 0, 0, 0, 0]
        SubjectPartition.dropIslands(of: 0, owner: &joined, distance: distance, width: 6, height: 1)
        #expect(joined == [0, 0, 0, 0, 0, 0])
    }

    /// A face so far below the region that its head's ceiling lies past the grid's last row (a
    /// crowd: a small face below a neighbour's claim; a cost table filled from the ceiling row
    /// down once stopped the run there) gets its distances, and the other face keeps its share:
    /// the far face owns nothing.
    @Test func aFaceWhoseCeilingLiesBelowTheGridOwnsNothing() {
        let mask = Self.twoTouchingPeople()
        let below = PixelRect(minX: 260, minY: 2400, maxX: 300, maxY: 2440)
        let d = SubjectPartition.distances(mask: mask, guide: nil, cellW: 10, cellH: 10, region: Self.region, face: below)
        #expect(d.count == mask.pixels.count)
        let (owner, _) = SubjectPartition.owners(of: mask, region: Self.region, faces: [Self.faces[0], below])
        #expect(!owner.contains(1) && owner.contains(0))
    }
}

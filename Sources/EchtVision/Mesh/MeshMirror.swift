/// The left–right symmetry of the 468-point mesh: `counterpart[i]` is the point that takes
/// point i's place when the face is mirrored (the outer eye corners 33 ↔ 263, the lip corners
/// 61 ↔ 291; the 28 midline points, such as the nose tip 1 and the chin 152, stay).
///
/// Derived, not typed in: the mesh model was run on the pass-2 crop of each of the 22 faces of
/// the dev portraits and groups and on the same crop flipped, and the points of the two fits
/// were matched by least total distance (Hungarian assignment, 3-D, crop pixels). Each face
/// alone gives this same table; it is an involution, agrees with the 82 pairs of the eye,
/// brow, lip and oval outlines in `MeshIndex`, and has a simple shape: the points below 248
/// that are not on the midline pair, in order, with 248…467.
enum MeshMirror {
    /// The points on the face's midline, their own counterparts.
    static let midline: Set<Int> = [0, 1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                                    94, 151, 152, 164, 168, 175, 195, 197, 199, 200]

    /// `counterpart[i]`: the point that lies where point i lies once the face is mirrored.
    static let counterpart: [Int] = {
        var out = Array(0..<468)
        for (k, i) in (0..<248).filter({ !midline.contains($0) }).enumerated() {
            out[i] = 248 + k
            out[248 + k] = i
        }
        return out
    }()

    /// The points of a fit on a mirrored crop, re-indexed so that each is the point of the
    /// unmirrored face it lies on (positions already un-mirrored).
    static func swappingSides(_ points: [SIMD3<Float>]) -> [SIMD3<Float>] {
        var out = points
        for (i, p) in points.enumerated() { out[counterpart[i]] = p }
        return out
    }
}

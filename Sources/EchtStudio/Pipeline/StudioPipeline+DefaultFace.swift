import EchtVision

extension StudioPipeline {
    /// Share of a face box's width outside the photo past which the photo's edge cuts the face.
    static let cutShare: Float = 0.1
    /// Least width, as a share of the largest face's, of a whole face taken instead of it.
    static let wholeShare: Float = 0.8

    /// The face a run without `--face` renders, counting from 1 in largest-first order: the
    /// largest, unless the photo's edge cuts it (more than `cutShare` of its box's width or
    /// height outside the `width`×`height` photo) and a face at least `wholeShare` as wide lies
    /// whole inside; then the largest such, with a note. A selfie-taker's face cut by the edge,
    /// with smaller faces behind, stays the one rendered. With several faces the note says so
    /// and how to make the others'.
    static func defaultFace(in analysis: StudioAnalysis, width: Int, height: Int) -> (number: Int, note: String?) {
        let faces = analysis.facesBySize
        guard let largest = faces.first, faces.count > 1 else { return (1, nil) }
        func outside(_ face: Face) -> Float {
            let b = face.detection.box
            let horizontal = (max(0, -b.minX) + max(0, b.maxX - Float(width))) / max(b.width, 1)
            let vertical = (max(0, -b.minY) + max(0, b.maxY - Float(height))) / max(b.height, 1)
            return max(horizontal, vertical)
        }
        guard outside(largest) > cutShare,
              let whole = faces.indices.dropFirst().first(where: {
                  outside(faces[$0]) == 0 && faces[$0].detection.box.width >= wholeShare * largest.detection.box.width
              })
        else {
            let others = faces.count == 2 ? "--face 2 makes the other's" : "--face 2 to --face \(faces.count) make the others'"
            return (1, "The photo shows \(faces.count) faces and this headshot is of the largest; \(others), --each one of everyone.")
        }
        return (whole + 1, "Face 1 is cut by the photo's edge, so the headshot is of face \(whole + 1), the largest the photo shows whole (--face 1 for face 1).")
    }
}

import EchtVision

/// A person whose shoulders run off both side edges of the photo, framed across its width.
///
/// The edge rule (`FrameFit`) tightens a frame that would leave the photo across an edge the
/// person touches. When the person touches both side edges no frame wider than the photo
/// avoids that, so the rule tightened down towards a head shot: on the face-paint portrait,
/// once its far shoulder reached the right edge, from 880×1100 to 779×974, the frame's bottom
/// through the collarbone strokes. Such a frame is instead as tall as the photo's width allows
/// at the style's aspect, moved by at most `slide` of its height to lie inside the photo.
enum ShouldersOffTheSides {
    /// Largest move of the frame, as a share of its height, sideways and up or down.
    static let slide = 0.1

    /// How far the top of the head (hair included) lies above the forehead's top mesh point,
    /// as a share of the forehead-to-chin distance: from the person mattes of eleven dev
    /// portraits 0.24–0.49 (0.72 under a hat); this keeps all but the hat and the tallest hair,
    /// with room above the shorter.
    static let crownAboveForehead: Float = 0.45

    /// The photo row where the top of the head above `face` lies, estimated from the mesh
    /// (`crownAboveForehead`). The matte would tell it better, but the framing must come out
    /// the same before the matte is made in full (`Framing.matteWindow`) and after.
    static func headTop(face: FaceLandmarks) -> Double {
        let forehead = MeshRegions.points([MeshRegions.forehead], of: face)[0]
        let chin = MeshRegions.points([MeshRegions.chin], of: face)[0]
        return Double(forehead.y - crownAboveForehead * max(chin.y - forehead.y, 0))
    }

    /// Whether the person's matte touches both the photo's left and right edges along the rows
    /// the frame with `corners` spans.
    static func touchBoth(_ corners: [SIMD2<Double>], matte: PhotoCoverage) -> Bool {
        let minY = corners.map(\.y).min()!, maxY = corners.map(\.y).max()!
        let rows = Array(stride(from: max(0, Int(minY)), to: min(matte.height, Int(maxY)), by: 2))
        return Framing.touches(rows.map { (0, $0) }, matte: matte) && Framing.touches(rows.map { (matte.width - 1, $0) }, matte: matte)
    }

    /// Whether the person's matte touches photo row `row` along `columns` (first, last + 1).
    static func touches(row: Int, columns: (Int, Int), matte: PhotoCoverage) -> Bool {
        Framing.touches(stride(from: columns.0, to: columns.1, by: 2).map { ($0, row) }, matte: matte)
    }
}

/// Where, below a face, the person's own chest hides anything behind it.
public struct ChestBand: Sendable, Equatable {
    /// Distance below the face's centre, in heights of its box, along its eye line's normal.
    public var dy: ClosedRange<Float>
    /// Largest distance to either side of the face's centre line, in widths of its box.
    public var halfWidth: Float

    /// Creates a band.
    public init(dy: ClosedRange<Float>, halfWidth: Float) {
        self.dy = dy
        self.halfWidth = halfWidth
    }
}

/// The rules that drop a confirmed face which is no person of its own.
extension PortraitAnalyzer.Options {
    /// Whether `box` shares `duplicateOverlap` of its area or more with one of `larger` (the
    /// faces before it, largest first): a second fit of the same head.
    func duplicatesLargerFace(_ box: PixelRect, among larger: ArraySlice<PixelRect>) -> Bool {
        larger.contains { FaceDetector.overlap($0, box) >= duplicateOverlap }
    }

    /// Whether `detection` lies on the chest (`chestBand`) of a face at least `chestSizeRatio`
    /// times wider: a button, badge or printed face on that person's clothes, never a person,
    /// who would be behind the chest.
    func liesOnChestOfLargerFace(_ detection: FaceDetection, among detections: [FaceDetection]) -> Bool {
        detections.contains { other in
            guard other.box.width >= chestSizeRatio * detection.box.width, other.keypoints.count >= 2 else { return false }
            // Keypoints 0 and 1 are the eyes; the eye line's normal points down the face.
            let eyes = other.keypoints[1] - other.keypoints[0]
            let length = (eyes * eyes).sum().squareRoot()
            guard length > 0 else { return false }
            let across = eyes / length, down = SIMD2(-across.y, across.x)
            let offset = detection.box.center - other.box.center
            let dx = (offset * across).sum() / other.box.width, dy = (offset * down).sum() / other.box.height
            return chestBand.dy.contains(dy) && abs(dx) <= chestBand.halfWidth
        }
    }
}

import EchtImaging

extension FaceDetector {
    /// The short-range model's best score for the face in `box` on a square twice its side
    /// around it, as the photo shows it and turned a half turn (boxes overlapping `box` only).
    /// The model is trained on faces the right way up: an upside-down face that the search and
    /// the mesh took for an upright one (eyes and mouth swapped) scores higher turned.
    public func halfTurnScores(around box: PixelRect, in image: Image) throws(VisionError) -> (upright: Float, turned: Float) {
        let centre = SIMD2(Double(box.center.x), Double(box.center.y)), side = 2 * Double(max(box.width, box.height))
        func best(_ rotation: Double) throws(VisionError) -> Float {
            try detect(.shortRange, in: image, region: RotatedRect(center: centre, side: side, rotation: rotation), threshold: 0.05)
                .filter { Self.iou($0.box, box) > 0.3 }.map(\.score).max() ?? 0
        }
        return (try best(0), try best(.pi))
    }
}

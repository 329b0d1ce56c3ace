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

    /// How much higher the short-range model must score a face turned a half turn than as shown
    /// (`halfTurnScores`) for it to be upside down. Measured on the dev photos as stored,
    /// mirrored and scaled 0.8×: the portraits' faces score 0.07–0.39 lower turned, the faces
    /// of the groups, crowd and low-light photos up to 0.11 higher; stored upside down, the
    /// portraits whose face is found there score 0.14 (a baby's close-up) to 0.44 higher.
    public static let upsideDownMargin: Float = 0.15

    /// Whether the face in `box` is upside down in `image` (`upsideDownMargin`).
    public func isUpsideDown(_ box: PixelRect, in image: Image) throws(VisionError) -> Bool {
        let scores = try halfTurnScores(around: box, in: image)
        return scores.turned > scores.upright + Self.upsideDownMargin
    }
}

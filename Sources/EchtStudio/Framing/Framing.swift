import EchtImaging
import EchtVision

/// Where the finished headshot sits in the photo: an exact similarity transform (crop, level
/// rotation, uniform scale) and the output size. Computed from the face mesh, never warping.
public struct Framing: Sendable, Equatable {
    /// Output pixel → source pixel.
    public var transform: SimilarityTransform
    /// Output width in pixels.
    public var width: Int
    /// Output height in pixels.
    public var height: Int
    /// The levelling rotation applied, in degrees (the eye line's tilt in the photo, clamped to ±15°).
    public var levelDegrees: Double
    /// Whether part of the frame lies outside the photo (filled with backdrop, never person).
    public var extendsPastPhoto: Bool
    /// Plain-language notes: resolution limits, reframing.
    public var notes: [String]

    /// The print size this output holds at 300 dpi, in centimetres (width, height).
    public var printSizeAt300dpi: (width: Double, height: Double) {
        (Double(width) / 300 * 2.54, Double(height) / 300 * 2.54)
    }

    /// Creates a framing from its parts.
    public init(transform: SimilarityTransform, width: Int, height: Int, levelDegrees: Double = 0,
                extendsPastPhoto: Bool = false, notes: [String] = []) {
        self.transform = transform; self.width = width; self.height = height
        self.levelDegrees = levelDegrees; self.extendsPastPhoto = extendsPastPhoto; self.notes = notes
    }

    /// The tightest framing used when a photo's edge would otherwise cut the person.
    public static let maxEyeToChinFraction = 0.42

    /// The largest rotation the studio applies to level the eyes.
    public static let maxLevelDegrees = 15.0

    /// Frames a head-and-shoulders portrait of `face` in a photo of the given size.
    /// - Parameters:
    ///   - matte: the person's coverage at photo size; when given, a frame that would reach past a
    ///     photo edge the person touches is tightened (down to the `tight` fit) instead.
    public static func headAndShoulders(face: FaceLandmarks, sourceWidth: Int, sourceHeight: Int,
                                        matte: Image? = nil, style: FramingStyle) -> Framing {
        headAndShoulders(face: face, sourceWidth: sourceWidth, sourceHeight: sourceHeight,
                         personMatte: matte.map { PersonMatte(alpha: $0, foreground: $0) }, style: style)
    }

    /// Frames a head-and-shoulders portrait of `face` as above, with the person's own matte
    /// (which may cover only a region of the photo: the person is absent outside it).
    /// `picture`: the photo inside its scan border (`ScanBorder.picture`), which a frame spanning
    /// the photo's width keeps to (nil: the whole photo).
    public static func headAndShoulders(face: FaceLandmarks, sourceWidth: Int, sourceHeight: Int,
                                        personMatte: PersonMatte?, style: FramingStyle, picture: PixelRect? = nil) -> Framing {
        let matte = personMatte.map { PhotoCoverage(matte: $0, width: sourceWidth, height: sourceHeight) }
        let limit = maxLevelDegrees * .pi / 180
        let tilt = min(max(MeshRegions.eyeLineAngle(face), -limit), limit)
        // Level fully when the photo allows it. A rotated frame of a close-up cuts the photo's
        // corner diagonally through the person, so level half (then not at all) before that.
        let candidates = abs(tilt) > 0.5 * .pi / 180 ? [tilt, tilt / 2, 0] : [tilt]
        var fit = FrameFit(face: face, angle: candidates[0], matte: matte, style: style, picture: picture)
        for angle in candidates.dropFirst() where fit.cutsPerson {
            fit = FrameFit(face: face, angle: angle, matte: matte, style: style, picture: picture)
        }
        if fit.cutsPerson {
            // No head-and-shoulders frame at any angle: the largest close-up inside the photo,
            // levelled unless the rotation costs more than 5 % of the frame.
            var levelled = FrameFit(face: face, angle: tilt, matte: nil, style: style)
            levelled.fitInside(width: sourceWidth, height: sourceHeight)
            var upright = FrameFit(face: face, angle: 0, matte: nil, style: style)
            upright.fitInside(width: sourceWidth, height: sourceHeight)
            fit = levelled.height >= 0.95 * upright.height ? levelled : upright
        }
        var notes: [String] = []
        if fit.closeUp {
            notes.append("The photo holds no head-and-shoulders frame, so this is the closest crop that stays inside it.")
        } else if abs(fit.angle - tilt) > 1e-9 {
            notes.append(String(format: "Levelled %.1f° of the eyes' %.1f° tilt so the photo's edge does not cut the person.",
                                abs(fit.angle) * 180 / .pi, abs(tilt) * 180 / .pi))
        }
        if fit.acrossThePhoto { notes.append("Framed as wide as the photo: the shoulders run off both its sides.") }
        if fit.raisedForTheCrown { notes.append("Moved the frame up to keep the top of the head; the eye line sits lower than usual.") }
        if fit.tightened { notes.append("Framed tighter than asked so the photo's edge does not cut the person.") }
        if fit.slid { notes.append("Moved the frame so the photo's edge does not cut the person; the eye line sits off its usual place.") }
        if let tighter = fit.keptInsideTighter {
            notes.append(tighter
                ? "Framed tighter than asked to stay inside the photo, so none of this look's background is made up past its edge."
                : "Moved the frame to stay inside the photo (the eye line sits a little off its usual place), so none of this look's background is made up past its edge.")
        }
        let angle = fit.angle, sourceHeightOfFrame = fit.height
        let outHeight = max(1, min(style.maxHeight, Int(sourceHeightOfFrame.rounded(.down))))
        let outWidth = max(1, Int((Double(outHeight) * style.aspect).rounded()))
        let scale = sourceHeightOfFrame / Double(outHeight)
        let origin = fit.origin
        let transform = SimilarityTransform(scale: scale, angle: angle, translationX: origin.x, translationY: origin.y)
        let past = fit.corners.contains {
            $0.x < -0.5 || $0.y < -0.5 || $0.x > Double(sourceWidth) + 0.5 || $0.y > Double(sourceHeight) + 0.5
        }
        var framing = Framing(transform: transform, width: outWidth, height: outHeight,
                              levelDegrees: angle * 180 / .pi, extendsPastPhoto: past, notes: notes)
        if outHeight < style.maxHeight {
            let (w, h) = framing.printSizeAt300dpi
            framing.notes.append(String(format: "The photo holds %d×%d px for this frame (%.1f×%.1f cm at 300 dpi); it was not upscaled.",
                                        outWidth, outHeight, w, h))
        }
        return framing
    }

    /// Least mean matte coverage along a photo edge for the person to touch it there.
    static let edgeTouch: Float = 0.05

    /// Whether the person's matte touches the photo's edge at the pixels `samples` (x, y) read:
    /// their mean coverage is above `edgeTouch`.
    static func touches(_ samples: [(Int, Int)], matte: PhotoCoverage) -> Bool {
        guard !samples.isEmpty else { return false }
        return samples.map { matte[$0.0, $0.1, 0] }.reduce(0, +) / Float(samples.count) > edgeTouch
    }

    /// Whether the frame leaves the photo across an edge where the person's matte reaches that edge.
    static func crossesEdgeThePersonTouches(_ corners: [SIMD2<Double>], matte: PhotoCoverage) -> Bool {
        let w = Double(matte.width), h = Double(matte.height)
        let minX = corners.map(\.x).min()!, maxX = corners.map(\.x).max()!
        let minY = corners.map(\.y).min()!, maxY = corners.map(\.y).max()!
        let xs = Array(stride(from: max(0, Int(minX)), to: min(matte.width, Int(maxX)), by: 2))
        let ys = Array(stride(from: max(0, Int(minY)), to: min(matte.height, Int(maxY)), by: 2))
        if maxY > h, touches(xs.map { ($0, matte.height - 1) }, matte: matte) { return true }
        if minX < 0, touches(ys.map { (0, $0) }, matte: matte) { return true }
        if maxX > w, touches(ys.map { (matte.width - 1, $0) }, matte: matte) { return true }
        if minY < 0, touches(xs.map { ($0, 0) }, matte: matte) { return true }
        return false
    }
}

#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

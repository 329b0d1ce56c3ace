import EchtImaging
import EchtVision
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The head-and-shoulders frame for one levelling angle, fitted so the photo's edge does not
/// cut the person: first tightened (down to the face filling most of the frame), then slid
/// back inside by up to 20 % of its height. `Framing` tries smaller angles when this fails.
/// A person running off both side edges of the photo is framed across the photo's width
/// instead (`ShouldersOffTheSides`).
struct FrameFit {
    /// The rotation of the frame in radians.
    let angle: Double
    /// The frame's height in source pixels.
    private(set) var height: Double
    /// The frame's top-left corner in source pixels.
    private(set) var origin = SIMD2<Double>(0, 0)
    /// Whether the frame was made tighter than the style asks.
    private(set) var tightened = false
    /// Whether the frame was moved off its composed place.
    private(set) var slid = false
    /// Whether the frame still leaves the photo across an edge the person touches.
    private(set) var cutsPerson = false
    /// Whether the frame was fitted inside the photo as a close-up (`fitInside`).
    private(set) var closeUp = false
    /// Whether the frame spans the photo's width because the person runs off both its sides.
    private(set) var acrossThePhoto = false
    /// Whether a frame across the photo was moved up to keep the top of the head in it.
    private(set) var raisedForTheCrown = false
    /// How the frame was kept inside the photo (`FramingStyle.withinPhoto`): true when made
    /// tighter (and maybe moved), false when moved only; nil when not needed or not possible.
    private(set) var keptInsideTighter: Bool?

    private let u: SIMD2<Double>, v: SIMD2<Double>, aspect: Double, eyeLine: Double
    private var composed = SIMD2<Double>(0, 0)
    private var shift = SIMD2<Double>(0, 0)

    /// `picture`: the photo inside its scan border (`ScanBorder`), which a frame spanning the
    /// photo's width keeps to; nil: the whole photo.
    init(face: FaceLandmarks, angle: Double, matte: PhotoCoverage?, style: FramingStyle, picture: PixelRect? = nil) {
        let u = SIMD2(cos(angle), sin(angle)), v = SIMD2(-sin(angle), cos(angle))
        self.angle = angle; self.u = u; self.v = v; aspect = style.aspect; eyeLine = style.eyeLine
        func d(_ p: SIMD2<Float>) -> SIMD2<Double> { SIMD2(Double(p.x), Double(p.y)) }
        let eyes = (d(MeshRegions.rightEyeCentre(face)) + d(MeshRegions.leftEyeCentre(face))) / 2
        let chin = d(MeshRegions.points([MeshRegions.chin], of: face)[0])
        let eyeToChin = max(((chin - eyes) * v).sum(), 1)
        let midlineU = (MeshRegions.points(MeshRegions.midline, of: face).map { (d($0) * u).sum() }.reduce(0, +)
                        / Double(MeshRegions.midline.count) + (eyes * u).sum()) / 2
        // The composed place: centred on the midline, the eye line at `style.eyeLine` of the height.
        height = eyeToChin / style.fit.eyeToChinFraction
        composed = SIMD2(midlineU, (eyes * v).sum())
        place(eyeLine: eyeLine)
        guard let matte else { return }
        if Framing.crossesEdgeThePersonTouches(corners, matte: matte), ShouldersOffTheSides.touchBoth(corners, matte: matte),
           fitAcross(picture ?? PixelRect(minX: 0, minY: 0, maxX: Float(matte.width), maxY: Float(matte.height)), matte: matte,
                     headTop: ShouldersOffTheSides.headTop(face: face)) {
            return
        }
        let tightest = eyeToChin / Framing.maxEyeToChinFraction
        while height > tightest * 1.0001, Framing.crossesEdgeThePersonTouches(corners, matte: matte) {
            height = max(height * 0.98, tightest)
            tightened = true
            place(eyeLine: eyeLine)
        }
        for _ in 0..<40 where Framing.crossesEdgeThePersonTouches(corners, matte: matte) {
            slideInward(width: Double(matte.width), height: Double(matte.height))
            slid = true
        }
        cutsPerson = Framing.crossesEdgeThePersonTouches(corners, matte: matte)
        if style.withinPhoto, !cutsPerson, !acrossThePhoto {
            // No tighter than the tight fit: a closer crop is no longer a head-and-shoulders frame.
            keepInside(width: Double(matte.width), height: Double(matte.height),
                       tightest: min(height, eyeToChin / FramingStyle.Fit.tight.eyeToChinFraction))
        }
    }

    /// Moves the frame half a percent of its height away from each photo edge it crosses (only
    /// up or down when not `sideways`).
    private mutating func slideInward(width: Double, height photoHeight: Double, sideways: Bool = true) {
        let c = corners, step = height * 0.005
        if c.map(\.y).max()! > photoHeight { shift -= v * step }
        if c.map(\.y).min()! < 0 { shift += v * step }
        if sideways, c.map(\.x).max()! > width { shift -= u * step }
        if sideways, c.map(\.x).min()! < 0 { shift += u * step }
        place(eyeLine: eyeLine, shift: shift)
    }

    /// Whether a corner lies past the photo's edge (by more than half a pixel).
    private func reachesPast(width: Double, height photoHeight: Double) -> Bool {
        corners.contains { $0.x < -0.5 || $0.y < -0.5 || $0.x > width + 0.5 || $0.y > photoHeight + 0.5 }
    }

    /// For `FramingStyle.withinPhoto`: a frame reaching past the photo's edge is made tighter
    /// about the eyes (down to `tightest`, in source pixels), then moved up or down by up to a
    /// tenth of its height (never sideways: the face stays on the frame's centre line), until it
    /// lies inside the photo; when that is not enough it stays as it was.
    private mutating func keepInside(width: Double, height photoHeight: Double, tightest: Double) {
        guard reachesPast(width: width, height: photoHeight) else { return }
        let before = self
        while height > tightest * 1.0001, reachesPast(width: width, height: photoHeight) {
            height = max(height * 0.98, tightest)
            place(eyeLine: eyeLine, shift: shift)
        }
        let reach = 0.1 * height
        for _ in 0..<40 where reachesPast(width: width, height: photoHeight) && (shift * shift).sum().squareRoot() < reach {
            slideInward(width: width, height: photoHeight, sideways: false)
        }
        if reachesPast(width: width, height: photoHeight) {
            self = before
        } else {
            keptInsideTighter = height < before.height
        }
    }

    /// A close-up for a photo that holds no head-and-shoulders frame: the largest frame of the
    /// style's aspect at this angle that lies wholly inside the photo, as near its composed
    /// place as the photo allows.
    mutating func fitInside(width: Int, height photoHeight: Int) {
        let c = abs(u.x), s = abs(u.y), w = Double(width), h = Double(photoHeight)
        height = min(height, w / (aspect * c + s), h / (aspect * s + c))
        place(eyeLine: eyeLine)
        let box = corners
        var shift = SIMD2<Double>(0, 0)
        if let minX = box.map(\.x).min(), minX < 0 { shift.x = -minX }
        if let maxX = box.map(\.x).max(), maxX > w { shift.x = w - maxX }
        if let minY = box.map(\.y).min(), minY < 0 { shift.y = -minY }
        if let maxY = box.map(\.y).max(), maxY > h { shift.y = h - maxY }
        origin += shift
        closeUp = true; cutsPerson = false
    }

    /// Fits the frame across `picture` for a person running off both side edges: as tall as the
    /// picture's width allows (no taller than composed), moved by at most
    /// `ShouldersOffTheSides.slide` of its height sideways and up or down so it lies between the
    /// side edges and above (below) the bottom (top) edge where the person touches that; and,
    /// within that reach and the picture, up far enough to keep the head's top (`headTop`, a
    /// photo row) in it. False,
    /// the frame left as composed, when that does not keep the photo's edges off the person.
    private mutating func fitAcross(_ picture: PixelRect, matte: PhotoCoverage, headTop: Double) -> Bool {
        let composedHeight = height
        height = min(height, Double(picture.width) / (aspect * abs(u.x) + abs(u.y)) * 0.9999)
        place(eyeLine: eyeLine)
        let box = corners, reach = height * ShouldersOffTheSides.slide
        let minX = box.map(\.x).min()!, maxX = box.map(\.x).max()!, minY = box.map(\.y).min()!, maxY = box.map(\.y).max()!
        var shift = SIMD2<Double>(0, 0)
        if minX < Double(picture.minX) { shift.x = Double(picture.minX) - minX }
        if maxX > Double(picture.maxX) { shift.x = Double(picture.maxX) - maxX }
        let xs = (max(0, Int(minX)), min(matte.width, Int(maxX)))
        if maxY > Double(picture.maxY), ShouldersOffTheSides.touches(row: matte.height - 1, columns: xs, matte: matte) {
            shift.y = Double(picture.maxY) - maxY
        } else if minY < Double(picture.minY), ShouldersOffTheSides.touches(row: 0, columns: xs, matte: matte) {
            shift.y = Double(picture.minY) - minY
        }
        // Smaller than composed, the frame may cut the top of the head with the eye line at its
        // usual place while the photo has room above: it goes up (the eye line lower) instead.
        let top = minY + shift.y
        let up = min(top - headTop, top - Double(picture.minY), reach + min(shift.y, 0))
        let raised = up > 0.01 * height
        if raised { shift.y -= up }
        origin += shift
        guard abs(shift.x) <= reach, abs(shift.y) <= reach, !Framing.crossesEdgeThePersonTouches(corners, matte: matte) else {
            height = composedHeight
            place(eyeLine: eyeLine)
            return false
        }
        acrossThePhoto = true
        raisedForTheCrown = raised
        slid = shift.y != 0 && !raised
        return true
    }

    /// The frame's four corners in source pixels.
    var corners: [SIMD2<Double>] {
        let w = height * aspect
        return [origin, origin + u * w, origin + v * height, origin + u * w + v * height]
    }

    private mutating func place(eyeLine: Double, shift: SIMD2<Double> = .zero) {
        self.shift = shift
        origin = u * (composed.x - height * aspect / 2) + v * (composed.y - eyeLine * height) + shift
    }
}

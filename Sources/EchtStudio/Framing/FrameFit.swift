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

    private let u: SIMD2<Double>, v: SIMD2<Double>, aspect: Double, eyeLine: Double
    private var composed = SIMD2<Double>(0, 0)

    init(face: FaceLandmarks, angle: Double, matte: PhotoCoverage?, style: FramingStyle) {
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
        let tightest = eyeToChin / Framing.maxEyeToChinFraction
        while height > tightest * 1.0001, Framing.crossesEdgeThePersonTouches(corners, matte: matte) {
            height = max(height * 0.98, tightest)
            tightened = true
            place(eyeLine: eyeLine)
        }
        var shift = SIMD2<Double>(0, 0)
        for _ in 0..<40 where Framing.crossesEdgeThePersonTouches(corners, matte: matte) {
            let c = corners, step = height * 0.005
            if c.map(\.y).max()! > Double(matte.height) { shift -= v * step }
            if c.map(\.y).min()! < 0 { shift += v * step }
            if c.map(\.x).max()! > Double(matte.width) { shift -= u * step }
            if c.map(\.x).min()! < 0 { shift += u * step }
            slid = true
            place(eyeLine: eyeLine, shift: shift)
        }
        cutsPerson = Framing.crossesEdgeThePersonTouches(corners, matte: matte)
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

    /// The frame's four corners in source pixels.
    var corners: [SIMD2<Double>] {
        let w = height * aspect
        return [origin, origin + u * w, origin + v * height, origin + u * w + v * height]
    }

    private mutating func place(eyeLine: Double, shift: SIMD2<Double> = .zero) {
        origin = u * (composed.x - height * aspect / 2) + v * (composed.y - eyeLine * height) + shift
    }
}

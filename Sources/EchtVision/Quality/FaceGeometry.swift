import Foundation

/// Measures that depend only on the landmarks: pose, eyes, mouth, smile, gaze.
enum FaceGeometry {
    static func point(_ p: [SIMD3<Float>], _ i: Int) -> SIMD2<Float> { SIMD2(p[i].x, p[i].y) }
    static func degrees(_ r: Float) -> Float { r * 180 / .pi }

    /// Head pose from the 3-D mesh: the face's right axis (33 → 263) and down axis
    /// (10 → 152, made orthogonal) give the normal.
    static func headPose(_ p: [SIMD3<Float>]) -> FaceReport.HeadPose {
        func normalize(_ v: SIMD3<Float>) -> SIMD3<Float> { v / (v * v).sum().squareRoot() }
        let ex = normalize(p[MeshIndex.imageRightEyeOuter] - p[MeshIndex.imageLeftEyeOuter])
        let down = p[MeshIndex.chin] - p[MeshIndex.foreheadTop]
        let ey = normalize(down - (down * ex).sum() * ex)
        // n = ex × ey points away from the camera for a frontal face; f = −n toward it.
        let n = SIMD3(ex.y * ey.z - ex.z * ey.y, ex.z * ey.x - ex.x * ey.z, ex.x * ey.y - ex.y * ey.x)
        let f = -n
        let yaw = degrees(atan2(f.x, -f.z))
        let pitch = degrees(atan2(-f.y, (f.x * f.x + f.z * f.z).squareRoot()))
        let roll = degrees(atan2(ex.y, ex.x))
        return FaceReport.HeadPose(yaw: yaw, pitch: pitch, roll: roll)
    }

    /// Lid gap over eye width. From the iris model's eye contour when present (points 0/8 are
    /// the corners, 4/12 the mid lower/upper lid; it follows closed lids, the mesh does not),
    /// otherwise from the mesh's corners and lids.
    static func eyeOpenness(_ p: [SIMD3<Float>], iris: Iris?, corners: (Int, Int), lids: (Int, Int)) -> Float {
        if let c = iris?.contour, c.count >= 16 {
            return simdLength(c[12] - c[4]) / max(simdLength(c[0] - c[8]), 1e-6)
        }
        return simdLength(point(p, lids.0) - point(p, lids.1)) / max(simdLength(point(p, corners.0) - point(p, corners.1)), 1e-6)
    }

    /// Inner-lip gap over mouth width.
    static func mouthOpenness(_ p: [SIMD3<Float>]) -> Float {
        simdLength(point(p, MeshIndex.innerUpperLip) - point(p, MeshIndex.innerLowerLip))
            / max(simdLength(point(p, MeshIndex.mouthLeft) - point(p, MeshIndex.mouthRight)), 1e-6)
    }

    /// Corner lift: how far the mouth corners sit above the midpoint of the lip centres, in
    /// the roll-free frame, over mouth width; mapped to 0...1 (lift 0 → 0, 0.15+ → 1).
    static func smile(_ p: [SIMD3<Float>]) -> (lift: Float, score: Float) {
        let left = point(p, MeshIndex.mouthLeft), right = point(p, MeshIndex.mouthRight)
        let width = max(simdLength(right - left), 1e-6)
        let axis = (right - left) / width
        let normal = SIMD2(-axis.y, axis.x) // points down on screen for a level face
        let centre = (point(p, MeshIndex.upperLipTop) + point(p, MeshIndex.lowerLipBottom)) / 2
        let corners = (left + right) / 2
        let lift = ((centre - corners) * normal).sum() / width
        return (lift, min(max(lift / 0.15, 0), 1))
    }

    /// Gaze from both irises: offsets along/across each eye's corner line as a fraction of eye width.
    static func gaze(_ p: [SIMD3<Float>], left: Iris?, right: Iris?, pose: FaceReport.HeadPose) -> FaceReport.Gaze? {
        guard let left, let right else { return nil }
        func offset(_ iris: Iris, _ a: Int, _ b: Int, _ upper: Int, _ lower: Int) -> SIMD2<Float> {
            let pa = point(p, a), pb = point(p, b)
            // Ordered image-left → image-right corner so "along" is toward the image right.
            let (l, r) = pa.x <= pb.x ? (pa, pb) : (pb, pa)
            let width = max(simdLength(r - l), 1e-6)
            let axis = (r - l) / width, normal = SIMD2(-axis.y, axis.x)
            let centre = (l + r) / 2 * 0.5 + (point(p, upper) + point(p, lower)) / 2 * 0.5
            let d = iris.center - centre
            return SIMD2((d * axis).sum() / width, (d * normal).sum() / width)
        }
        let o = (offset(right, MeshIndex.imageLeftEyeOuter, MeshIndex.imageLeftEyeInner, MeshIndex.imageLeftUpperLid, MeshIndex.imageLeftLowerLid)
            + offset(left, MeshIndex.imageRightEyeInner, MeshIndex.imageRightEyeOuter, MeshIndex.imageRightUpperLid, MeshIndex.imageRightLowerLid)) / 2
        // An eyeball turns about 120° per eye width of iris travel (iris at ±0.25 ≈ ±30°).
        let eyeYaw = o.x * 120, eyePitch = -o.y * 120
        let horizontal = pose.yaw + eyeYaw, vertical = pose.pitch + eyePitch
        let angle = (horizontal * horizontal + vertical * vertical).squareRoot()
        return FaceReport.Gaze(horizontal: o.x, vertical: o.y, angleFromCamera: angle,
                               towardCamera: 1 / (1 + (angle / 15) * (angle / 15)))
    }
}

import EchtVision

/// Index sets of MediaPipe's 468-point face mesh that the studio uses, and the measures derived
/// from them (eye centres, eye line, midline). Names follow the subject's own left and right.
enum MeshRegions {
    /// The face outline, clockwise from the forehead (FACEMESH_FACE_OVAL).
    static let faceOval = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
                           152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109]
    /// The subject's left eye contour (image right for a frontal face).
    static let leftEye = [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466]
    /// The subject's right eye contour (image left).
    static let rightEye = [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246]
    /// Subject's left eyebrow.
    static let leftBrow = [276, 283, 282, 295, 285, 300, 293, 334, 296, 336]
    /// Subject's right eyebrow.
    static let rightBrow = [46, 53, 52, 65, 55, 70, 63, 105, 66, 107]
    /// Outer lip contour.
    static let lipsOuter = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185]
    /// Inner lip contour (the mouth opening, where teeth show).
    static let lipsInner = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191]
    /// Nostrils and the nose underside, kept out of skin smoothing.
    static let nostrils = [98, 97, 2, 326, 327, 294, 278, 344, 440, 275, 4, 45, 220, 115, 48, 64]
    /// Points on the facial midline, top to bottom.
    static let midline = [10, 151, 9, 8, 168, 6, 197, 195, 5, 4, 1, 19, 94, 2, 164, 0, 17, 18, 200, 199, 175, 152]
    /// The chin's lowest point.
    static let chin = 152
    /// The forehead's top point.
    static let forehead = 10

    /// The 2-D points of a region.
    static func points(_ indices: [Int], of mesh: FaceLandmarks) -> [SIMD2<Float>] {
        indices.map { SIMD2(mesh.points[$0].x, mesh.points[$0].y) }
    }

    /// Mean of a set of mesh points.
    static func centroid(_ indices: [Int], of mesh: FaceLandmarks) -> SIMD2<Float> {
        points(indices, of: mesh).reduce(SIMD2<Float>(0, 0), +) / Float(indices.count)
    }

    /// Centre of the subject's right eye (image left): the iris when refined, else the contour mean.
    static func rightEyeCentre(_ mesh: FaceLandmarks) -> SIMD2<Float> {
        mesh.rightIris?.center ?? centroid(rightEye, of: mesh)
    }

    /// Centre of the subject's left eye (image right).
    static func leftEyeCentre(_ mesh: FaceLandmarks) -> SIMD2<Float> {
        mesh.leftIris?.center ?? centroid(leftEye, of: mesh)
    }

    /// The eye-line angle in radians (from the image-left eye to the image-right eye), y down.
    static func eyeLineAngle(_ mesh: FaceLandmarks) -> Double {
        let a = rightEyeCentre(mesh), b = leftEyeCentre(mesh)
        let (from, to) = a.x <= b.x ? (a, b) : (b, a)
        return atan2(Double(to.y - from.y), Double(to.x - from.x))
    }
}

#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

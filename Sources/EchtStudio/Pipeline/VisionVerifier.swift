import EchtImaging
import EchtVision

/// The honesty check's second look: runs EchtVision's detector and mesh on a finished headshot
/// and returns the face nearest the expected eye position.
public struct VisionVerifier: FaceVerifier {
    let analyzer: PortraitAnalyzer

    /// Wraps a loaded analyzer.
    public init(analyzer: PortraitAnalyzer) { self.analyzer = analyzer }

    /// The mesh of the face nearest `near`, or nil when no face is found.
    public func landmarks(in image: Image, near: SIMD2<Float>) throws -> FaceLandmarks? {
        let faces = try analyzer.analyse(image, matte: false).faces.compactMap(\.face.landmarks)
        return faces.min { a, b in
            simd_distance(MeshRegions.centroid(MeshRegions.leftEye + MeshRegions.rightEye, of: a), near)
                < simd_distance(MeshRegions.centroid(MeshRegions.leftEye + MeshRegions.rightEye, of: b), near)
        }
    }
}

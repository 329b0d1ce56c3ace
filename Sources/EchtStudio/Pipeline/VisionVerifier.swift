import EchtImaging
import EchtVision

/// The honesty check's second look: runs EchtVision's mesh and iris models on a finished
/// headshot, cropped where the input's landmarks say the face must be (tracking mode, so a
/// close-up the detector cannot frame is still checked), and returns what the pixels show.
/// Where the mesh is unsure in that crop (a face turned away), it falls back to detecting
/// faces afresh and takes the one nearest the expected eyes.
public struct VisionVerifier: FaceVerifier {
    let analyzer: PortraitAnalyzer

    /// Wraps a loaded analyzer.
    public init(analyzer: PortraitAnalyzer) { self.analyzer = analyzer }

    /// The mesh and irises found around `expected`, or nil when the model sees no face there.
    public func landmarks(in image: Image, expected: FaceLandmarks) throws -> FaceLandmarks? {
        if let found = try analyzer.mesh.landmarks(in: image, tracking: expected) {
            return try analyzer.irises.refine(found, in: image)
        }
        let eyes = MeshRegions.centroid(MeshRegions.leftEye + MeshRegions.rightEye, of: expected)
        // The faces alone: the quality reports `analyse` adds are not read here.
        let faces = try analyzer.faces(in: image).compactMap(\.landmarks)
        return faces.min { a, b in
            simd_distance(MeshRegions.centroid(MeshRegions.leftEye + MeshRegions.rightEye, of: a), eyes)
                < simd_distance(MeshRegions.centroid(MeshRegions.leftEye + MeshRegions.rightEye, of: b), eyes)
        }
    }
}

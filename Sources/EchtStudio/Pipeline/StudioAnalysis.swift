import EchtImaging
import EchtVision

/// What the vision stack found in a photo: the input to the studio pipeline, so the pipeline
/// itself runs (and is tested) without any model.
public struct StudioAnalysis: Sendable, Equatable {
    /// Every face found, in any order.
    public var faces: [Face]
    /// The person matte at the photo's size.
    public var matte: PersonMatte

    /// Creates an analysis.
    public init(faces: [Face], matte: PersonMatte) {
        self.faces = faces; self.matte = matte
    }

    /// Faces ordered largest first (by detection box area): the order `--face N` counts in.
    public var facesBySize: [Face] {
        faces.sorted { $0.detection.box.width * $0.detection.box.height > $1.detection.box.width * $1.detection.box.height }
    }
}

/// Finds the face mesh in a finished headshot so the honesty check can compare it with the
/// input's. The CLI supplies one backed by EchtVision; tests supply their own.
public protocol FaceVerifier: Sendable {
    /// The mesh found in `image` (linear RGB) where `expected` (the input's landmarks mapped
    /// into output pixels) says the face is, or nil when no face is there.
    func landmarks(in image: Image, expected: FaceLandmarks) throws -> FaceLandmarks?
}

/// Options that do not belong to a look.
public struct StudioOptions: Sendable {
    /// Web and print sizes cut from each headshot.
    public var presets: [OutputPreset]
    /// Re-detects the face on the output for the geometry check; nil skips that check.
    public var verifier: (any FaceVerifier)?
    /// Name of the input file, for messages and the edit record.
    public var sourceName: String

    /// Creates options.
    public init(presets: [OutputPreset] = OutputPreset.standard, verifier: (any FaceVerifier)? = nil, sourceName: String = "photo") {
        self.presets = presets; self.verifier = verifier; self.sourceName = sourceName
    }
}

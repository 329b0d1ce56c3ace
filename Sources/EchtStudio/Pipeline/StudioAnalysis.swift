import EchtImaging
import EchtVision

/// What the vision stack found in a photo: the input to the studio pipeline, so the pipeline
/// itself runs (and is tested) without any model.
public struct StudioAnalysis: Sendable, Equatable {
    /// Every face found, in any order.
    public var faces: [Face]
    /// Each face's own person matte, in the order of `faces` (nil: not made, e.g. for a face
    /// that is not rendered). See `addingMattes`.
    public var mattes: [PersonMatte?]

    /// Creates an analysis with one matte per face (nil where none was made).
    public init(faces: [Face], mattes: [PersonMatte?]) {
        precondition(faces.count == mattes.count, "one matte (or nil) per face")
        self.faces = faces; self.mattes = mattes
    }

    /// Creates an analysis whose faces share one whole-photo matte (a portrait of one person).
    public init(faces: [Face], matte: PersonMatte) {
        self.init(faces: faces, mattes: Array(repeating: matte, count: faces.count))
    }

    /// The matte made for `face`, if any.
    public func matte(for face: Face) -> PersonMatte? {
        faces.firstIndex(of: face).flatMap { mattes[$0] }
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
    /// The `verifier`'s landmarks on the input, found ahead for the faces to be rendered; a
    /// render whose face has none here finds them itself.
    public var inputLandmarks: [InputLandmarks]
    /// Notes on what was done to the photo before framing (a turn upright), for every headshot.
    public var photoNotes: [String]
    /// Edits made to the photo before framing, recorded after opening it and before the crop.
    public var photoEdits: [EditAction]
    /// Advice on the photo per face (`PhotoAdvice`), said after `photoNotes` beside each of that
    /// face's headshots; a face not listed gets none.
    public var advice: [PhotoAdvice.ForFace]

    /// Creates options.
    public init(presets: [OutputPreset] = OutputPreset.standard, verifier: (any FaceVerifier)? = nil, sourceName: String = "photo",
                inputLandmarks: [InputLandmarks] = [], photoNotes: [String] = [], photoEdits: [EditAction] = [],
                advice: [PhotoAdvice.ForFace] = []) {
        self.presets = presets; self.verifier = verifier; self.sourceName = sourceName; self.inputLandmarks = inputLandmarks
        self.photoNotes = photoNotes; self.photoEdits = photoEdits; self.advice = advice
    }
}

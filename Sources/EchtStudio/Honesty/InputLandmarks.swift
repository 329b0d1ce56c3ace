import EchtImaging
import EchtVision

/// The landmarks a `FaceVerifier` finds on the input photo around one face's mesh: the
/// reference the landmarks found on each output are compared with. They are the same for
/// every look of that face, so a session finds them once per face and passes them in
/// `StudioOptions.inputLandmarks`.
public struct InputLandmarks: Sendable {
    /// The face's mesh from the analysis, around which the verifier searched.
    public let expected: FaceLandmarks
    /// What the verifier found (`expected` itself when it saw no face there), or why it could not run.
    let found: Result<FaceLandmarks, any Error>

    /// Runs `verifier` on `image` around `expected` (the mesh of the face to be rendered).
    public init(image: Image, expected: FaceLandmarks, verifier: any FaceVerifier) {
        self.expected = expected
        found = Result { try verifier.landmarks(in: image, expected: expected) ?? expected }
    }
}

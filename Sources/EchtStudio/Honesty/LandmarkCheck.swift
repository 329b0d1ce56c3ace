import EchtImaging
import EchtVision

/// The landmark check of one rendered headshot (the second half of the pipeline's step 7),
/// kept apart so that it can run after its render returns: `StudioPipeline.render` runs it
/// before returning; `StudioSession` runs it beside the headshot's file writes, which do not
/// depend on it. Both sides are measured alike: the mesh in tracking mode around the input's
/// landmarks, once on the input and once on the output, so a face the detector's crop fits less
/// surely (looking down) adds no crop-to-crop difference of its own.
struct LandmarkCheck: Sendable {
    /// The input's side: the verifier's landmarks around the face's mesh in the input photo.
    let input: InputLandmarks
    /// The same mesh mapped into the headshot.
    let outMesh: FaceLandmarks
    /// Headshot pixel → input photo pixel.
    let transform: SimilarityTransform
    /// The headshot to check.
    let headshot: Image
    /// Where the check's notes go among the result's notes (after the framing's).
    let notesIndex: Int

    /// The check's landmark error (mean, max) on `verifier`, and its notes when it could not run.
    func run(verifier: any FaceVerifier) -> (mean: Double?, max: Double?, notes: [String]) {
        do {
            let found = try input.found.get()
            guard let output = try verifier.landmarks(in: headshot, expected: outMesh) else {
                return (nil, nil, ["The face was not found again on the output, so the landmark check did not run."])
            }
            let (mean, max) = HonestyMeasures.landmarkError(input: found, output: output, transform: transform)
            return (mean, max, [])
        } catch {
            return (nil, nil, ["The landmark check could not run: \(error)."])
        }
    }

    /// `result` (rendered without the check) with the check's outcome from `run`.
    func applied(_ outcome: (mean: Double?, max: Double?, notes: [String]), to result: StudioResult) -> StudioResult {
        var out = result
        out.honesty.landmarkErrorMean = outcome.mean
        out.honesty.landmarkErrorMax = outcome.max
        out.notes.insert(contentsOf: outcome.notes, at: min(notesIndex, out.notes.count))
        return out
    }
}

import EchtImaging
import EchtVision
import Foundation

extension StudioSession {
    /// A photo as the studio works on it: upright, with its faces, and what turning it took.
    struct UprightPhoto: Sendable {
        /// The photo, turned where that made a face upright.
        let image: Image
        /// Its faces (no mattes yet).
        let analysis: StudioAnalysis
        /// Quarter turns clockwise applied to the decoded photo (0 when it was upright).
        let quarterTurns: Int

        /// The note every headshot of a turned photo carries.
        var notes: [String] {
            guard quarterTurns != 0 else { return [] }
            return ["The face is upright only with the photo turned \(Self.words(quarterTurns)), so the headshot is made from the turned photo (has the photo lost its orientation tag?)."]
        }

        /// The turn, as the first edit after opening the photo.
        var edits: [EditAction] {
            guard quarterTurns != 0 else { return [] }
            return [EditAction(action: "c2pa.orientation", description: "Turned the photo \(Self.words(quarterTurns)) so that its face is upright.",
                               parameters: ["quarterTurnsClockwise": "\(quarterTurns)"])]
        }

        /// A turn of 1...3 quarters clockwise in words.
        static func words(_ turns: Int) -> String {
            switch turns {
            case 1: "90° clockwise"
            case 2: "upside down"
            default: "90° counterclockwise"
            }
        }
    }

    /// The faces of `image`, turned upright where they are not. When no face is found, the photo
    /// turned a quarter clockwise, a quarter counterclockwise and upside down is searched in that
    /// order for a face of a portrait's size (`leastTurnedFace`); `noFace` when none shows one.
    /// Then the face to render (`faceIndex`, else `StudioPipeline.defaultFace`) decides: one
    /// lying on its side (a lost orientation tag, or a person lying down; the framing levels only
    /// 15°) turns the photo by the quarter turns that bring its eyes within 45° of level, and one
    /// the detector scores clearly higher turned upside down (`FaceDetector.isUpsideDown`: the
    /// search and the mesh can take an upside-down face for an upright one, eyes and mouth
    /// swapped) turns it a half turn; a turned photo's faces are found again.
    func uprightAnalysis(_ image: Image, name: String, faceIndex: Int?) throws(StudioError) -> UprightPhoto {
        let photo = try facesFound(in: image, name: name)
        let faces = photo.analysis.facesBySize
        let number = faceIndex ?? StudioPipeline.defaultFace(in: photo.analysis, width: photo.image.width, height: photo.image.height).number
        let lead = faces[min(max(number - 1, 0), faces.count - 1)]
        var turns = Self.quarterTurnsToUpright(lead)
        if turns == 0, (try? analyzer.detector.isUpsideDown(lead.detection.box, in: photo.image)) == true {
            turns = 2
        }
        guard turns != 0 else { return photo }
        let turned = photo.image.quarterTurned(clockwise: turns)
        guard let again = try? analyse(turned, name: name) else { return photo }
        return UprightPhoto(image: turned, analysis: again, quarterTurns: (photo.quarterTurns + turns) % 4)
    }

    /// `image` with its faces as stored; when it has none, the first of the photo turned a quarter
    /// clockwise, a quarter counterclockwise and upside down that shows a portrait-sized face
    /// (`leastTurnedFace`); `noFace` when none does.
    func facesFound(in image: Image, name: String) throws(StudioError) -> UprightPhoto {
        do throws(StudioError) {
            return UprightPhoto(image: image, analysis: try analyse(image, name: name), quarterTurns: 0)
        } catch {
            guard case .noFace = error else { throw error }
            // Only a face large enough to be a portrait's counts: a turned scene can show a
            // face-like speck (the beach photo of `../shared/photos/dev`, turned, showed one of 15 px).
            let least = max(Self.leastTurnedFace, Float(min(image.width, image.height)) * Self.leastTurnedFaceShare)
            for turns in [1, 3, 2] {
                let turned = image.quarterTurned(clockwise: turns)
                if let found = try? analyse(turned, name: name), let face = found.facesBySize.first,
                   min(face.detection.box.width, face.detection.box.height) >= least {
                    return UprightPhoto(image: turned, analysis: found, quarterTurns: turns)
                }
            }
            throw error
        }
    }

    /// The least side, in pixels, of a face found only in a turned photo.
    static let leastTurnedFace: Float = 40
    /// The least side of such a face as a share of the photo's shorter side.
    static let leastTurnedFaceShare: Float = 0.08

    /// The quarter turns clockwise (0...3) that bring `face`'s eye line, from the subject's right
    /// eye to their left, within 45° of level and the right way up; 0 without a mesh.
    static func quarterTurnsToUpright(_ face: Face) -> Int {
        guard let mesh = face.landmarks else { return 0 }
        let right = MeshRegions.rightEyeCentre(mesh), left = MeshRegions.leftEyeCentre(mesh)
        // Clockwise on the screen (y down) is positive.
        let degrees = atan2(Double(left.y - right.y), Double(left.x - right.x)) * 180 / .pi
        let quarters = Int((degrees / 90).rounded())
        return ((-quarters % 4) + 4) % 4
    }

    /// Makes the matte's reduced copies of the whole photo (`MatteRefiner.levels`) on a thread
    /// of their own; `done` is left when they are in the slot.
    static func startLevels(of image: Image, refiner: MatteRefiner, since start: Date) -> (levels: ResultSlots<PhotoLevels>, done: DispatchGroup) {
        let levels = ResultSlots<PhotoLevels>(count: 1)
        let done = DispatchGroup()
        done.enter()
        DispatchQueue.global().async {
            levels.set(0) { () throws(StudioError) -> PhotoLevels in refiner.levels(of: image, concurrent: false) }
            Trace.mark("whole photo levels", since: start)
            done.leave()
        }
        return (levels, done)
    }

    /// The faces from the vision stack, no mattes yet (`StudioAnalysis.addingMattes` makes the
    /// rendered faces' own) and no quality reports (the studio reads none); no face is an error here.
    func analyse(_ image: Image, name: String) throws(StudioError) -> StudioAnalysis {
        let faces: [Face]
        do { faces = try analyzer.faces(in: image) } catch { throw .vision(error.description) }
        guard !faces.isEmpty else { throw .noFace(name) }
        return StudioAnalysis(faces: faces, mattes: Array(repeating: nil, count: faces.count))
    }
}

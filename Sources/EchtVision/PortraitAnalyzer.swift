import EchtImaging
import Foundation

/// The one entry point the studio uses: faces (largest first) with 468 landmarks, irises and
/// a quality report each, plus an optional full-resolution person matte.
///
/// ```swift
/// let analyzer = try PortraitAnalyzer()                      // models from ECHT_MODELS or ~/.cache/echt/models
/// let result = try analyzer.analyse(photo, matte: true)      // photo: upright, linear EchtImaging.Image
/// if result.noFaceFound { … } else { let main = result.faces[0] }
/// ```
/// Loading reads the five `.tflite` files once; `analyse` can then be called from many tasks.
public struct PortraitAnalyzer: Sendable {
    /// Options for the stages.
    public struct Options: Sendable, Equatable {
        /// Face search.
        public var detector = FaceDetector.Options()
        /// Matte refinement.
        public var matte = MatteRefiner.Options()
        /// Keep in the matte only the people whose faces were found (drops bystanders).
        public var matteSubjectsOnly = true
        /// Run the second mesh pass (ROI from the first pass's landmarks); more precise.
        public var refineMesh = true
        /// Creates the defaults.
        public init() {}
    }

    /// `ECHT_MODELS` if set, otherwise `~/.cache/echt/models`.
    public static var defaultModelsDirectory: URL {
        if let env = ProcessInfo.processInfo.environment["ECHT_MODELS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/echt/models")
    }

    /// The face detector.
    public let detector: FaceDetector
    /// The mesh model.
    public let mesh: FaceMesh
    /// The iris model.
    public let irises: IrisRefiner
    /// The segmentation model.
    public let segmenter: SelfieSegmenter
    /// The options in use.
    public let options: Options

    /// Loads the five models from `modelsDirectory`.
    public init(modelsDirectory: URL = PortraitAnalyzer.defaultModelsDirectory, options: Options = Options()) throws(VisionError) {
        self.options = options
        detector = try FaceDetector(modelsDirectory: modelsDirectory, options: options.detector)
        mesh = try FaceMesh(modelsDirectory: modelsDirectory)
        irises = try IrisRefiner(modelsDirectory: modelsDirectory)
        segmenter = try SelfieSegmenter(modelsDirectory: modelsDirectory)
    }

    /// Analyses an upright photo. No face is a result (`noFaceFound`), not an error; errors
    /// mean a model could not run.
    public func analyse(_ image: Image, matte wantMatte: Bool) throws(VisionError) -> PortraitAnalysis {
        var faces: [PortraitAnalysis.AnalysedFace] = []
        var unconfirmed: [FaceDetection] = []
        for detection in try detector.detectFaces(in: image) {
            guard var landmarks = try mesh.landmarks(in: image, for: detection, refine: options.refineMesh) else {
                unconfirmed.append(detection)
                continue
            }
            landmarks = try irises.refine(landmarks, in: image)
            let face = Face(detection: detection, landmarks: landmarks)
            let report = FaceReport(face: face, landmarks: landmarks, in: image)
            faces.append(.init(face: face, report: report, issues: PortraitAnalysis.AnalysedFace.issues(for: report)))
        }
        var personMatte: PersonMatte?
        if wantMatte {
            var coarse = try segmenter.coarseMask(for: image)
            if options.matteSubjectsOnly {
                coarse = SubjectMask.keepingSubjects(coarse, faceCentres: faces.map { $0.face.detection.box.center },
                                                     imageWidth: image.width, imageHeight: image.height)
            }
            personMatte = MatteRefiner(options: options.matte).refine(coarseMask: coarse, photo: image)
        }
        return PortraitAnalysis(faces: faces, unconfirmedDetections: unconfirmed, matte: personMatte,
                                imageWidth: image.width, imageHeight: image.height)
    }

    /// Only the person matte (every person; no face search).
    public func matte(for image: Image) throws(VisionError) -> PersonMatte {
        MatteRefiner(options: options.matte).refine(coarseMask: try segmenter.coarseMask(for: image), photo: image)
    }
}

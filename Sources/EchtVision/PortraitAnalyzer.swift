import EchtImaging
import Foundation

/// The one entry point the studio uses: faces (largest first) with 468 landmarks, irises and
/// a quality report each, plus an optional full-resolution person matte of everyone whose face
/// was found; `subjectMatte(for:among:in:region:neighbours:)` gives one person's own matte.
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
        /// Mesh presence a questionable detection (`FaceDetector.isQuestionable`) needs to count.
        public var questionablePresence: Float = 0.9
        /// Mesh presence at which the first box that fits is taken. Below it the fit may sit in
        /// the wrong place (a head looking down 30–50°: the short-range box's eye keypoints lie
        /// on the forehead and turn the crop 24°; presence 0.68, irises on the forehead), so the
        /// candidate's other boxes are tried too and the most confident fit is kept. On the dev
        /// photos every other face the boxes confirm reaches 0.95, but one in the crowd (0.76 on
        /// its boxes; its flipped crop, `mirroredRetry`, reaches 0.99).
        public var confidentPresence: Float = 0.9
        /// Alternative boxes of a face tried when the mesh rejects the detector's own.
        public var alternativesTried = 3
        /// The most detections confirmed by the mesh, largest first (each costs 40–70 ms of CPU
        /// when the mesh rejects it). The crowd photo has 32; a strip 8 px wide and 6000 long,
        /// pure noise, had 977 (40 s).
        public var mostCandidates = 100
        /// When no box reaches `confidentPresence`, run the mesh on each box's crop flipped
        /// left–right too and keep the most confident fit of both views. The mesh model is not
        /// mirror-symmetric: the backlit head-turn portrait mirrored gives presence 0.29 at
        /// most on its boxes and 0.98 on its crops flipped (the original photo: 0.95). On the
        /// dev photos, as they are, mirrored and scaled 0.8× and 1.25×, it adds faces only in
        /// the crowd and the low-light photo (hidden by a fist, sunglasses, a dim hat), no false one.
        public var mirroredRetry = true
        /// Search a rejected candidate again with the short-range model on zoomed squares
        /// (`FaceDetector.zoomedProposals`) and let the mesh judge those crops.
        public var zoomConfirmation = true
        /// Pass-1 mesh presence a zoomed proposal needs (any detector score). On the dev photos
        /// the non-faces' proposals reach at most 0.43; the faces they confirm 0.92 (a dim 15 px
        /// child nothing else confirms), 0.99 and 1.00.
        public var zoomPresence: Float = 0.7
        /// Largest candidate side, in pixels, searched again with zoomed proposals. Larger faces
        /// fill the mesh crop well enough already: on the dev photos the proposals confirmed no
        /// face above it that the plain boxes missed, and cost 20 ms per rejected candidate.
        public var zoomLargestFace: Float = 32
        /// Try a dim, small candidate that nothing else confirms on shifted and rescaled crops,
        /// each fit checked by the mesh's second pass (`DimCropRetry`). On the dev photos, as
        /// they are, mirrored and scaled 0.8× and 1.25×, it confirms the low-light woman in the
        /// brown hat (both passes 0.94 and 0.98 as is; found at 1.25× too) and no dim
        /// non-face (bark: 0.48 at most on both).
        public var dimRetry = true
        /// A confirmed face whose box overlaps the box of a face at least this many times wider
        /// (by `partOverlap` of its own area or more) is a part of that face, not a face: the
        /// Apollo 11 photo scaled 1.25× gave Armstrong's ear as a 19 px face (presence 0.77,
        /// 24 % of its box inside his 66 px one). On the dev photos as they are, mirrored and
        /// scaled 0.8× and 1.25×, real faces that overlap differ in width by 1.3× at most and
        /// share 4 % of the smaller box at most.
        public var partSizeRatio: Float = 2
        /// See `partSizeRatio`.
        public var partOverlap: Float = 0.1
        /// A confirmed face sharing this much of its box with a larger one (intersection over
        /// the smaller box) is a second fit of the same head: the office photo in black and
        /// white, saved as JPEG at quality 60 or 65, gave the man looking down twice, his face
        /// (110 px) and, from a box on his forehead, a 98 px face sharing 31 % with it. On the
        /// dev photos as they are, mirrored, scaled 0.8× and 1.25×, and saved as JPEG at quality
        /// 50–95 in colour and in black and white, real faces share 4.2 % of the smaller box at
        /// most (two neighbours in the crowd).
        public var duplicateOverlap: Float = 0.25
        /// A confirmed face at least this many times narrower than another face, lying on that
        /// face's chest (`chestBand`), is a pattern on the person's clothes, not a face: the
        /// elderly outdoor portrait in black and white, saved as JPEG at quality 60, gave a
        /// four-hole shirt button as a 16 px face (presence 0.93) under his 326 px one. Someone
        /// behind a person is hidden there by that person. On the dev photos as they are,
        /// mirrored, scaled 0.8× and 1.25×, and saved as JPEG at quality 50–95 in colour and in
        /// black and white, real faces differ in width by 3.1× at most (the low-light photo's
        /// child, beside a man, not under him).
        public var chestSizeRatio: Float = 4
        /// The chest of a face, in its own frame (eye line level) and its box's sides: from
        /// `dy.lowerBound` to `dy.upperBound` heights below its centre, at most `halfWidth`
        /// widths to either side of it.
        public var chestBand = ChestBand(dy: 0.75...4, halfWidth: 0.75)
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
        let (found, unconfirmed) = try search(image)
        let faces = try found.map { (face, landmarks) throws(VisionError) in
            let report = FaceReport(face: face, landmarks: landmarks, in: image)
            var issues = report.issues
            if !issues.contains(.onItsSide), try detector.isUpsideDown(face.detection.box, in: image) { issues.append(.upsideDown) }
            return PortraitAnalysis.AnalysedFace(face: face, report: report, issues: issues)
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

    /// The faces of `analyse`, in its order, without their quality reports or a matte: all the
    /// studio reads of an analysis.
    public func faces(in image: Image) throws(VisionError) -> [Face] {
        try search(image).faces.map(\.face)
    }

    /// The confirmed faces (each with its mesh and irises) and the detections no mesh confirmed.
    func search(_ image: Image) throws(VisionError) -> (faces: [(face: Face, landmarks: FaceLandmarks)], unconfirmed: [FaceDetection]) {
        var faces: [(face: Face, landmarks: FaceLandmarks)] = []
        var unconfirmed: [FaceDetection] = []
        // A small hit inside a face already found is a part of it (an ear, an eye).
        func isPart(_ candidate: FaceCandidate) -> Bool {
            faces.contains { FaceDetector.overlap($0.face.detection.box, candidate.detection.box) > 0.5 }
        }
        // Confirming a candidate reads only the photo; whether it is needed depends on the faces
        // found before it. So candidates are confirmed as many at once as there are cores, ahead
        // of that decision, and taken in order as before: one that a face found meanwhile makes a
        // part is dropped unread. The faces are those of one candidate after another.
        let candidates = Array(try detector.detectCandidates(in: image).prefix(options.mostCandidates))
        let atOnce = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for start in stride(from: 0, to: candidates.count, by: atOnce) {
            let batch = Array(candidates[start..<min(start + atOnce, candidates.count)])
            let needed = batch.map { !isPart($0) }
            let confirmed = Concurrently.map(batch.count) { k in
                Result { () throws(VisionError) in needed[k] ? try confirm(batch[k], in: image) : nil }
            }
            for (candidate, outcome) in zip(batch, confirmed) {
                if isPart(candidate) { continue }
                guard let (detection, found) = try outcome.get() else {
                    unconfirmed.append(candidate.detection)
                    continue
                }
                var landmarks = found
                // Two detections of one face (e.g. from neighbouring tiles) give the same mesh.
                let meshBox = Self.bounds(of: landmarks)
                if faces.contains(where: { FaceDetector.overlap(Self.bounds(of: $0.landmarks), meshBox) > 0.5 }) { continue }
                landmarks = try irises.refine(landmarks, in: image)
                faces.append((Face(detection: detection, landmarks: landmarks), landmarks))
            }
        }
        // The box that confirmed a face may be an alternative of another size than the candidate's.
        faces.sort { $0.face.detection.box.width * $0.face.detection.box.height > $1.face.detection.box.width * $1.face.detection.box.height }
        let boxes = faces.map(\.face.detection.box)
        let detections = faces.map(\.face.detection)
        let kept = faces.indices.filter { k in
            !isPartOfLargerFace(boxes[k], among: boxes) && !options.duplicatesLargerFace(boxes[k], among: boxes[..<k])
                && !options.liesOnChestOfLargerFace(detections[k], among: detections)
        }
        return (kept.map { faces[$0] }, unconfirmed)
    }

    /// Whether `box` lies on a face box at least `Options.partSizeRatio` times wider (an ear or a
    /// hand beside a face), sharing `Options.partOverlap` of its own area or more.
    func isPartOfLargerFace(_ box: PixelRect, among boxes: [PixelRect]) -> Bool {
        boxes.contains { other in
            other.width >= options.partSizeRatio * box.width && FaceDetector.overlap(other, box) >= options.partOverlap
        }
    }

    /// The box of the candidate that the mesh confirms, with its landmarks. Tried in order: the
    /// detection (crop 1×, then 1.3×), then up to `Options.alternativesTried` alternatives; the
    /// first fit reaching `confidentPresence` is taken, otherwise (with `mirroredRetry`) the
    /// same crops are tried flipped, and the most confident fit of all is kept.
    /// Questionable boxes (`FaceDetector.isQuestionable`) need `questionablePresence`. When
    /// none is confirmed, `zoomConfirm` tries the short-range model's zoomed proposals, then
    /// `DimCropRetry` shifted and rescaled crops of a dim, small candidate.
    func confirm(_ candidate: FaceCandidate, in image: Image) throws(VisionError) -> (FaceDetection, FaceLandmarks)? {
        let crops = [(candidate.detection, 1.0), (candidate.detection, FaceMesh.retryCropScale)]
            + candidate.alternatives.sorted { $0.score > $1.score }.prefix(options.alternativesTried).map { ($0, 1.0) }
        let tries = crops.map { ($0.0, $0.1, false) } + (options.mirroredRetry ? crops.map { ($0.0, $0.1, true) } : [])
        var best: (FaceDetection, FaceLandmarks)?
        for (detection, scale, mirrored) in tries {
            guard let landmarks = try mesh.landmarks(in: image, for: detection, refine: options.refineMesh, cropScale: scale,
                                                     mirrored: mirrored),
                  Self.meshAgrees(landmarks, with: detection),
                  !FaceDetector.isQuestionable(detection) || landmarks.presence >= options.questionablePresence
            else { continue }
            if landmarks.presence >= options.confidentPresence { return (detection, landmarks) }
            if landmarks.presence > best?.1.presence ?? 0 { best = (detection, landmarks) }
        }
        if let best { return best }
        let box = candidate.detection.box
        if options.zoomConfirmation, max(box.width, box.height) <= options.zoomLargestFace,
           let zoomed = try zoomConfirm(candidate.detection, in: image) { return zoomed }
        let retry = DimCropRetry()
        guard options.dimRetry, retry.applies(to: candidate.detection, in: image),
              let landmarks = try retry.landmarks(in: image, for: candidate.detection, mesh: mesh) else { return nil }
        return (candidate.detection, landmarks)
    }

    /// The last resort for a candidate the mesh rejected on every box: the short-range model's
    /// zoomed proposals, each judged by the mesh on two crops (`FaceMesh.bestLandmarks`); the
    /// first whose pass-1 presence reaches `zoomPresence` and whose mesh lies on the candidate
    /// confirms it.
    func zoomConfirm(_ detection: FaceDetection, in image: Image) throws(VisionError) -> (FaceDetection, FaceLandmarks)? {
        for proposal in try detector.zoomedProposals(around: detection.box, in: image) {
            guard let landmarks = try mesh.bestLandmarks(in: image, for: proposal, firstPassAtLeast: options.zoomPresence,
                                                         refine: options.refineMesh),
                  Self.meshAgrees(landmarks, with: detection) else { continue }
            return (proposal, landmarks)
        }
        return nil
    }

    /// Whether the mesh lies on the detected face: its centre within half a box side of the
    /// box centre and its size within 0.5...2 × the box's. A wide crop around a small false
    /// hit can make the mesh find the real face next to it instead.
    static func meshAgrees(_ landmarks: FaceLandmarks, with detection: FaceDetection) -> Bool {
        let mesh = bounds(of: landmarks), box = detection.box
        let side = max(box.width, box.height), meshSide = max(mesh.width, mesh.height)
        let d = mesh.center - box.center
        return (d.x * d.x + d.y * d.y).squareRoot() <= side / 2 && meshSide >= side / 2 && meshSide <= side * 2
    }

    /// The bounding box of the 468 mesh points.
    static func bounds(of landmarks: FaceLandmarks) -> PixelRect {
        let xs = landmarks.points.map(\.x), ys = landmarks.points.map(\.y)
        return PixelRect(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!)
    }

    /// Only the person matte (every person; no face search).
    public func matte(for image: Image) throws(VisionError) -> PersonMatte {
        MatteRefiner(options: options.matte).refine(coarseMask: try segmenter.coarseMask(for: image), photo: image)
    }
}

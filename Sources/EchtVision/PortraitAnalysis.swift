/// Everything EchtVision knows about one photo.
public struct PortraitAnalysis: Sendable, Equatable {
    /// A face confirmed by the mesh, with its report.
    public struct AnalysedFace: Sendable, Equatable {
        /// Detection and landmarks (landmarks are always present here).
        public var face: Face
        /// The measures.
        public var report: FaceReport
        /// Things a portrait tool should know before using this face.
        public var issues: [FaceIssue]
    }

    /// Confirmed faces, largest box first.
    public var faces: [AnalysedFace]
    /// Detector hits the mesh model did not confirm (presence < 0.5): usually not faces, or
    /// faces too small, too turned or too covered to measure.
    public var unconfirmedDetections: [FaceDetection]
    /// The person matte, when requested.
    public var matte: PersonMatte?
    /// Width of the analysed image in pixels.
    public var imageWidth: Int
    /// Height of the analysed image in pixels.
    public var imageHeight: Int

    /// True when no face was confirmed: a result the studio acts on, not an error.
    public var noFaceFound: Bool { faces.isEmpty }
}

/// A reason to be careful with a face.
public enum FaceIssue: String, Sendable, Equatable, Codable, CaseIterable {
    /// Fewer than 30 px between the eyes: too small for a headshot.
    case tooSmall
    /// Head turned more than 45° (towards profile).
    case turnedAway
    /// Head nodded more than 40° (pitch): the chin towards the chest, or raised high.
    case chinFarDownOrUp
    /// Both eyes' openness below 0.12.
    case eyesClosed
    /// Iris refinement failed or eyes not measurable.
    case eyesNotMeasured
    /// Eye sharpness below 0.2 (motion blur or missed focus).
    case soft
    /// More than 5 % of the skin blown out.
    case highlightsClipped
    /// The eye line tilted more than 45° in the picture (roll): a photo stored on its side
    /// without its orientation tag, or a person lying down (the studio turns such a photo upright).
    case onItsSide
    /// The short-range model scores the face clearly higher with the photo turned upside down
    /// (`FaceDetector.isUpsideDown`): a photo stored upside down without its orientation tag
    /// (the studio turns it). Its pose and measures take it for a face the right way up.
    case upsideDown
}

extension FaceReport {
    /// The reasons to be careful with this face that its measures give (all but `upsideDown`,
    /// which needs the detector), in `FaceIssue`'s order.
    public var issues: [FaceIssue] {
        var out: [FaceIssue] = []
        if size.interocularPixels < 30 { out.append(.tooSmall) }
        if abs(headPose.yaw) > 45 { out.append(.turnedAway) }
        if abs(headPose.pitch) > 40 { out.append(.chinFarDownOrUp) }
        if max(imageLeftEyeOpenness, imageRightEyeOpenness) < 0.12 { out.append(.eyesClosed) }
        if gaze == nil { out.append(.eyesNotMeasured) }
        if eyeSharpness < 0.2 { out.append(.soft) }
        if exposure.clippedHighlights > 0.05 { out.append(.highlightsClipped) }
        if abs(headPose.roll) > 45 { out.append(.onItsSide) }
        return out
    }
}

extension FaceIssue {
    /// The issue in a few plain words ("eyes closed"), for people; the raw value is for scripts.
    public var inWords: String {
        switch self {
        case .tooSmall: "face too small"
        case .turnedAway: "head turned away"
        case .chinFarDownOrUp: "head bowed or chin raised"
        case .eyesClosed: "eyes closed"
        case .eyesNotMeasured: "eyes not measured"
        case .soft: "eyes not sharp"
        case .highlightsClipped: "skin blown to white"
        case .onItsSide: "on its side"
        case .upsideDown: "upside down"
        }
    }
}

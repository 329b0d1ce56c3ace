import EchtImaging
import EchtVision
import Foundation

/// What a photographer would say about the photo itself before making a headshot of it: the
/// eyes are closed, the head is turned away, bowed or raised, the eyes are out of focus, the
/// skin is blown to white. No honest edit changes any of these (they are the moment the camera
/// saw), so the studio says them, for each face it makes, beside every look's headshot: the user
/// can pick another frame of the shoot. The thresholds are `FaceReport.issues`', as `echt
/// analyse` shows.
public enum PhotoAdvice {
    /// One face's advice.
    public struct ForFace: Sendable, Equatable {
        /// The face, as found in the upright photo.
        public var face: Face
        /// What it is advised for, in `FaceIssue`'s order.
        public var issues: [FaceIssue]
        /// A note for each of `issues`.
        public var notes: [String]

        /// Creates one face's advice.
        public init(face: Face, issues: [FaceIssue], notes: [String]) {
            self.face = face; self.issues = issues; self.notes = notes
        }
    }

    /// The advice for `face` (with its mesh) in the upright `image` it was found in; none for a
    /// face without a mesh.
    public static func forFace(_ face: Face, in image: Image) -> ForFace {
        guard let landmarks = face.landmarks else { return ForFace(face: face, issues: [], notes: []) }
        let report = FaceReport(face: face, landmarks: landmarks, in: image)
        let advised = report.issues.compactMap { issue in note(on: issue, of: report).map { (issue, $0) } }
        return ForFace(face: face, issues: advised.map(\.0), notes: advised.map(\.1))
    }

    /// The advice a face's measures give, a note per issue advised on.
    public static func notes(for report: FaceReport) -> [String] {
        report.issues.compactMap { note(on: $0, of: report) }
    }

    /// The note on `issue` of the face `report` measures, or nil for what the studio does not
    /// advise on: a face too small for its frame is told by the note on the pixels the photo
    /// holds, a face on its side or upside down is turned by the studio, and eyes the iris model
    /// cannot measure say nothing a user can act on.
    static func note(on issue: FaceIssue, of report: FaceReport) -> String? {
        switch issue {
        case .eyesClosed:
            "The eyes are closed in this photo; a headshot usually wants them open, so a frame of the shoot where they are would serve better."
        case .turnedAway:
            "The head is turned \(Int(abs(report.headPose.yaw).rounded()))° away from the camera; a headshot usually faces it within about 30°, so a frame facing the camera would serve better."
        case .chinFarDownOrUp:
            (report.headPose.pitch < 0 ? "The head is bowed \(Int(abs(report.headPose.pitch).rounded()))° towards the chest"
                : "The chin is raised \(Int(report.headPose.pitch.rounded()))°")
                + "; a headshot usually holds the head within about 20° of level, so a frame where it is would serve better."
        case .soft:
            "The eyes are not sharp in this photo (sharpness \(String(format: "%.2f", report.eyeSharpness)); a sharp photo measures 0.5 or more), and no honest edit adds detail the camera did not record."
        case .highlightsClipped:
            "\(Int((report.exposure.clippedHighlights * 100).rounded())) % of the face's skin is blown to white in this photo; that detail is lost, and no look brings it back."
        case .tooSmall, .eyesNotMeasured, .onItsSide, .upsideDown:
            nil
        }
    }
}

extension PhotoAdvice {
    /// The photos of a run that were advised on, for the line a multi-photo run ends with: how
    /// many, and "a.jpg (eyes closed), group.jpg (face 2: head turned away)"; nil when none was.
    public static func summary(of reports: [PhotoReport]) -> (photos: Int, list: String)? {
        let advised = reports.compactMap { report in
            shortly(report).map { "\(URL(fileURLWithPath: report.input).lastPathComponent) (\($0))" }
        }
        return advised.isEmpty ? nil : (advised.count, advised.joined(separator: ", "))
    }

    /// How the contact sheet introduces `shortly(_:)` under the input.
    static let anotherFrame = "Another frame may serve better:"

    /// What one photo's faces were advised for, in a few words: "eyes closed", or with several
    /// faces made "face 2: head turned away; face 3: eyes not sharp"; nil when nothing.
    public static func shortly(_ report: PhotoReport) -> String? {
        var faces: [(Int, [FaceIssue])] = []
        for headshot in report.headshots where !headshot.advice.isEmpty && !faces.contains(where: { $0.0 == headshot.face }) {
            faces.append((headshot.face, headshot.advice))
        }
        guard !faces.isEmpty else { return nil }
        let several = Set(report.headshots.map(\.face)).count > 1
        return faces.map { face, issues in
            (several ? "face \(face): " : "") + issues.map(\.inWords).joined(separator: ", ")
        }.joined(separator: "; ")
    }
}

import EchtImaging
import EchtVision
import Foundation

/// What a photographer would say about the photo itself before making a headshot of it: the
/// eyes are closed, the head is turned away, the eyes are out of focus, the skin is blown to
/// white. No honest edit changes any of these (they are the moment the camera saw), so the
/// studio says them, for each face it makes, beside every look's headshot: the user can pick
/// another frame of the shoot. The thresholds are `FaceReport.issues`', as `echt analyse` shows.
public enum PhotoAdvice {
    /// One face's advice.
    public struct ForFace: Sendable, Equatable {
        /// The face, as found in the upright photo.
        public var face: Face
        /// The notes, in `FaceIssue`'s order; empty when there is nothing to say.
        public var notes: [String]

        /// Creates one face's advice.
        public init(face: Face, notes: [String]) {
            self.face = face; self.notes = notes
        }
    }

    /// The advice for `face` (with its mesh) in the upright `image` it was found in; none for a
    /// face without a mesh.
    public static func forFace(_ face: Face, in image: Image) -> ForFace {
        guard let landmarks = face.landmarks else { return ForFace(face: face, notes: []) }
        return ForFace(face: face, notes: notes(for: FaceReport(face: face, landmarks: landmarks, in: image)))
    }

    /// The advice a face's measures give. A face too small for its frame is told by the note on
    /// the pixels the photo holds; a face on its side or upside down is turned by the studio; eyes
    /// the iris model cannot measure say nothing a user can act on.
    public static func notes(for report: FaceReport) -> [String] {
        report.issues.compactMap { issue in
            switch issue {
            case .eyesClosed:
                "The eyes are closed in this photo; a headshot usually wants them open, so a frame of the shoot where they are would serve better."
            case .turnedAway:
                "The head is turned \(Int(abs(report.headPose.yaw).rounded()))° away from the camera; a headshot usually faces it within about 30°, so a frame facing the camera would serve better."
            case .soft:
                "The eyes are not sharp in this photo (sharpness \(String(format: "%.2f", report.eyeSharpness)); a sharp photo measures 0.5 or more), and no honest edit adds detail the camera did not record."
            case .highlightsClipped:
                "\(Int((report.exposure.clippedHighlights * 100).rounded())) % of the face's skin is blown to white in this photo; that detail is lost, and no look brings it back."
            case .tooSmall, .eyesNotMeasured, .onItsSide, .upsideDown:
                nil
            }
        }
    }
}

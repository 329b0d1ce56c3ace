/// A face the search found, with the other boxes it found for the same face (other tiles,
/// other levels, the dim-input pass), best score first. The mesh model is sensitive to the
/// crop: when it does not confirm `detection`, `PortraitAnalyzer` tries the alternatives.
public struct FaceCandidate: Sendable, Equatable {
    /// The box the detector settled on (blended across tiles, or the short-range box).
    public var detection: FaceDetection
    /// Other boxes of the same face, best score first.
    public var alternatives: [FaceDetection]

    /// Creates a candidate.
    public init(detection: FaceDetection, alternatives: [FaceDetection] = []) {
        self.detection = detection
        self.alternatives = alternatives
    }

    /// Weighted NMS that keeps what it blends: each cluster (IoU above `threshold` with its
    /// best box) becomes one candidate whose detection is the score-weighted blend and whose
    /// alternatives are the cluster's boxes, best first.
    static func clusters(_ faces: [FaceDetection], threshold: Double = 0.3) -> [FaceCandidate] {
        var rest = faces.sorted { $0.score > $1.score }
        var out: [FaceCandidate] = []
        while let top = rest.first {
            let members = rest.filter { FaceDetector.iou($0.box, top.box) > threshold }
            rest.removeAll { FaceDetector.iou($0.box, top.box) > threshold }
            let blended = FaceDetector.weightedNonMaxSuppression(members).first ?? top
            out.append(FaceCandidate(detection: blended, alternatives: members))
        }
        return out
    }
}

import Foundation

/// A detector hit before projection: box corners and six keypoints in normalised tensor
/// coordinates, with its sigmoid score.
struct RawDetection: Sendable, Equatable {
    /// xmin, ymin, xmax, ymax.
    var box: SIMD4<Double>
    /// Six (x, y) keypoints.
    var keypoints: [SIMD2<Double>]
    /// Score in 0...1.
    var score: Double
    /// How many raw boxes weighted NMS blended into this one.
    var merged: Int = 1
}

/// MediaPipe's `TensorsToDetectionsCalculator` (XYWH layout, 6 keypoints) followed by
/// `NonMaxSuppressionCalculator` with the WEIGHTED algorithm and IoU 0.3.
enum DetectionDecoder {
    /// Decodes every anchor whose score reaches `threshold`.
    /// `regressors` holds 16 values per anchor, `logits` one per anchor.
    static func decode(regressors: [Float], logits: [Float], anchors: SSDAnchors, inputSize: Int, threshold: Double) -> [RawDetection] {
        let s = Double(inputSize)
        var out: [RawDetection] = []
        for (i, anchor) in anchors.centers.enumerated() {
            let raw = min(max(Double(logits[i]), -100), 100)
            let score = 1 / (1 + exp(-raw))
            guard score >= threshold else { continue }
            let r = i * 16
            let xc = Double(regressors[r]) / s + anchor.x, yc = Double(regressors[r + 1]) / s + anchor.y
            let w = Double(regressors[r + 2]) / s, h = Double(regressors[r + 3]) / s
            guard w >= 0, h >= 0 else { continue }
            let keypoints = (0..<6).map { k in
                SIMD2(Double(regressors[r + 4 + 2 * k]) / s + anchor.x, Double(regressors[r + 5 + 2 * k]) / s + anchor.y)
            }
            out.append(RawDetection(box: SIMD4(xc - w / 2, yc - h / 2, xc + w / 2, yc + h / 2), keypoints: keypoints, score: score))
        }
        return out
    }

    /// Intersection over union of two (xmin, ymin, xmax, ymax) boxes.
    static func iou(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> Double {
        let ix = max(0, min(a.z, b.z) - max(a.x, b.x)), iy = max(0, min(a.w, b.w) - max(a.y, b.y))
        let inter = ix * iy
        let union = (a.z - a.x) * (a.w - a.y) + (b.z - b.x) * (b.w - b.y) - inter
        return union > 0 ? inter / union : 0
    }

    /// Weighted NMS: the top-scoring box absorbs every box with IoU above `threshold`
    /// (itself included); the emitted box and keypoints are their score-weighted means and the
    /// score is the top's.
    static func weightedNonMaxSuppression(_ detections: [RawDetection], threshold: Double = 0.3) -> [RawDetection] {
        var rest = detections.sorted { $0.score > $1.score }
        var out: [RawDetection] = []
        while let top = rest.first {
            var candidates: [RawDetection] = []
            var remaining: [RawDetection] = []
            for d in rest {
                if iou(d.box, top.box) > threshold { candidates.append(d) } else { remaining.append(d) }
            }
            rest = remaining
            let total = candidates.reduce(0) { $0 + $1.score }
            var box = SIMD4<Double>(repeating: 0)
            var keypoints = [SIMD2<Double>](repeating: .zero, count: 6)
            for d in candidates {
                box += d.box * d.score
                for k in 0..<6 { keypoints[k] += d.keypoints[k] * d.score }
            }
            out.append(RawDetection(box: box / total, keypoints: keypoints.map { $0 / total }, score: top.score, merged: candidates.count))
        }
        return out
    }
}

import EchtImaging
import EchtInference
import Foundation

/// The two BlazeFace detectors and their fixed parameters (MediaPipe 0.10.14 graphs).
enum DetectorModel: Sendable, CaseIterable {
    /// `face_detection_short_range`: 128² input, faces filling a good part of the frame.
    case shortRange
    /// `face_detection_full_range_sparse`: 192² input, small faces and groups.
    case fullRange

    /// The model's file name.
    var fileName: String {
        switch self {
        case .shortRange: "face_detection_short_range"
        case .fullRange: "face_detection_full_range_sparse"
        }
    }

    /// Side of the square input tensor.
    var inputSize: Int { self == .shortRange ? 128 : 192 }
    /// Minimum sigmoid score kept.
    var scoreThreshold: Double { self == .shortRange ? 0.5 : 0.6 }

    /// The anchors, in output order (896 or 2304).
    var anchors: SSDAnchors {
        switch self {
        case .shortRange: SSDAnchors(inputSize: 128, strides: [8, 16, 16, 16], interpolatedScaleAspectRatio: 1)
        case .fullRange: SSDAnchors(inputSize: 192, strides: [4], interpolatedScaleAspectRatio: 0)
        }
    }

    /// The letterboxed input tensor for the square `region` of `image` (black outside the image).
    func input(for image: Image, region: RotatedRect) -> Tensor {
        TensorSampler.sample(image, region: region, width: inputSize, height: inputSize, border: .zero, range: -1...1)
    }

    /// The square region that letterboxes the whole image (side = the longer edge).
    static func wholeImage(width: Int, height: Int) -> RotatedRect {
        RotatedRect(center: SIMD2(Double(width) / 2, Double(height) / 2), side: Double(max(width, height)))
    }

    /// Decodes the raw outputs (regressors `[1,N,16]` and logits `[1,N,1]`, in either order),
    /// applies weighted NMS and projects into image pixels through `region`.
    /// `threshold` overrides `scoreThreshold`.
    func detections(from outputs: [Tensor], region: RotatedRect, threshold: Double? = nil) throws(VisionError) -> [FaceDetection] {
        let anchors = self.anchors
        guard outputs.count == 2,
              let regressors = outputs.first(where: { $0.values.count == anchors.centers.count * 16 }),
              let logits = outputs.first(where: { $0.values.count == anchors.centers.count })
        else {
            throw .unexpectedOutput(model: fileName, expected: "[1,\(anchors.centers.count),16] and [1,\(anchors.centers.count),1]",
                                    received: outputs.map { "\($0.shape)" }.joined(separator: ", "))
        }
        let raw = DetectionDecoder.decode(regressors: regressors.values, logits: logits.values, anchors: anchors,
                                          inputSize: inputSize, threshold: threshold ?? scoreThreshold)
        return DetectionDecoder.weightedNonMaxSuppression(raw).map { project($0, through: region) }
    }

    /// Maps a tensor-normalised detection into image pixels.
    func project(_ d: RawDetection, through region: RotatedRect) -> FaceDetection {
        let corners = [SIMD2(d.box.x, d.box.y), SIMD2(d.box.z, d.box.y), SIMD2(d.box.x, d.box.w), SIMD2(d.box.z, d.box.w)]
            .map { region.imagePoint(u: $0.x, v: $0.y) }
        let xs = corners.map(\.x), ys = corners.map(\.y)
        let box = PixelRect(minX: Float(xs.min()!), minY: Float(ys.min()!), maxX: Float(xs.max()!), maxY: Float(ys.max()!))
        let keypoints = d.keypoints.map { p -> SIMD2<Float> in
            let q = region.imagePoint(u: p.x, v: p.y)
            return SIMD2(Float(q.x), Float(q.y))
        }
        return FaceDetection(box: box, keypoints: keypoints, score: Float(d.score))
    }
}

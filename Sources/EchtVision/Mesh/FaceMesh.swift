import EchtImaging
import EchtInference
import Foundation

/// The 468-point face mesh (`face_landmark.tflite`, 192² input) on a rotation-aligned crop.
///
/// Pass 1 crops the square around the detection (side 1.5 × the longer box edge, rotated so
/// the detector's eyes are level); pass 2, on by default, re-crops around the pass-1
/// landmarks (rotation from landmark 33 → 263), as MediaPipe does on the next video frame,
/// which levels the crop more precisely. Either pass can run on the crop flipped left–right
/// (`mirrored`): the model is not mirror-symmetric, and on a hard face (turned, hair across it)
/// one of the two views may find the face where the other does not.
public struct FaceMesh: Sendable {
    /// The presence probability below which the crop is taken not to hold a face.
    public static let minimumPresence: Float = 0.5
    /// The wider pass-1 crop tried when the first finds no face: small detector boxes from
    /// tiles are often too tight for the mesh model.
    public static let retryCropScale = 1.3
    /// Side of the input tensor.
    static let inputSize = 192
    private let runner: ModelRunner

    /// Loads `face_landmark.tflite` from `modelsDirectory`.
    public init(modelsDirectory: URL) throws(VisionError) {
        runner = try ModelRunner(name: "face_landmark", directory: modelsDirectory)
    }

    /// The mesh for a detected face, or nil when the model says no face is there.
    /// `refine` runs the second pass. Irises are left empty (see `IrisRefiner`).
    /// `cropScale` widens the pass-1 crop (1 = MediaPipe's 1.5 × box); `mirrored` runs both
    /// passes on the flipped crops (the landmarks come back unflipped, in the usual order).
    public func landmarks(in image: Image, for detection: FaceDetection, refine: Bool = true, cropScale: Double = 1,
                          mirrored: Bool = false) throws(VisionError) -> FaceLandmarks? {
        var region = Self.region(for: detection)
        region.width *= cropScale
        region.height *= cropScale
        let first = try run(in: image, region: region, mirrored: mirrored)
        guard first.presence >= Self.minimumPresence else { return nil }
        guard refine else { return first }
        let second = try run(in: image, region: Self.region(for: first.points), mirrored: mirrored)
        return second.presence >= Self.minimumPresence ? second : first
    }

    /// The more confident pass-1 mesh of two crops of `detection` (1× and `retryCropScale`),
    /// then (with `refine`) pass 2 when that keeps a face. Nil when neither crop reaches
    /// `minimum`.
    public func bestLandmarks(in image: Image, for detection: FaceDetection, firstPassAtLeast minimum: Float = minimumPresence,
                              refine: Bool = true) throws(VisionError) -> FaceLandmarks? {
        var best: FaceLandmarks?
        for scale in [1, Self.retryCropScale] {
            var region = Self.region(for: detection)
            region.width *= scale
            region.height *= scale
            let found = try run(in: image, region: region)
            if found.presence >= max(best?.presence ?? 0, minimum) { best = found }
        }
        guard let first = best else { return nil }
        guard refine else { return first }
        let second = try run(in: image, region: Self.region(for: first.points))
        return second.presence >= Self.minimumPresence ? second : first
    }

    /// Runs the model on one crop, or on the crop flipped left–right (`mirrored`); either way
    /// the landmarks are those of the face in `image`, in the usual order.
    func run(in image: Image, region: RotatedRect, mirrored: Bool = false) throws(VisionError) -> FaceLandmarks {
        let input = TensorSampler.sample(image, region: region, width: Self.inputSize, height: Self.inputSize,
                                         border: .replicate, range: 0...1, mirrored: mirrored)
        return try Self.landmarks(from: runner.run(input, expectedOutputs: 2), region: region, mirrored: mirrored)
    }

    /// The crop for pass 1: box centre, side 1.5 × the longer box edge, eyes (kp0 → kp1) level.
    static func region(for detection: FaceDetection) -> RotatedRect {
        let b = detection.box
        let k0 = SIMD2<Double>(detection.keypoints[0]), k1 = SIMD2<Double>(detection.keypoints[1])
        return RotatedRect(center: SIMD2(Double(b.minX + b.maxX) / 2, Double(b.minY + b.maxY) / 2),
                           side: 1.5 * Double(max(b.width, b.height)), rotation: RotatedRect.rotation(from: k0, to: k1))
    }

    /// The crop for pass 2: landmark bounding-box centre, side 1.5 × its longer edge, 33 → 263 level.
    static func region(for points: [SIMD3<Float>]) -> RotatedRect {
        let xs = points.map(\.x), ys = points.map(\.y)
        let minX = Double(xs.min()!), maxX = Double(xs.max()!), minY = Double(ys.min()!), maxY = Double(ys.max()!)
        let a = SIMD2<Double>(Double(points[33].x), Double(points[33].y))
        let b = SIMD2<Double>(Double(points[263].x), Double(points[263].y))
        return RotatedRect(center: SIMD2((minX + maxX) / 2, (minY + maxY) / 2), side: 1.5 * max(maxX - minX, maxY - minY),
                           rotation: RotatedRect.rotation(from: a, to: b))
    }

    /// Projects raw outputs (`[1,1,1,1404]` crop-pixel landmarks and the presence logit)
    /// into image pixels through `region`. For a flipped crop (`mirrored`), tensor column x
    /// showed crop column `191 − x`, and each point is put back in its unflipped place
    /// (`MeshMirror`).
    static func landmarks(from outputs: [Tensor], region: RotatedRect, mirrored: Bool = false) throws(VisionError) -> FaceLandmarks {
        guard let raw = outputs.first(where: { $0.values.count == 1404 }), let flag = outputs.first(where: { $0.values.count == 1 }) else {
            throw .unexpectedOutput(model: "face_landmark", expected: "[1,1,1,1404] and [1,1,1,1]",
                                    received: outputs.map { "\($0.shape)" }.joined(separator: ", "))
        }
        let s = Double(inputSize)
        let points = (0..<468).map { i -> SIMD3<Float> in
            let x = Double(raw.values[i * 3])
            let p = region.imagePoint(u: (mirrored ? s - 1 - x : x) / s, v: Double(raw.values[i * 3 + 1]) / s)
            return SIMD3(Float(p.x), Float(p.y), Float(Double(raw.values[i * 3 + 2]) / s * region.width))
        }
        let logit = Double(flag.values[0])
        let presence = logit >= 0 ? 1 / (1 + exp(-logit)) : exp(logit) / (1 + exp(logit))
        return FaceLandmarks(points: mirrored ? MeshMirror.swappingSides(points) : points, presence: Float(presence))
    }
}

extension SIMD2 where Scalar == Double {
    /// Widens a Float point.
    init(_ p: SIMD2<Float>) { self.init(Double(p.x), Double(p.y)) }
}

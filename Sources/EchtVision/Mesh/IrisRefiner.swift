import EchtImaging
import EchtInference
import Foundation

/// Iris centre, radius and 71 eye-contour points for both eyes (`iris_landmark.tflite`, 64²).
///
/// The eye crop is the square around the two eye-corner landmarks (side 2.3 × their larger
/// axis-aligned extent, rotated so the corners are level), sampled with half-pixel centres.
/// The image-right eye is mirrored before inference, as the model expects a right eye.
public struct IrisRefiner: Sendable {
    /// Side of the input tensor.
    static let inputSize = 64
    private let runner: ModelRunner

    /// Loads `iris_landmark.tflite` from `modelsDirectory`.
    public init(modelsDirectory: URL) throws(VisionError) {
        runner = try ModelRunner(name: "iris_landmark", directory: modelsDirectory)
    }

    /// The mesh with `rightIris` (image-left eye, corners 33 → 133) and `leftIris`
    /// (image-right eye, corners 362 → 263) filled in.
    public func refine(_ mesh: FaceLandmarks, in image: Image) throws(VisionError) -> FaceLandmarks {
        var out = mesh
        out.rightIris = try iris(in: image, region: Self.eyeRegion(mesh.points[33], mesh.points[133]), mirrored: false)
        out.leftIris = try iris(in: image, region: Self.eyeRegion(mesh.points[362], mesh.points[263]), mirrored: true)
        return out
    }

    /// Runs the model on one eye crop.
    func iris(in image: Image, region: RotatedRect, mirrored: Bool) throws(VisionError) -> Iris {
        let input = TensorSampler.sample(image, region: region, width: Self.inputSize, height: Self.inputSize,
                                         border: .replicate, range: 0...1, halfPixel: true, mirrored: mirrored)
        return try Self.iris(from: runner.run(input, expectedOutputs: 2), region: region, mirrored: mirrored)
    }

    /// The eye crop from two corner points (MediaPipe's `IrisLandmarkLandmarksToRoi`).
    static func eyeRegion(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> RotatedRect {
        let p0 = SIMD2(Double(a.x), Double(a.y)), p1 = SIMD2(Double(b.x), Double(b.y))
        let lo = pointwiseMin(p0, p1), hi = pointwiseMax(p0, p1)
        return RotatedRect(center: (lo + hi) / 2, side: 2.3 * max(hi.x - lo.x, hi.y - lo.y),
                           rotation: RotatedRect.rotation(from: p0, to: p1))
    }

    /// Projects raw outputs (213 contour values and 15 iris values) into image pixels.
    static func iris(from outputs: [Tensor], region: RotatedRect, mirrored: Bool) throws(VisionError) -> Iris {
        guard let contour = outputs.first(where: { $0.values.count == 213 }), let iris = outputs.first(where: { $0.values.count == 15 }) else {
            throw .unexpectedOutput(model: "iris_landmark", expected: "[1,213] and [1,15]",
                                    received: outputs.map { "\($0.shape)" }.joined(separator: ", "))
        }
        func project(_ values: [Float], _ i: Int) -> SIMD2<Float> {
            var u = Double(values[i * 3]) / Double(inputSize)
            if mirrored { u = 1 - u }
            let p = region.imagePoint(u: u, v: Double(values[i * 3 + 1]) / Double(inputSize))
            return SIMD2(Float(p.x), Float(p.y))
        }
        let ring = (0..<5).map { project(iris.values, $0) }
        let diameter = (simdLength(ring[1] - ring[3]) + simdLength(ring[2] - ring[4])) / 2
        return Iris(center: ring[0], radius: diameter / 2, contour: (0..<71).map { project(contour.values, $0) })
    }
}

@inlinable
func simdLength(_ v: SIMD2<Float>) -> Float { (v * v).sum().squareRoot() }

import EchtImaging
import EchtInference
import Foundation

/// The last try for a dim, small candidate no other crop confirms: the mesh on the detection's
/// crop shifted and enlarged a little, each fit then checked by the mesh's own second pass.
///
/// On a dim face of 20 px the mesh's first pass is an island: the crop 0.85× as wide reaches
/// presence 0.94 where the crop itself gives 0.27. A high first pass is no proof (dim bark
/// reaches 0.96 on a shifted crop), but on the non-faces measured the second pass, cropped
/// around the first pass's own landmarks, stays at 0.5 or less where the face keeps 0.98.
/// Only dim, small candidates are tried: on a brighter one, the toddler's ear of the back-view
/// photo, both passes reach 0.96 on a crop shifted by a fifth of its side.
/// See `docs/measurements/dim-crop-retry.md`.
struct DimCropRetry: Sendable {
    /// Luma median (sRGB-encoded, 0...1) of the detection's mesh crop below which a candidate is dim.
    var dimMedian: Float = 0.3
    /// Longest candidate side, in pixels, that is tried.
    var largestSide: Float = 32
    /// Shifts of the crop centre, as fractions of the crop side, along x and along y.
    var shifts: [Double] = [-0.1, 0, 0.1]
    /// Crop sides, as multiples of the detection's crop.
    var scales: [Double] = [0.85, 1, 1.2]
    /// Presence both mesh passes need.
    var presence: Float = 0.75

    /// Whether `detection` is small and its mesh crop dim.
    func applies(to detection: FaceDetection, in image: Image) -> Bool {
        guard max(detection.box.width, detection.box.height) <= largestSide else { return false }
        let input = TensorSampler.sample(image, region: FaceMesh.region(for: detection), width: FaceMesh.inputSize,
                                         height: FaceMesh.inputSize, border: .replicate, range: 0...1)
        return Self.medianLuma(input) < dimMedian
    }

    /// The median Rec. 601 luma of a `[1, h, w, 3]` tensor.
    static func medianLuma(_ tensor: Tensor) -> Float {
        let v = tensor.values
        var luma: [Float] = []
        luma.reserveCapacity(v.count / 3)
        for i in stride(from: 0, to: v.count - 2, by: 3) {
            let y: Float = 0.299 * v[i] + 0.587 * v[i + 1] + 0.114 * v[i + 2]
            luma.append(y)
        }
        luma.sort()
        return luma.isEmpty ? 0 : luma[luma.count / 2]
    }

    /// The crops tried, in order: each scale, each shift.
    func regions(for detection: FaceDetection) -> [RotatedRect] {
        let base = FaceMesh.region(for: detection)
        return scales.flatMap { k in
            shifts.flatMap { dy in
                shifts.map { dx in
                    var r = base
                    r.center += SIMD2(dx, dy) * base.width
                    r.width *= k
                    r.height *= k
                    return r
                }
            }
        }
    }

    /// The first fit whose two passes both reach `presence` and whose mesh lies on the
    /// detection, or nil.
    func landmarks(in image: Image, for detection: FaceDetection, mesh: FaceMesh) throws(VisionError) -> FaceLandmarks? {
        for region in regions(for: detection) {
            let first = try mesh.run(in: image, region: region)
            guard first.presence >= presence else { continue }
            let second = try mesh.run(in: image, region: FaceMesh.region(for: first.points))
            guard second.presence >= presence, PortraitAnalyzer.meshAgrees(second, with: detection) else { continue }
            return second
        }
        return nil
    }
}

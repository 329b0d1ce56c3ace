import EchtImaging
import EchtTestSupport
import Foundation
@testable import EchtVision

/// Golden tensors and values from `../shared/docs/models/golden` (LiteRT + MediaPipe 0.10.14).
enum ModelGolden {
    /// The golden folder, if the shared docs are present.
    static var folder: URL? {
        guard let docs = Fixtures.sharedDocs else { return nil }
        let url = docs.appendingPathComponent("models/golden")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("golden.json").path) ? url : nil
    }

    /// Whether the golden tensors can be read.
    static var available: Bool { folder != nil }

    /// A raw little-endian float32 file, e.g. `mesh_input`.
    static func floats(_ name: String) throws -> [Float] {
        let data = try Data(contentsOf: folder!.appendingPathComponent(name + ".f32"))
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }

    /// `golden.json` as nested dictionaries.
    static func json() throws -> [String: Any] {
        let data = try Data(contentsOf: folder!.appendingPathComponent("golden.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// The 512×512 astronaut decoded from the golden raw sRGB bytes into Echt's linear image.
    static func astronaut() throws -> Image {
        let bytes = try Data(contentsOf: folder!.appendingPathComponent("astronaut_rgb_512x512.u8"))
        return Image(width: 512, height: 512, channels: 3, pixels: bytes.map { SRGB.decode(Float($0) / 255) })
    }

    /// The astronaut's golden short-range detection.
    static func shortRangeDetection() throws -> FaceDetection {
        let g = try json()["det_short_range"] as! [String: Any]
        let box = (g["box_px_xyxy"] as! [Double]).map(Float.init)
        let kps = (g["kps_px"] as! [[Double]]).map { SIMD2(Float($0[0]), Float($0[1])) }
        return FaceDetection(box: PixelRect(minX: box[0], minY: box[1], maxX: box[2], maxY: box[3]), keypoints: kps,
                             score: Float(g["best_score"] as! Double))
    }

    /// The golden pass-1 mesh in image pixels.
    static func meshPoints() throws -> [SIMD3<Float>] {
        let v = try floats("mesh_landmarks_px")
        return (0..<468).map { SIMD3(v[$0 * 3], v[$0 * 3 + 1], v[$0 * 3 + 2]) }
    }
}

/// Largest absolute difference between two equally long arrays.
func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "expected equal counts but received \(a.count) and \(b.count)")
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

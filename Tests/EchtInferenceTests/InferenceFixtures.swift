import Foundation
import EchtInference
import EchtTestSupport

/// Paths and loaders shared by the inference tests.
enum InferenceFixtures {
    /// The five MediaPipe model names installed in `Fixtures.modelsDirectory`.
    static let modelNames = ["face_detection_short_range", "face_detection_full_range_sparse", "face_landmark",
                             "iris_landmark", "selfie_segmentation"]

    static func modelURL(_ name: String) -> URL {
        Fixtures.modelsDirectory.appendingPathComponent("\(name).tflite")
    }

    /// True when all five models are installed.
    static var modelsPresent: Bool {
        modelNames.allSatisfy { FileManager.default.fileExists(atPath: modelURL($0).path) }
    }

    /// The shared LiteRT golden tensors folder (`shared/docs/models/golden`), if present.
    /// Looks in `Fixtures.sharedDocs`, then in `shared/docs` beside any ancestor of the checkout
    /// (worktrees sit one level deeper than the main checkout).
    static var sharedGolden: URL? {
        var candidates: [URL] = Fixtures.sharedDocs.map { [$0] } ?? []
        var folder = Fixtures.repositoryRoot
        while folder.path != "/" {
            folder.deleteLastPathComponent()
            candidates.append(folder.appendingPathComponent("shared/docs"))
        }
        return candidates.map { $0.appendingPathComponent("models/golden") }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("golden.json").path) }
    }

    /// Raw little-endian float32 values.
    static func floats(_ url: URL) throws -> [Float] {
        let data = try Data(contentsOf: url)
        return data.withUnsafeBytes { raw in
            (0..<data.count / 4).map { Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self).littleEndian) }
        }
    }

    /// Loaded models, shared across tests (loading is deterministic and the model is immutable).
    static func model(_ name: String) throws -> Model {
        try Model(contentsOf: modelURL(name))
    }

    static func maxAbsDiff(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

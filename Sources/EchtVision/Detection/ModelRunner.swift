import EchtInference
import Foundation

/// One of the five MediaPipe models, loaded from the models folder, run with typed errors.
struct ModelRunner: Sendable {
    /// The model's file name without `.tflite`.
    let name: String
    let model: Model

    /// Loads `<directory>/<name>.tflite`.
    init(name: String, directory: URL) throws(VisionError) {
        let url = directory.appendingPathComponent(name + ".tflite")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .modelMissing(name: name, folder: directory.path)
        }
        self.name = name
        do { model = try Model(contentsOf: url) } catch { throw .inference(model: name, reason: "\(error)") }
    }

    /// Runs the model on one input tensor and checks the output count.
    func run(_ input: Tensor, expectedOutputs: Int) throws(VisionError) -> [Tensor] {
        let outputs: [Tensor]
        do { outputs = try model.run([input]) } catch { throw .inference(model: name, reason: "\(error)") }
        guard outputs.count == expectedOutputs else {
            throw .unexpectedOutput(model: name, expected: "\(expectedOutputs) outputs", received: "\(outputs.count)")
        }
        return outputs
    }
}

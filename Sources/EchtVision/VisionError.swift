import Foundation

/// What went wrong in EchtVision: a model that cannot be loaded or run, or bad input.
public enum VisionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model file is missing from the models folder.
    case modelMissing(name: String, folder: String)
    /// The interpreter could not load or run a model.
    case inference(model: String, reason: String)
    /// A model returned tensors of an unexpected shape.
    case unexpectedOutput(model: String, expected: String, received: String)
    /// A parameter is out of its valid range.
    case invalidParameter(name: String, expected: String, received: String)

    /// One or two plain sentences naming the model/parameter and the fix.
    public var description: String {
        switch self {
        case let .modelMissing(name, folder):
            return "The model \(name).tflite is missing in \(folder). Run the setup step or point ECHT_MODELS at the folder that holds it."
        case let .inference(model, reason):
            return "Running the model \(model) failed: \(reason). Check that the file is the one from mediapipe 0.10.14."
        case let .unexpectedOutput(model, expected, received):
            return "The model \(model) returned \(received) but \(expected) was expected. The file is probably not the mediapipe 0.10.14 model of that name."
        case let .invalidParameter(name, expected, received):
            return "Expected \(expected) for \(name) but received \(received)."
        }
    }
}

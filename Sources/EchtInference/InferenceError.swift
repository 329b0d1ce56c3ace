/// What went wrong loading or running a model.
///
/// Every case names the file, operator or tensor involved so the message alone says where to look.
public enum InferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model file could not be read from disk.
    case unreadableFile(path: String, reason: String)
    /// The file does not start with a TFLite flatbuffer header (`TFL3` at bytes 4–7).
    case notATFLiteModel(path: String)
    /// The flatbuffer structure is truncated, corrupt or points outside the file.
    case malformedModel(path: String, reason: String)
    /// The model uses a feature this interpreter does not implement (tensor type, sparsity, subgraphs…).
    case unsupportedFeature(path: String, feature: String)
    /// An operator the interpreter has no kernel for, found at load time.
    case unsupportedOperator(path: String, op: String, version: Int, node: Int)
    /// An operator whose tensors or options are inconsistent (wrong shapes, bad strides, missing weights).
    case invalidOperator(path: String, op: String, node: Int, reason: String)
    /// `run` received the wrong number of input tensors.
    case inputCountMismatch(expected: Int, received: Int)
    /// `run` received an input tensor whose shape differs from the model's input.
    case inputShapeMismatch(index: Int, expected: [Int], received: [Int])

    /// One or two plain sentences saying what failed and what to do.
    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "Could not read the model file \(path): \(reason). Check that the file exists and is readable."
        case let .notATFLiteModel(path):
            return "The file \(path) is not a TFLite model (expected the identifier TFL3 at bytes 4–7). Re-download the model."
        case let .malformedModel(path, reason):
            return "The model file \(path) is malformed: \(reason). The file is truncated or corrupt; re-download it."
        case let .unsupportedFeature(path, feature):
            return "The model \(path) uses \(feature), which Echt's interpreter does not support."
        case let .unsupportedOperator(path, op, version, node):
            return "The model \(path) uses operator \(op) (version \(version)) at node \(node), which Echt's interpreter does not implement."
        case let .invalidOperator(path, op, node, reason):
            return "Operator \(op) at node \(node) in \(path) is invalid: \(reason)."
        case let .inputCountMismatch(expected, received):
            return "Expected \(expected) input tensors for the model but received \(received)."
        case let .inputShapeMismatch(index, expected, received):
            return "Expected shape \(expected) for model input \(index) but received \(received)."
        }
    }
}

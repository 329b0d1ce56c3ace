import Foundation

/// A dense float32 tensor in NHWC (TFLite's) layout.
public struct Tensor: Sendable, Equatable {
    /// The dimensions, outermost first, e.g. `[1, 128, 128, 3]`.
    public var shape: [Int]
    /// `shape.reduce(1, *)` values, row-major.
    public var values: [Float]

    /// Wraps values of the given shape; the counts must agree.
    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "expected \(shape.reduce(1, *)) values for shape \(shape) but received \(values.count)")
        self.shape = shape
        self.values = values
    }
}

/// What went wrong loading or running a model.
public enum InferenceError: Error, Sendable, Equatable {
    /// The interpreter is not written yet (placeholder until the interpreter lands).
    case notImplemented
}

/// A loaded, immutable `.tflite` model that can be run many times, from many tasks at once.
///
/// Contract used by EchtVision: `try Model(contentsOf:)` then `try model.run([input])`,
/// returning the outputs in the subgraph's output order.
public final class Model: Sendable {
    /// The file the model was read from.
    public let url: URL

    /// Reads, validates and prepares the model at `url`.
    public init(contentsOf url: URL) throws(InferenceError) {
        self.url = url
        throw .notImplemented
    }

    /// Runs the model on `inputs` (one tensor per subgraph input, in order).
    public func run(_ inputs: [Tensor]) throws(InferenceError) -> [Tensor] {
        throw .notImplemented
    }
}

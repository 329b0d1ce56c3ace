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

/// A loaded, immutable `.tflite` model that can be run many times, from many tasks at once.
///
/// Contract used by EchtVision: `try Model(contentsOf:)` then `try model.run([input])`,
/// returning the outputs in the subgraph's output order. Loading parses and validates the
/// whole file, folds constant weights and prepares every kernel; running allocates nothing but
/// the output arrays (scratch arenas are pooled per concurrent caller).
public final class Model: Sendable {
    /// The file the model was read from.
    public let url: URL
    /// The shape of each subgraph input, in order.
    public let inputShapes: [[Int]]
    /// The shape of each subgraph output, in order.
    public let outputShapes: [[Int]]
    /// Bytes of scratch memory one concurrent `run` uses.
    public var arenaBytes: Int { plan.arenaSize * MemoryLayout<Float>.size }
    /// Bytes of prepared weights and tables the loaded model keeps (excluding scratch arenas).
    public var preparedBytes: Int { plan.kernels.reduce(0) { $0 + $1.storageBytes } }
    /// The number of kernels executed per run (after constant folding and operator fusion).
    public var operatorCount: Int { plan.kernels.count }

    let plan: ExecutionPlan
    private let pool: ArenaPool

    /// Reads, validates and prepares the model at `url`.
    public convenience init(contentsOf url: URL) throws(InferenceError) {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        try self.init(bytes: bytes, url: url)
    }

    /// Prepares a model from the bytes of a `.tflite` file; `url` only names it in errors.
    public init(bytes: [UInt8], url: URL) throws(InferenceError) {
        self.url = url
        let file = try ModelFile(bytes: bytes, path: url.path)
        plan = try ExecutionPlan(file)
        inputShapes = plan.inputShapes
        outputShapes = plan.outputShapes
        pool = ArenaPool(size: plan.arenaSize)
    }

    /// Runs the model on `inputs` (one tensor per subgraph input, in order), on the calling thread.
    public func run(_ inputs: [Tensor]) throws(InferenceError) -> [Tensor] {
        try run(inputs, threads: 1)
    }

    /// Multiply-adds above which a convolution is split across threads.
    static let parallelThreshold = 500_000

    /// Runs the model on `inputs`, splitting each large convolution's output pixels across up to
    /// `threads` threads (1 runs everything on the calling thread; results are identical).
    public func run(_ inputs: [Tensor], threads: Int) throws(InferenceError) -> [Tensor] {
        let threads = min(max(threads, 1), 16)
        guard inputs.count == inputShapes.count else {
            throw .inputCountMismatch(expected: inputShapes.count, received: inputs.count)
        }
        for (index, (input, shape)) in zip(inputs, inputShapes).enumerated() where input.shape != shape {
            throw .inputShapeMismatch(index: index, expected: shape, received: input.shape)
        }
        let arena = pool.take()
        defer { pool.give(arena) }
        for (input, offset) in zip(inputs, plan.inputOffsets) {
            input.values.withUnsafeBufferPointer { (arena.base + offset).update(from: $0.baseAddress!, count: $0.count) }
        }
        let base = arena.base
        for kernel in plan.kernels {
            if threads > 1 && kernel.parallelWork >= Self.parallelThreshold {
                DispatchQueue.concurrentPerform(iterations: threads) { kernel.run(arena.base, slice: $0, of: threads) }
            } else {
                kernel.run(base)
            }
        }
        return zip(plan.outputSlots, outputShapes).map { slot, shape in
            switch slot {
            case .arena(let offset, let count):
                return Tensor(shape: shape, values: Array(UnsafeBufferPointer(start: arena.base + offset, count: count)))
            case .constant(let values):
                return Tensor(shape: shape, values: values)
            }
        }
    }
}

extension Model {
    /// Runs once and returns each operator's name and wall time in milliseconds, in execution
    /// order (a debugging aid for finding slow kernels).
    public func profile(_ inputs: [Tensor]) throws(InferenceError) -> [(op: String, milliseconds: Double)] {
        _ = try run(inputs)
        let arena = pool.take()
        defer { pool.give(arena) }
        for (input, offset) in zip(inputs, plan.inputOffsets) {
            input.values.withUnsafeBufferPointer { (arena.base + offset).update(from: $0.baseAddress!, count: $0.count) }
        }
        return zip(plan.kernels, plan.nodeNames).map { kernel, name in
            let start = DispatchTime.now().uptimeNanoseconds
            kernel.run(arena.base)
            return ("\(name) \(kernel.summary)", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
    }
}

import Foundation

/// Where a kernel finds one of its operands: in the per-call arena or in a load-time constant.
enum Operand: Sendable {
    /// An activation at this float offset in the arena.
    case arena(Int)
    /// A constant prepared at load time.
    case constant([Float])

    /// Calls `body` with a pointer to the operand's first value.
    @inline(__always)
    func withPointer<R>(_ arena: UnsafeMutablePointer<Float>, _ body: (UnsafePointer<Float>) -> R) -> R {
        switch self {
        case .arena(let offset): return body(UnsafePointer(arena + offset))
        case .constant(let values): return values.withUnsafeBufferPointer { body($0.baseAddress!) }
        }
    }
}

/// A prepared operator: reads its operands and writes its output inside `arena`.
///
/// Kernels are immutable after load; all per-call state lives in the arena, so one kernel may
/// run on many arenas at once.
protocol Kernel: Sendable {
    func run(_ arena: UnsafeMutablePointer<Float>)
    /// A short description of the prepared shapes, for profiles.
    var summary: String { get }
    /// Bytes of prepared data (repacked weights, tables) the kernel keeps.
    var storageBytes: Int { get }
    /// Multiply-adds per run when the kernel can split its output across threads, else 0.
    var parallelWork: Int { get }
    /// Computes share `slice` of `slices` (a contiguous range of output pixels).
    func run(_ arena: UnsafeMutablePointer<Float>, slice: Int, of slices: Int)
}

extension Kernel {
    var summary: String { "" }
    var storageBytes: Int { 0 }
    var parallelWork: Int { 0 }

    func run(_ arena: UnsafeMutablePointer<Float>, slice: Int, of slices: Int) {
        if slice == 0 { run(arena) }
    }
}

/// Output pixels `slice` of `slices` computes: contiguous, sized in multiples of `multiple`.
func pixelRange(_ pixels: Int, slice: Int, of slices: Int, multiple: Int) -> Range<Int> {
    guard slices > 1 else { return 0..<pixels }
    let share = ((pixels + slices - 1) / slices + multiple - 1) / multiple * multiple
    let start = min(slice * share, pixels)
    return start..<min(start + share, pixels)
}

extension Operand {
    /// Bytes held by a constant operand.
    var storageBytes: Int {
        if case .constant(let values) = self { return values.count * 4 }
        return 0
    }
}

/// A fused activation (`ActivationFunctionType` in the schema).
enum Activation: Sendable, Equatable {
    case none, relu, reluMinus1To1, relu6, tanh

    init?(code: Int8) {
        switch code {
        case 0: self = .none
        case 1: self = .relu
        case 2: self = .reluMinus1To1
        case 3: self = .relu6
        case 4: self = .tanh
        default: return nil
        }
    }

    /// The clamp range for the piecewise-linear activations.
    var bounds: (lower: Float, upper: Float) {
        switch self {
        case .relu: (0, .infinity)
        case .reluMinus1To1: (-1, 1)
        case .relu6: (0, 6)
        case .none, .tanh: (-.infinity, .infinity)
        }
    }

    @inline(__always)
    func apply(_ x: Float) -> Float {
        switch self {
        case .none: x
        case .tanh: Float(_tanh(Double(x)))
        default: Swift.min(Swift.max(x, bounds.lower), bounds.upper)
        }
    }

    /// Applies the activation in place to `count` values (used where kernels do not fuse it).
    func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        guard self != .none else { return }
        for i in 0..<count { values[i] = apply(values[i]) }
    }
}

@inline(__always)
private func _tanh(_ x: Double) -> Double {
    let e = (2 * x).clampedExp()
    return (e - 1) / (e + 1)
}

extension Double {
    /// `exp(self)` limited so that tanh saturates instead of producing inf/inf.
    fileprivate func clampedExp() -> Double {
        let x = Swift.min(Swift.max(self, -80), 80)
        return Foundation.exp(x)
    }
}


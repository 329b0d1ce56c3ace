import Foundation
@testable import EchtInference

/// Builds and runs one-operator models, and computes naive double-precision references.
enum KernelHarness {
    enum Constant {
        case floats([Int], [Float])
        case ints([Int], [Int])
    }

    /// Runs a single operator whose inputs are `activations` (model inputs) followed by `constants`.
    static func run(code: Int, custom: String? = nil, activations: [Tensor], constants: [Constant] = [],
                    outputShape: [Int], optionsType: UInt8 = 0, options: [FlatField?]? = nil,
                    customOptions: [UInt8]? = nil) throws -> Tensor {
        var tensors = activations.map { TestModel.TensorSpec(shape: $0.shape) }
        for constant in constants {
            switch constant {
            case let .floats(shape, values): tensors.append(.init(shape: shape, data: TestModel.floats(values)))
            case let .ints(shape, values): tensors.append(.init(shape: shape, type: 2, data: TestModel.int32s(values)))
            }
        }
        tensors.append(.init(shape: outputShape))
        let model = TestModel(
            tensors: tensors,
            operators: [.init(code: code, custom: custom, inputs: Array(0..<(tensors.count - 1)), outputs: [tensors.count - 1],
                              optionsType: optionsType, options: options, customOptions: customOptions)],
            inputs: Array(activations.indices), outputs: [tensors.count - 1])
        let loaded = try Model(bytes: model.bytes, url: URL(fileURLWithPath: "/test/\(code).tflite"))
        return try loaded.run(activations)[0]
    }

    /// Deterministic values in [-1, 1) (printed seed on failure via the test arguments).
    static func random(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Double(state >> 40) / Double(1 << 23) - 1)
        }
    }

    /// TFLite's SAME/VALID rule, written out independently of the interpreter.
    static func outputAndPad(_ size: Int, kernel: Int, stride: Int, dilation: Int, same: Bool) -> (Int, Int) {
        let extent = (kernel - 1) * dilation + 1
        guard same else { return ((size - extent) / stride + 1, 0) }
        let out = Int((Double(size) / Double(stride)).rounded(.up))
        let total = Swift.max((out - 1) * stride + extent - size, 0)
        return (out, total / 2)
    }

    /// Naive convolution (depthwise when `multiplier` is given) in Double; filter OHWI or [1,kh,kw,C·m].
    static func convolution(input: [Float], h: Int, w: Int, c: Int, filter: [Float], outC: Int, kh: Int, kw: Int,
                            sh: Int, sw: Int, dh: Int, dw: Int, same: Bool, bias: [Float], multiplier: Int? = nil) -> (shape: [Int], values: [Float]) {
        let (oh, pt) = outputAndPad(h, kernel: kh, stride: sh, dilation: dh, same: same)
        let (ow, pl) = outputAndPad(w, kernel: kw, stride: sw, dilation: dw, same: same)
        var out = [Float](repeating: 0, count: oh * ow * outC)
        for oy in 0..<oh {
            for ox in 0..<ow {
                for o in 0..<outC {
                    var sum = Double(bias[o])
                    for ky in 0..<kh {
                        for kx in 0..<kw {
                            let iy = oy * sh - pt + ky * dh, ix = ox * sw - pl + kx * dw
                            guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                            if let m = multiplier {
                                sum += Double(input[(iy * w + ix) * c + o / m]) * Double(filter[(ky * kw + kx) * outC + o])
                            } else {
                                for i in 0..<c {
                                    sum += Double(input[(iy * w + ix) * c + i]) * Double(filter[((o * kh + ky) * kw + kx) * c + i])
                                }
                            }
                        }
                    }
                    out[(oy * ow + ox) * outC + o] = Float(sum)
                }
            }
        }
        return ([1, oh, ow, outC], out)
    }

    static func maxAbsDiff(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "expected \(b.count) values but received \(a.count)")
        return zip(a, b).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) }
    }
}

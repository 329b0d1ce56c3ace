/// Everything a kernel factory needs to prepare one operator: tensor shapes, constants,
/// arena offsets and option fields, with checks that throw `invalidOperator` naming the node.
struct NodeContext {
    let file: ModelFile
    let node: Int
    let op: ModelFile.OperatorEntry
    let name: String
    let constants: [Int: [Float]]
    let offsets: [Int: Int]
    /// Arena offset of a block of zeros at least as long as the widest activation row.
    let zeroOffset: Int
    /// Zero padding absorbed from a preceding PAD (see `GraphRewrites`), for VALID convolutions.
    var extraPadding: (top: Int, bottom: Int, left: Int, right: Int)? = nil
    /// An activation absorbed from the following operator (see `GraphRewrites`).
    var fusedActivation: Activation? = nil
    /// The alpha tensor of a PRELU absorbed from the following operator (see `GraphRewrites`).
    var fusedPReLU: Int? = nil

    /// Per-output-channel slopes applied to negative results: the fused PRELU's alphas, or ones.
    func negativeSlopes(channels: Int) throws(InferenceError) -> [Float] {
        guard let tensor = fusedPReLU else { return [Float](repeating: 1, count: channels) }
        var values = constants[tensor]
        if values == nil { values = try Constants.floats(file, tensor) }
        guard let values, values.count == channels else {
            throw invalid("the fused PRELU alpha (tensor \(tensor)) does not hold \(channels) values")
        }
        return values
    }

    func invalid(_ reason: String) -> InferenceError {
        .invalidOperator(path: file.path, op: name, node: node, reason: reason)
    }

    /// Throws unless the operator has between `minimum` and `maximum` inputs and exactly `outputs` outputs.
    func expect(inputs minimum: Int, _ maximum: Int? = nil, outputs: Int = 1) throws(InferenceError) {
        let maximum = maximum ?? minimum
        guard (minimum...maximum).contains(op.inputs.count) else {
            throw invalid("expected \(minimum == maximum ? "\(minimum)" : "\(minimum)–\(maximum)") inputs but received \(op.inputs.count)")
        }
        guard op.outputs.count == outputs else { throw invalid("expected \(outputs) outputs but received \(op.outputs.count)") }
        guard !op.inputs.contains(-1) else { throw invalid("optional (absent) inputs are not supported") }
    }

    func inputShape(_ i: Int) -> [Int] { file.tensors[op.inputs[i]].shape }
    func inputCount(_ i: Int) -> Int { file.tensors[op.inputs[i]].elementCount }
    func outputShape(_ i: Int = 0) -> [Int] { file.tensors[op.outputs[i]].shape }
    func outputCount(_ i: Int = 0) -> Int { file.tensors[op.outputs[i]].elementCount }

    /// The arena offset of output `i`.
    func output(_ i: Int = 0) throws(InferenceError) -> Int {
        guard let offset = offsets[op.outputs[i]] else { throw invalid("output \(i) is not an activation tensor") }
        return offset
    }

    /// The arena offset of input `i`, which must be an activation (not a constant).
    func activation(_ i: Int) throws(InferenceError) -> Int {
        guard let offset = offsets[op.inputs[i]] else { throw invalid("input \(i) must be an activation, not a constant") }
        return offset
    }

    /// Input `i` as an activation or a constant.
    func operand(_ i: Int) throws(InferenceError) -> Operand {
        if let offset = offsets[op.inputs[i]] { return .arena(offset) }
        if let values = constants[op.inputs[i]] { return .constant(values) }
        throw invalid("input \(i) (tensor \(op.inputs[i])) has no value: it is neither computed earlier nor constant")
    }

    /// The float values of constant input `i`.
    func constant(_ i: Int) throws(InferenceError) -> [Float] {
        guard let values = constants[op.inputs[i]] else { throw invalid("input \(i) must be a constant tensor") }
        return values
    }

    /// The integer values of constant input `i` (INT32/INT64 tensors).
    func integers(_ i: Int) throws(InferenceError) -> [Int] {
        guard let values = try Constants.ints(file, op.inputs[i]) else { throw invalid("input \(i) must be a constant integer tensor") }
        return values
    }

    func optionInt(_ id: Int, default value: Int32 = 0) throws(InferenceError) -> Int {
        guard let table = op.options else { return Int(value) }
        return Int(try file.buffer.int32(table, id, default: value))
    }

    func optionByte(_ id: Int, default value: Int8 = 0) throws(InferenceError) -> Int8 {
        guard let table = op.options else { return value }
        return try file.buffer.int8(table, id, default: value)
    }

    func optionBool(_ id: Int) throws(InferenceError) -> Bool {
        try optionByte(id) != 0
    }

    func activationOption(_ id: Int) throws(InferenceError) -> Activation {
        if let fusedActivation { return fusedActivation }
        let code = try optionByte(id)
        guard let activation = Activation(code: code) else { throw invalid("unsupported fused activation \(code)") }
        return activation
    }

    /// The schema's `Padding` option at `id`: true for SAME (0), false for VALID (1).
    func paddingIsSame(_ id: Int) throws(InferenceError) -> Bool {
        switch try optionByte(id) {
        case 0: return true
        case 1: return false
        case let other: throw invalid("unknown padding \(other)")
        }
    }

    /// A stride, dilation or window option that must lie in 1...1024.
    func positiveOption(_ id: Int, _ what: String) throws(InferenceError) -> Int {
        let value = try optionInt(id, default: 1)
        guard (1...1024).contains(value) else { throw invalid("expected \(what) in 1...1024 but received \(value)") }
        return value
    }

    /// Throws unless the declared output shape equals `shape`.
    func checkOutput(_ shape: [Int], _ i: Int = 0) throws(InferenceError) {
        guard outputShape(i) == shape else { throw invalid("expected output shape \(shape) but the model declares \(outputShape(i))") }
    }

    /// Resolves a convolution window: SAME/VALID from the options, or VALID over the input plus
    /// the zero padding absorbed from a folded PAD.
    func resolve(_ geometry: inout WindowedGeometry, same: Bool) {
        guard let pad = extraPadding else { return geometry.resolve(same: same) }
        var padded = geometry
        padded.inputHeight += pad.top + pad.bottom
        padded.inputWidth += pad.left + pad.right
        padded.resolve(same: false)
        geometry.outputHeight = padded.outputHeight
        geometry.outputWidth = padded.outputWidth
        geometry.padTop = pad.top
        geometry.padLeft = pad.left
    }

    /// Throws unless input `i` is a 4-D NHWC tensor with batch 1; returns (H, W, C).
    func imageShape(_ i: Int) throws(InferenceError) -> (height: Int, width: Int, channels: Int) {
        let shape = inputShape(i)
        guard shape.count == 4, shape[0] == 1 else { throw invalid("expected input \(i) of shape [1, H, W, C] but received \(shape)") }
        return (shape[1], shape[2], shape[3])
    }
}

/// Output size and leading pad along one axis, following TFLite's `kernels/padding.h`.
func windowGeometry(input: Int, kernel: Int, stride: Int, dilation: Int, same: Bool) -> (output: Int, before: Int) {
    let effective = (kernel - 1) * dilation + 1
    if same {
        let output = (input + stride - 1) / stride
        let total = max((output - 1) * stride + effective - input, 0)
        return (output, total / 2)
    }
    return (max((input + stride - effective) / stride, 0), 0)
}

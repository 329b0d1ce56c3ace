/// RESHAPE: the values unchanged under a new shape (the output tensor's declared shape).
struct Reshape: Kernel {
    let input: Operand, outputOffset: Int, count: Int

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        try context.expect(inputs: 1, 2)
        guard context.inputCount(0) == context.outputCount() else {
            throw context.invalid("cannot reshape \(context.inputShape(0)) into \(context.outputShape())")
        }
        return Reshape(input: try context.operand(0), outputOffset: try context.output(), count: context.outputCount())
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        input.withPointer(arena) { (arena + outputOffset).update(from: $0, count: count) }
    }
}

/// PAD: zero padding of a tensor of rank ≤ 4 with constant `[rank, 2]` (before, after) amounts.
struct Pad: Kernel {
    let input: Operand, outputOffset: Int
    /// Input and output shapes padded to rank 4, and the leading pads.
    let inputShape: [Int], outputShape: [Int], before: [Int]

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        try context.expect(inputs: 2, 3)
        let shape = context.inputShape(0)
        let amounts = try context.integers(1)
        guard shape.count <= 4, amounts.count == 2 * shape.count, amounts.allSatisfy({ (0...4096).contains($0) }) else {
            throw context.invalid("expected \(shape.count)×2 non-negative paddings for shape \(shape) but received \(amounts)")
        }
        if context.op.inputs.count == 3, try context.constant(2).contains(where: { $0 != 0 }) {
            throw context.invalid("only zero padding is supported")
        }
        let lead = 4 - shape.count
        let inputShape = Array(repeating: 1, count: lead) + shape
        let before = Array(repeating: 0, count: lead) + stride(from: 0, to: amounts.count, by: 2).map { amounts[$0] }
        let after = Array(repeating: 0, count: lead) + stride(from: 1, to: amounts.count, by: 2).map { amounts[$0] }
        let outputShape = (0..<4).map { inputShape[$0] + before[$0] + after[$0] }
        try context.checkOutput(Array(outputShape.suffix(shape.count)))
        return Pad(input: try context.operand(0), outputOffset: try context.output(),
                   inputShape: inputShape, outputShape: outputShape, before: before)
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        let output = arena + outputOffset
        let s = inputShape, o = outputShape
        output.update(repeating: 0, count: o.reduce(1, *))
        input.withPointer(arena) { x in
            var source = x
            for i0 in 0..<s[0] {
                for i1 in 0..<s[1] {
                    for i2 in 0..<s[2] {
                        let row = ((i0 + before[0]) * o[1] + i1 + before[1]) * o[2] + i2 + before[2]
                        (output + row * o[3] + before[3]).update(from: source, count: s[3])
                        source += s[3]
                    }
                }
            }
        }
    }
}

/// CONCATENATION along one axis, then the fused activation.
struct Concatenation: Kernel {
    let inputs: [Operand], chunks: [Int], outer: Int, outputOffset: Int, activation: Activation

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        guard !context.op.inputs.isEmpty else { throw context.invalid("expected at least one input") }
        try context.expect(inputs: context.op.inputs.count)
        let output = context.outputShape()
        var axis = try context.optionInt(0)
        if axis < 0 { axis += output.count }
        guard (0..<output.count).contains(axis) else { throw context.invalid("axis \(axis) is outside the output rank \(output.count)") }
        var total = 0
        var chunks: [Int] = []
        for i in context.op.inputs.indices {
            let shape = context.inputShape(i)
            guard shape.count == output.count, (0..<shape.count).allSatisfy({ $0 == axis || shape[$0] == output[$0] }) else {
                throw context.invalid("input \(i) of shape \(shape) does not fit output \(output) along axis \(axis)")
            }
            total += shape[axis]
            chunks.append(shape[axis...].reduce(1, *))
        }
        guard total == output[axis] else { throw context.invalid("the inputs add up to \(total) along axis \(axis) but the output has \(output[axis])") }
        return Concatenation(inputs: try context.op.inputs.indices.map { (i) throws(InferenceError) in try context.operand(i) },
                             chunks: chunks, outer: output[..<axis].reduce(1, *),
                             outputOffset: try context.output(), activation: try context.activationOption(1))
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        let output = arena + outputOffset
        let width = chunks.reduce(0, +)
        var column = 0
        for (input, chunk) in zip(inputs, chunks) {
            input.withPointer(arena) { x in
                for o in 0..<outer { (output + o * width + column).update(from: x + o * chunk, count: chunk) }
            }
            column += chunk
        }
        activation.apply(output, count: outer * width)
    }
}

/// DEPTH_TO_SPACE (DCR order): `out[y·b+dy, x·b+dx, c] = in[y, x, (dy·b+dx)·C' + c]`.
struct DepthToSpace: Kernel {
    let inputOffset: Int, outputOffset: Int, height: Int, width: Int, block: Int, outputChannels: Int

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        try context.expect(inputs: 1)
        let (height, width, channels) = try context.imageShape(0)
        let block = try context.positiveOption(0, "block_size")
        guard channels % (block * block) == 0 else { throw context.invalid("channels \(channels) are not divisible by block² = \(block * block)") }
        let outputChannels = channels / (block * block)
        try context.checkOutput([1, height * block, width * block, outputChannels])
        return DepthToSpace(inputOffset: try context.activation(0), outputOffset: try context.output(),
                            height: height, width: width, block: block, outputChannels: outputChannels)
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        let input = arena + inputOffset, output = arena + outputOffset
        let outputWidth = width * block
        for y in 0..<height {
            for x in 0..<width {
                for dy in 0..<block {
                    for dx in 0..<block {
                        let source = input + ((y * width + x) * block * block + dy * block + dx) * outputChannels
                        let target = output + ((y * block + dy) * outputWidth + x * block + dx) * outputChannels
                        target.update(from: source, count: outputChannels)
                    }
                }
            }
        }
    }
}

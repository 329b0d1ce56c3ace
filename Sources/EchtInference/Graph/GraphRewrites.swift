/// Load-time graph simplifications that remove whole operators without changing results:
/// an explicit spatial PAD folded into the VALID convolution that reads it, and a RELU-family
/// activation folded into the convolution or ADD that produces its input.
struct GraphRewrites {
    /// Extra zero padding (top, bottom, left, right) for a convolution node that absorbed a PAD.
    var padding: [Int: (top: Int, bottom: Int, left: Int, right: Int)] = [:]
    /// Fused activations for nodes that absorbed a following activation operator.
    var activations: [Int: Activation] = [:]
    /// The constant alpha tensor of a per-channel PRELU absorbed by a convolution or ADD node.
    var preluAlphas: [Int: Int] = [:]

    typealias Node = (node: Int, op: ModelFile.OperatorEntry)

    /// Rewrites `live` in place and returns what each surviving node must apply.
    init(live: inout [Node], file: ModelFile, constant: (Int) -> Bool) {
        let conv = 3, depthwise = 4, add = 0, pad = 34
        var readers: [Int: [Int]] = [:]
        for (index, entry) in live.enumerated() {
            for tensor in Set(entry.op.inputs) { readers[tensor, default: []].append(index) }
        }
        // Readers as of the original graph; a stale entry only ever makes a rewrite more conservative.
        func consumers(_ tensor: Int) -> [Int] { readers[tensor] ?? [] }
        func optionByte(_ op: ModelFile.OperatorEntry, _ id: Int) -> Int8? {
            guard let table = op.options else { return 0 }
            return try? file.buffer.int8(table, id)
        }
        var removed = Set<Int>()
        // PAD [[0,0],[t,b],[l,r],[0,0]] → VALID CONV_2D / DEPTHWISE_CONV_2D.
        for index in live.indices where live[index].op.code == pad && live[index].op.inputs.count == 2 {
            let op = live[index].op
            guard let output = op.outputs.first, !file.outputs.contains(output), op.inputs[0] >= 0, op.inputs[1] >= 0,
                  file.tensors[op.inputs[0]].shape.count == 4,
                  let amounts = try? Constants.ints(file, op.inputs[1]), amounts.count == 8,
                  amounts[0] == 0, amounts[1] == 0, amounts[6] == 0, amounts[7] == 0,
                  amounts[2...5].allSatisfy({ (0...64).contains($0) }) else { continue }
            let users = consumers(output)
            guard users.count == 1, !removed.contains(users[0]) else { continue }
            let user = live[users[0]]
            guard (user.op.code == conv || user.op.code == depthwise), user.op.inputs.first == output,
                  user.op.inputs.dropFirst().allSatisfy({ $0 != output }),
                  optionByte(user.op, 0) == 1 else { continue }
            live[users[0]].op.inputs[0] = op.inputs[0]
            padding[user.node] = (amounts[2], amounts[3], amounts[4], amounts[5])
            removed.insert(index)
        }
        // CONV_2D / DEPTHWISE_CONV_2D / ADD (no activation) → RELU, RELU_N1_TO_1, RELU6.
        let fusable: [Int: Activation] = [19: .relu, 20: .reluMinus1To1, 21: .relu6]
        for index in live.indices where !removed.contains(index) {
            let producer = live[index].op
            let activationField = [conv: 3, depthwise: 4, add: 0][producer.code]
            guard let field = activationField, optionByte(producer, field) == 0, producer.outputs.count == 1 else { continue }
            let output = producer.outputs[0]
            guard !file.outputs.contains(output) else { continue }
            let users = consumers(output)
            guard users.count == 1, !removed.contains(users[0]), let activation = fusable[live[users[0]].op.code],
                  live[users[0]].op.inputs == [output], live[users[0]].op.outputs.count == 1,
                  file.tensors[live[users[0]].op.outputs[0]].shape == file.tensors[output].shape else { continue }
            live[index].op.outputs = live[users[0]].op.outputs
            activations[live[index].node] = activation
            removed.insert(users[0])
        }
        // CONV_2D / DEPTHWISE_CONV_2D / ADD (no activation) → PRELU with a constant per-channel alpha.
        for index in live.indices where !removed.contains(index) && live[index].op.outputs.count == 1 && activations[live[index].node] == nil {
            let producer = live[index].op
            guard let field = [conv: 3, depthwise: 4, add: 0][producer.code], optionByte(producer, field) == 0 else { continue }
            let output = producer.outputs[0]
            let shape = file.tensors[output].shape
            guard !file.outputs.contains(output), let channels = shape.last else { continue }
            let users = consumers(output)
            guard users.count == 1, !removed.contains(users[0]) else { continue }
            let prelu = live[users[0]].op
            guard prelu.code == 54, prelu.inputs.count == 2, prelu.inputs[0] == output, prelu.inputs[1] >= 0,
                  prelu.outputs.count == 1, file.tensors[prelu.outputs[0]].shape == shape else { continue }
            let alpha = file.tensors[prelu.inputs[1]]
            guard alpha.elementCount == channels, alpha.shape.last == channels, alpha.shape.count <= shape.count,
                  constant(prelu.inputs[1]) else { continue }
            live[index].op.outputs = prelu.outputs
            preluAlphas[live[index].node] = prelu.inputs[1]
            removed.insert(users[0])
        }
        live = live.indices.filter { !removed.contains($0) }.map { live[$0] }
    }
}

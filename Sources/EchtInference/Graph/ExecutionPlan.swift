/// A model prepared for execution: constants folded, kernels built, activations placed in an arena.
struct ExecutionPlan: Sendable {
    /// Where a subgraph input or output lives.
    enum Slot: Sendable {
        case arena(offset: Int, count: Int)
        case constant([Float])
    }

    let kernels: [any Kernel]
    let arenaSize: Int
    let inputShapes: [[Int]]
    let inputOffsets: [Int]
    let outputShapes: [[Int]]
    let outputSlots: [Slot]
    /// Operator names in execution order, for diagnostics.
    let nodeNames: [String]

    /// Upper bound on the arena (256 MB of floats); a hostile file cannot ask for more.
    static let maximumArena = 1 << 26

    init(_ file: ModelFile) throws(InferenceError) {
        let path = file.path
        // 1. Fold DEQUANTIZE / DENSIFY whose inputs are constant; keep every other operator.
        var constants: [Int: [Float]] = [:]
        func constantValue(_ tensor: Int) throws(InferenceError) -> [Float]? {
            if let value = constants[tensor] { return value }
            guard file.constantBytes(tensor) != nil else { return nil }
            let value = try Constants.floats(file, tensor)
            constants[tensor] = value
            return value
        }
        var live: [(node: Int, op: ModelFile.OperatorEntry)] = []
        for (node, op) in file.operators.enumerated() {
            if op.code == OperatorRegistry.dequantize || op.code == OperatorRegistry.densify,
               op.inputs.count == 1, op.outputs.count == 1, op.inputs[0] >= 0,
               let value = try constantValue(op.inputs[0]) {
                let output = op.outputs[0]
                guard value.count == file.tensors[output].elementCount, file.tensors[output].sparsity == nil else {
                    throw .invalidOperator(path: path, op: OperatorRegistry.name(of: op), node: node,
                                           reason: "the constant input has \(value.count) values but the output shape is \(file.tensors[output].shape)")
                }
                constants[output] = value
                continue
            }
            guard OperatorRegistry.factory(for: op) != nil else {
                throw .unsupportedOperator(path: path, op: OperatorRegistry.name(of: op), version: op.version, node: node)
            }
            live.append((node, op))
        }
        let folded = constants
        let rewrites = GraphRewrites(live: &live, file: file) { folded[$0] != nil || file.constantBytes($0) != nil }
        // 2. Constant inputs of the remaining operators.
        for (_, op) in live {
            for tensor in op.inputs where tensor >= 0 && file.tensors[tensor].type != .int32 && file.tensors[tensor].type != .int64 {
                _ = try constantValue(tensor)
            }
        }
        // 3. Lifetimes of activations: graph inputs, then every operator output in order.
        var first: [Int: Int] = [:], last: [Int: Int] = [:]
        for tensor in file.inputs {
            guard constants[tensor] == nil, file.constantBytes(tensor) == nil else {
                throw file.buffer.malformed("subgraph input tensor \(tensor) is a constant")
            }
            first[tensor] = -1
            last[tensor] = -1
        }
        for (step, (node, op)) in live.enumerated() {
            let name = OperatorRegistry.name(of: op)
            for tensor in op.inputs where tensor >= 0 && constants[tensor] == nil && file.constantBytes(tensor) == nil {
                guard first[tensor] != nil else {
                    throw .invalidOperator(path: path, op: name, node: node, reason: "input tensor \(tensor) is read before any operator writes it")
                }
                last[tensor] = step
            }
            for tensor in op.outputs {
                guard constants[tensor] == nil, file.constantBytes(tensor) == nil, first[tensor] == nil, !op.inputs.contains(tensor) else {
                    throw .invalidOperator(path: path, op: name, node: node, reason: "output tensor \(tensor) is a constant, an input or written twice")
                }
                first[tensor] = step
                last[tensor] = step
            }
        }
        for tensor in file.outputs where first[tensor] != nil { last[tensor] = live.count }
        var widest = 8
        var requests: [ArenaPlanner.Request] = []
        for (tensor, start) in first {
            let entry = file.tensors[tensor]
            guard entry.type == .float32 else {
                throw .unsupportedFeature(path: path, feature: "activation tensor \(tensor) '\(entry.name)' of type \(entry.rawType) (only FLOAT32 activations are supported)")
            }
            widest = max(widest, entry.shape.last ?? 1)
            requests.append(.init(tensor: tensor, size: entry.elementCount, first: start, last: last[tensor] ?? start))
        }
        // 4. Arena: a zero block (padding source for convolutions) followed by the activations.
        let zeroBlock = (widest + 15) / 16 * 16 + 16
        let (offsets, size) = ArenaPlanner.plan(requests, reserved: zeroBlock)
        guard size <= Self.maximumArena else {
            throw .unsupportedFeature(path: path, feature: "activations needing \(size) floats (more than \(Self.maximumArena))")
        }
        arenaSize = size
        // 5. Kernels.
        var kernels: [any Kernel] = []
        var names: [String] = []
        for (node, op) in live {
            let name = OperatorRegistry.name(of: op)
            let context = NodeContext(file: file, node: node, op: op, name: name, constants: constants, offsets: offsets, zeroOffset: 0,
                                      extraPadding: rewrites.padding[node], fusedActivation: rewrites.activations[node],
                                      fusedPReLU: rewrites.preluAlphas[node])
            kernels.append(try OperatorRegistry.factory(for: op)!(context))
            names.append(name)
        }
        self.kernels = kernels
        nodeNames = names
        inputShapes = file.inputs.map { file.tensors[$0].shape }
        inputOffsets = file.inputs.map { offsets[$0] ?? 0 }
        outputShapes = file.outputs.map { file.tensors[$0].shape }
        var slots: [Slot] = []
        for tensor in file.outputs {
            if let offset = offsets[tensor] {
                slots.append(.arena(offset: offset, count: file.tensors[tensor].elementCount))
            } else if let value = try constantValue(tensor) {
                slots.append(.constant(value))
            } else {
                throw file.buffer.malformed("subgraph output tensor \(tensor) is never computed")
            }
        }
        outputSlots = slots
    }
}

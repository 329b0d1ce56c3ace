import Foundation

/// ADD, MUL, SUB and PRELU with numpy-style broadcasting (up to rank 4), then the fused activation.
struct Binary: Kernel {
    enum Operation: Sendable { case add, subtract, multiply, prelu }
    let operation: Operation
    let left: Operand, right: Operand
    let outputOffset: Int
    /// Output shape padded to rank 4, and each operand's strides (0 along broadcast axes).
    let shape: [Int], leftStrides: [Int], rightStrides: [Int]
    let activation: Activation
    /// Factors for negative results along the innermost axis (a fused PRELU), or nil.
    var slopes: [Float]? = nil

    static func make(_ operation: Operation) -> @Sendable (NodeContext) throws(InferenceError) -> any Kernel {
        { (context: NodeContext) throws(InferenceError) -> any Kernel in
            try context.expect(inputs: 2)
            let a = context.inputShape(0), b = context.inputShape(1)
            let rank = max(a.count, b.count)
            guard rank <= 4 else { throw context.invalid("expected operands of rank ≤ 4 but received \(a) and \(b)") }
            let pa = Array(repeating: 1, count: 4 - a.count) + a, pb = Array(repeating: 1, count: 4 - b.count) + b
            var shape: [Int] = []
            for (x, y) in zip(pa, pb) {
                guard x == y || x == 1 || y == 1 else { throw context.invalid("cannot broadcast shapes \(a) and \(b)") }
                shape.append(x == 1 ? y : x)
            }
            try context.checkOutput(Array(shape.suffix(rank)))
            func strides(_ dims: [Int]) -> [Int] {
                var result = [0, 0, 0, 0], step = 1
                for d in stride(from: 3, through: 0, by: -1) {
                    result[d] = dims[d] == 1 ? 0 : step
                    step *= dims[d]
                }
                return result
            }
            let activation: Activation = operation == .prelu ? .none : try context.activationOption(0)
            // Same shapes and no per-channel slopes: one flat loop instead of one loop per row.
            let flat = pa == pb && context.fusedPReLU == nil
            let count = shape.reduce(1, *)
            return Binary(operation: operation, left: try context.operand(0), right: try context.operand(1),
                          outputOffset: try context.output(), shape: flat ? [1, 1, 1, count] : shape,
                          leftStrides: flat ? [0, 0, 0, 1] : strides(pa), rightStrides: flat ? [0, 0, 0, 1] : strides(pb),
                          activation: activation,
                          slopes: context.fusedPReLU == nil ? nil : try context.negativeSlopes(channels: shape[3]))
        }
    }

    var storageBytes: Int { left.storageBytes + right.storageBytes }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        left.withPointer(arena) { a in
            right.withPointer(arena) { b in
                let out = arena + outputOffset
                switch operation {
                case .add: compute(a, b, out, { $0 + $1 }, { $0 + $1 })
                case .subtract: compute(a, b, out, { $0 - $1 }, { $0 - $1 })
                case .multiply: compute(a, b, out, { $0 * $1 }, { $0 * $1 })
                case .prelu: compute(a, b, out, { x, y in x.replacing(with: x * y, where: x .< 0) }, { x, y in x >= 0 ? x : x * y })
                }
            }
        }
    }

    @inline(__always)
    private func compute(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                         _ combine: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>, _ combineScalar: (Float, Float) -> Float) {
        guard let slopeValues = self.slopes else { return compute(a, b, out, combine, combineScalar, slopes: nil) }
        slopeValues.withUnsafeBufferPointer { compute(a, b, out, combine, combineScalar, slopes: $0.baseAddress!) }
    }

    @inline(__always)
    private func compute(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                         _ combine: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>, _ combineScalar: (Float, Float) -> Float,
                         slopes: UnsafePointer<Float>?) {
        let inner = shape[3], sa = leftStrides[3], sb = rightStrides[3]
        let (lower, upper) = activation.bounds
        let lo = SIMD8<Float>(repeating: lower), hi = SIMD8<Float>(repeating: upper)
        var target = out
        for i0 in 0..<shape[0] {
            for i1 in 0..<shape[1] {
                for i2 in 0..<shape[2] {
                    let pa = a + i0 * leftStrides[0] + i1 * leftStrides[1] + i2 * leftStrides[2]
                    let pb = b + i0 * rightStrides[0] + i1 * rightStrides[1] + i2 * rightStrides[2]
                    var i = 0
                    if sa == 1 && sb == 1 {
                        while i + 8 <= inner {
                            let v = combine(loadVector(pa + i), loadVector(pb + i))
                            var r = clamp(v, lo, hi)
                            if let slopes { r.replace(with: r * loadVector(slopes + i), where: r .< 0) }
                            storeVector(r, target + i)
                            i += 8
                        }
                    }
                    while i < inner {
                        let r = Swift.min(Swift.max(combineScalar(pa[i * sa], pb[i * sb]), lower), upper)
                        target[i] = r < 0 ? r * (slopes?[i] ?? 1) : r
                        i += 1
                    }
                    if activation == .tanh { activation.apply(target, count: inner) }
                    target += inner
                }
            }
        }
    }
}

/// RELU, RELU6, RELU_N1_TO_1, LOGISTIC, TANH and HARD_SWISH.
struct Unary: Kernel {
    enum Operation: Sendable { case relu, relu6, reluMinus1To1, logistic, tanh, hardSwish }
    let operation: Operation
    let input: Operand
    let outputOffset: Int, count: Int

    static func make(_ operation: Operation) -> @Sendable (NodeContext) throws(InferenceError) -> any Kernel {
        { (context: NodeContext) throws(InferenceError) -> any Kernel in
            try context.expect(inputs: 1)
            try context.checkOutput(context.inputShape(0))
            return Unary(operation: operation, input: try context.operand(0), outputOffset: try context.output(),
                         count: context.inputCount(0))
        }
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        input.withPointer(arena) { x in
            let y = arena + outputOffset
            switch operation {
            case .relu: clampAll(x, y, 0, .infinity)
            case .relu6: clampAll(x, y, 0, 6)
            case .reluMinus1To1: clampAll(x, y, -1, 1)
            case .tanh: for i in 0..<count { y[i] = Activation.tanh.apply(x[i]) }
            case .logistic:
                var i = 0
                while i + 8 <= count {
                    storeVector(EchtInference.logistic(loadVector(x + i)), y + i)
                    i += 8
                }
                while i < count {
                    y[i] = Self.logistic(x[i])
                    i += 1
                }
            case .hardSwish:
                var i = 0
                let three = SIMD8<Float>(repeating: 3), six = SIMD8<Float>(repeating: 6), zero = SIMD8<Float>()
                while i + 8 <= count {
                    let v = loadVector(x + i)
                    storeVector(v * clamp((v + three), zero, six) / six, y + i)
                    i += 8
                }
                while i < count {
                    y[i] = x[i] * Swift.min(Swift.max(x[i] + 3, 0), 6) / 6
                    i += 1
                }
            }
        }
    }

    /// Overflow-safe sigmoid: `1/(1+e^-x)` for x ≥ 0, `e^x/(1+e^x)` below.
    @inline(__always)
    static func logistic(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }

    private func clampAll(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ lower: Float, _ upper: Float) {
        let lo = SIMD8<Float>(repeating: lower), hi = SIMD8<Float>(repeating: upper)
        var i = 0
        while i + 8 <= count {
            storeVector(clamp(loadVector(x + i), lo, hi), y + i)
            i += 8
        }
        while i < count {
            y[i] = Swift.min(Swift.max(x[i], lower), upper)
            i += 1
        }
    }
}

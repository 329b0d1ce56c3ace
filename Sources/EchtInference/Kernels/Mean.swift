/// MEAN over constant axes (ReducerOptions.keep_dims decides whether reduced axes stay as 1).
struct Mean: Kernel {
    let inputOffset: Int, outputOffset: Int
    /// Input shape padded to rank 4 and, per input axis, the output stride (0 along reduced axes).
    let shape: [Int], outputStrides: [Int]
    let outputCount: Int, divisor: Float

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        try context.expect(inputs: 2)
        let input = context.inputShape(0)
        guard input.count <= 4 else { throw context.invalid("expected an input of rank ≤ 4 but received \(input)") }
        var axes = Set<Int>()
        for axis in try context.integers(1) {
            let resolved = axis < 0 ? axis + input.count : axis
            guard (0..<input.count).contains(resolved) else { throw context.invalid("axis \(axis) is outside rank \(input.count)") }
            axes.insert(resolved)
        }
        let keepDims = try context.optionBool(0)
        let kept = input.indices.map { axes.contains($0) ? 1 : input[$0] }
        try context.checkOutput(keepDims ? kept : input.indices.filter { !axes.contains($0) }.map { input[$0] })
        let lead = 4 - input.count
        let padded = Array(repeating: 1, count: lead) + input
        let paddedKept = Array(repeating: 1, count: lead) + kept
        var strides = [0, 0, 0, 0], step = 1
        for d in stride(from: 3, through: 0, by: -1) {
            strides[d] = padded[d] != paddedKept[d] ? 0 : step
            step *= paddedKept[d]
        }
        let reduced = axes.reduce(1) { $0 * input[$1] }
        return Mean(inputOffset: try context.activation(0), outputOffset: try context.output(), shape: padded,
                    outputStrides: strides, outputCount: kept.reduce(1, *), divisor: Float(max(reduced, 1)))
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        let input = arena + inputOffset, output = arena + outputOffset
        output.update(repeating: 0, count: outputCount)
        var source = input
        for i0 in 0..<shape[0] {
            for i1 in 0..<shape[1] {
                for i2 in 0..<shape[2] {
                    let row = output + i0 * outputStrides[0] + i1 * outputStrides[1] + i2 * outputStrides[2]
                    for i3 in 0..<shape[3] { row[i3 * outputStrides[3]] += source[i3] }
                    source += shape[3]
                }
            }
        }
        for i in 0..<outputCount { output[i] /= divisor }
    }
}

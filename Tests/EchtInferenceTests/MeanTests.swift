import Foundation
import Testing
@testable import EchtInference

/// MEAN (not used by the five models, but part of the supported set).
struct MeanTests {
    @Test(arguments: [([1, 2], true), ([-1], false), ([0, 1, 2, 3], true), ([2], false)])
    func meanOverAxes(_ axes: [Int], _ keepDims: Bool) throws {
        let shape = [2, 3, 4, 5]
        let x = KernelHarness.random(120, seed: 41)
        let reduced = Set(axes.map { $0 < 0 ? $0 + 4 : $0 })
        let kept = shape.indices.map { reduced.contains($0) ? 1 : shape[$0] }
        var sums = [Double](repeating: 0, count: kept.reduce(1, *))
        for i in 0..<120 {
            var rest = i, target = 0, scale = 1
            var coordinates = [0, 0, 0, 0]
            for d in stride(from: 3, through: 0, by: -1) { coordinates[d] = rest % shape[d]; rest /= shape[d] }
            for d in stride(from: 3, through: 0, by: -1) {
                target += (reduced.contains(d) ? 0 : coordinates[d]) * scale
                scale *= kept[d]
            }
            sums[target] += Double(x[i])
        }
        let divisor = Double(reduced.reduce(1) { $0 * shape[$1] })
        let outputShape = keepDims ? kept : shape.indices.filter { !reduced.contains($0) }.map { shape[$0] }
        let output = try KernelHarness.run(code: 40, activations: [Tensor(shape: shape, values: x)],
                                           constants: [.ints([axes.count], axes)], outputShape: outputShape,
                                           optionsType: 27, options: [.u8(keepDims ? 1 : 0)])
        #expect(output.shape == outputShape)
        #expect(KernelHarness.maxAbsDiff(output.values, sums.map { Float($0 / divisor) }) < 1e-6)
    }
}

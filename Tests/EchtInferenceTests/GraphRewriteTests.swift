import Foundation
import Testing
@testable import EchtInference

/// PAD folded into a VALID depthwise convolution and RELU folded into it give the same values as
/// the three separate operators, with one kernel left.
struct GraphRewriteTests {
    @Test func padAndReluFoldIntoDepthwise() throws {
        let (h, w, c) = (6, 5, 8)
        let x = KernelHarness.random(h * w * c, seed: 21), filter = KernelHarness.random(9 * c, seed: 22), bias = KernelHarness.random(c, seed: 23)
        let model = TestModel(
            tensors: [.init(shape: [1, h, w, c]), .init(shape: [4, 2], type: 2, data: TestModel.int32s([0, 0, 1, 2, 2, 1, 0, 0])),
                      .init(shape: [1, h + 3, w + 3, c]), .init(shape: [1, 3, 3, c], data: TestModel.floats(filter)),
                      .init(shape: [c], data: TestModel.floats(bias)), .init(shape: [1, h + 1, w + 1, c]), .init(shape: [1, h + 1, w + 1, c])],
            operators: [.init(code: 34, inputs: [0, 1], outputs: [2]),
                        .init(code: 4, inputs: [2, 3, 4], outputs: [5], optionsType: 2, options: [.i8(1), .i32(1), .i32(1), .i32(1), .i8(0)]),
                        .init(code: 19, inputs: [5], outputs: [6])],
            inputs: [0], outputs: [6])
        let loaded = try Model(bytes: model.bytes, url: URL(fileURLWithPath: "/test/rewrite.tflite"))
        #expect(loaded.operatorCount == 1)
        let output = try loaded.run([Tensor(shape: [1, h, w, c], values: x)])[0]
        // Reference: pad explicitly, then a VALID depthwise convolution, then RELU.
        var padded = [Float](repeating: 0, count: (h + 3) * (w + 3) * c)
        for y in 0..<h { for xx in 0..<w { for ch in 0..<c { padded[((y + 1) * (w + 3) + xx + 2) * c + ch] = x[(y * w + xx) * c + ch] } } }
        let expected = KernelHarness.convolution(input: padded, h: h + 3, w: w + 3, c: c, filter: filter, outC: c, kh: 3, kw: 3,
                                                 sh: 1, sw: 1, dh: 1, dw: 1, same: false, bias: bias, multiplier: 1)
        #expect(output.shape == expected.shape)
        #expect(KernelHarness.maxAbsDiff(output.values, expected.values.map { max($0, 0) }) < 1e-5)
    }

    @Test func preluFoldsIntoConvolution() throws {
        let (h, w, c, outC) = (5, 4, 6, 10)
        let x = KernelHarness.random(h * w * c, seed: 31), filter = KernelHarness.random(outC * 9 * c, seed: 32)
        let bias = KernelHarness.random(outC, seed: 33), alpha = KernelHarness.random(outC, seed: 34)
        let model = TestModel(
            tensors: [.init(shape: [1, h, w, c]), .init(shape: [outC, 3, 3, c], data: TestModel.floats(filter)),
                      .init(shape: [outC], data: TestModel.floats(bias)), .init(shape: [1, h, w, outC]),
                      .init(shape: [1, 1, outC], data: TestModel.floats(alpha)), .init(shape: [1, h, w, outC])],
            operators: [.init(code: 3, inputs: [0, 1, 2], outputs: [3], optionsType: 1, options: [.i8(0), .i32(1), .i32(1), .i8(0)]),
                        .init(code: 54, inputs: [3, 4], outputs: [5])],
            inputs: [0], outputs: [5])
        let loaded = try Model(bytes: model.bytes, url: URL(fileURLWithPath: "/test/prelu.tflite"))
        #expect(loaded.operatorCount == 1)
        let output = try loaded.run([Tensor(shape: [1, h, w, c], values: x)])[0]
        let conv = KernelHarness.convolution(input: x, h: h, w: w, c: c, filter: filter, outC: outC, kh: 3, kw: 3,
                                             sh: 1, sw: 1, dh: 1, dw: 1, same: true, bias: bias)
        let expected = conv.values.enumerated().map { $0.element >= 0 ? $0.element : $0.element * alpha[$0.offset % outC] }
        #expect(conv.values.contains { $0 < 0 })
        #expect(KernelHarness.maxAbsDiff(output.values, expected) < 1e-5)
    }
}

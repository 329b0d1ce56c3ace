import Foundation
import Testing
@testable import EchtInference

/// CONV_2D and DEPTHWISE_CONV_2D against a naive double-precision reference.
struct ConvolutionTests {
    struct Case: Sendable, CustomStringConvertible {
        var h: Int, w: Int, c: Int, outC: Int, kh: Int, kw: Int, sh: Int, sw: Int, dh = 1, dw = 1, same: Bool, relu = false
        var description: String {
            "\(h)×\(w)×\(c)→\(outC) k\(kh)×\(kw) s\(sh)×\(sw) d\(dh)×\(dw) \(same ? "SAME" : "VALID")\(relu ? " RELU" : "")"
        }
    }

    static let convolutions: [Case] = [
        Case(h: 5, w: 5, c: 3, outC: 4, kh: 3, kw: 3, sh: 1, sw: 1, same: true),
        Case(h: 6, w: 6, c: 2, outC: 17, kh: 3, kw: 3, sh: 2, sw: 2, same: true),          // pad 0/1, partial panel
        Case(h: 7, w: 8, c: 5, outC: 3, kh: 5, kw: 5, sh: 2, sw: 2, same: true, relu: true), // pad 1/2 and 2/2
        Case(h: 9, w: 9, c: 4, outC: 8, kh: 3, kw: 3, sh: 1, sw: 1, dh: 2, dw: 2, same: false),
        Case(h: 9, w: 7, c: 3, outC: 5, kh: 3, kw: 3, sh: 1, sw: 2, dh: 2, dw: 1, same: true),
        Case(h: 3, w: 3, c: 3, outC: 2, kh: 3, kw: 3, sh: 3, sw: 3, same: false),           // 3×3 s3 head
        Case(h: 5, w: 3, c: 16, outC: 33, kh: 1, kw: 1, sh: 1, sw: 1, same: false),         // 15 pixels: tail of 4
        Case(h: 4, w: 4, c: 8, outC: 16, kh: 2, kw: 2, sh: 2, sw: 2, same: false),
    ]

    @Test(arguments: convolutions)
    func conv2D(_ k: Case) throws {
        let seed = UInt64(k.h * 1000 + k.outC * 10 + k.kh)
        let input = KernelHarness.random(k.h * k.w * k.c, seed: seed)
        let filter = KernelHarness.random(k.outC * k.kh * k.kw * k.c, seed: seed + 1)
        let bias = KernelHarness.random(k.outC, seed: seed + 2)
        var expected = KernelHarness.convolution(input: input, h: k.h, w: k.w, c: k.c, filter: filter, outC: k.outC, kh: k.kh, kw: k.kw,
                                                 sh: k.sh, sw: k.sw, dh: k.dh, dw: k.dw, same: k.same, bias: bias)
        if k.relu { expected.values = expected.values.map { max($0, 0) } }
        let output = try KernelHarness.run(
            code: 3, activations: [Tensor(shape: [1, k.h, k.w, k.c], values: input)],
            constants: [.floats([k.outC, k.kh, k.kw, k.c], filter), .floats([k.outC], bias)],
            outputShape: expected.shape, optionsType: 1,
            options: [.i8(k.same ? 0 : 1), .i32(Int32(k.sw)), .i32(Int32(k.sh)), .i8(k.relu ? 1 : 0), .i32(Int32(k.dw)), .i32(Int32(k.dh))])
        #expect(output.shape == expected.shape)
        let diff = KernelHarness.maxAbsDiff(output.values, expected.values)
        #expect(diff < 1e-5, "seed \(seed): max |diff| \(diff)")
    }

    static let depthwise: [(Case, Int)] = [
        (Case(h: 6, w: 6, c: 16, outC: 16, kh: 3, kw: 3, sh: 2, sw: 2, same: true), 1),
        (Case(h: 7, w: 5, c: 13, outC: 13, kh: 3, kw: 3, sh: 1, sw: 1, same: true, relu: true), 1),  // channel tail
        (Case(h: 8, w: 8, c: 24, outC: 24, kh: 5, kw: 5, sh: 2, sw: 2, same: true), 1),              // pad 1/2
        (Case(h: 6, w: 7, c: 3, outC: 6, kh: 3, kw: 3, sh: 1, sw: 1, same: false), 2),               // depth multiplier 2
        (Case(h: 9, w: 9, c: 4, outC: 12, kh: 3, kw: 3, sh: 2, sw: 1, dh: 2, dw: 2, same: true), 3),
    ]

    @Test(arguments: depthwise)
    func depthwiseConv2D(_ k: Case, _ multiplier: Int) throws {
        let seed = UInt64(k.h * 100 + k.c)
        let input = KernelHarness.random(k.h * k.w * k.c, seed: seed)
        let filter = KernelHarness.random(k.kh * k.kw * k.outC, seed: seed + 1)
        let bias = KernelHarness.random(k.outC, seed: seed + 2)
        var expected = KernelHarness.convolution(input: input, h: k.h, w: k.w, c: k.c, filter: filter, outC: k.outC, kh: k.kh, kw: k.kw,
                                                 sh: k.sh, sw: k.sw, dh: k.dh, dw: k.dw, same: k.same, bias: bias, multiplier: multiplier)
        if k.relu { expected.values = expected.values.map { max($0, 0) } }
        let output = try KernelHarness.run(
            code: 4, activations: [Tensor(shape: [1, k.h, k.w, k.c], values: input)],
            constants: [.floats([1, k.kh, k.kw, k.outC], filter), .floats([k.outC], bias)],
            outputShape: expected.shape, optionsType: 2,
            options: [.i8(k.same ? 0 : 1), .i32(Int32(k.sw)), .i32(Int32(k.sh)), .i32(Int32(multiplier)), .i8(k.relu ? 1 : 0),
                      .i32(Int32(k.dw)), .i32(Int32(k.dh))])
        #expect(output.shape == expected.shape)
        let diff = KernelHarness.maxAbsDiff(output.values, expected.values)
        #expect(diff < 1e-5, "seed \(seed): max |diff| \(diff)")
    }

    @Test func transposeConvolutionBiasMatchesScatterReference() throws {
        let (h, w, c, outC, k) = (4, 3, 5, 2, 3)
        let input = KernelHarness.random(h * w * c, seed: 9), filter = KernelHarness.random(outC * k * k * c, seed: 10)
        let bias: [Float] = [0.25, -0.5]
        // SAME (TfLitePadding 1), stride 2: pad = k − (in−1) % 2 − 1 per axis, offsets pad/2.
        let padH = max(0, k - (h - 1) % 2 - 1), padW = max(0, k - (w - 1) % 2 - 1)
        let oh = 2 * (h - 1) + k - padH, ow = 2 * (w - 1) + k - padW
        var expected = [Double](repeating: 0, count: oh * ow * outC)
        for i in 0..<(oh * ow) { for o in 0..<outC { expected[i * outC + o] = Double(bias[o]) } }
        for y in 0..<h { for x in 0..<w { for ky in 0..<k { for kx in 0..<k {
            let oy = 2 * y - padH / 2 + ky, ox = 2 * x - padW / 2 + kx
            guard oy >= 0, oy < oh, ox >= 0, ox < ow else { continue }
            for o in 0..<outC { for i in 0..<c {
                expected[(oy * ow + ox) * outC + o] += Double(input[(y * w + x) * c + i]) * Double(filter[((o * k + ky) * k + kx) * c + i])
            } }
        } } } }
        let output = try KernelHarness.run(
            code: 32, custom: "Convolution2DTransposeBias", activations: [Tensor(shape: [1, h, w, c], values: input)],
            constants: [.floats([outC, k, k, c], filter), .floats([outC], bias)], outputShape: [1, oh, ow, outC],
            customOptions: [1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0])
        #expect(KernelHarness.maxAbsDiff(output.values, expected.map { Float($0) }) < 1e-5)
    }
}

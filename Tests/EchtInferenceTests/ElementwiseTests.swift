import Foundation
import Testing
@testable import EchtInference

/// ADD / MUL / PRELU broadcasting, unary activations and pooling against direct references.
struct ElementwiseTests {
    /// Numpy-style broadcast reference for rank-4 shapes.
    static func broadcast(_ a: [Float], _ sa: [Int], _ b: [Float], _ sb: [Int], _ f: (Double, Double) -> Double) -> ([Int], [Float]) {
        let pa = Array(repeating: 1, count: 4 - sa.count) + sa, pb = Array(repeating: 1, count: 4 - sb.count) + sb
        let shape = zip(pa, pb).map { max($0, $1) }
        var out: [Float] = []
        for i0 in 0..<shape[0] { for i1 in 0..<shape[1] { for i2 in 0..<shape[2] { for i3 in 0..<shape[3] {
            func index(_ s: [Int]) -> Int {
                let c = [i0, i1, i2, i3].enumerated().map { s[$0.offset] == 1 ? 0 : $0.element }
                return ((c[0] * s[1] + c[1]) * s[2] + c[2]) * s[3] + c[3]
            }
            out.append(Float(f(Double(a[index(pa)]), Double(b[index(pb)]))))
        } } } }
        return (Array(shape.suffix(max(sa.count, sb.count))), out)
    }

    @Test(arguments: [[5], [1, 1, 5], [1, 1, 1, 5], [3, 1, 5]])
    func preluBroadcastsAlpha(_ alphaShape: [Int]) throws {
        let xShape = [1, 3, 4, 5]
        let x = KernelHarness.random(60, seed: 3), alpha = KernelHarness.random(alphaShape.reduce(1, *), seed: 4)
        let (shape, expected) = Self.broadcast(x, xShape, alpha, alphaShape) { $0 >= 0 ? $0 : $0 * $1 }
        let output = try KernelHarness.run(code: 54, activations: [Tensor(shape: xShape, values: x)],
                                           constants: [.floats(alphaShape, alpha)], outputShape: shape)
        #expect(KernelHarness.maxAbsDiff(output.values, expected) < 1e-6)
        #expect(x.contains { $0 < 0 } && x.contains { $0 > 0 })
    }

    @Test(arguments: [([1, 2, 3, 9], [1, 2, 3, 9]), ([1, 2, 3, 9], [1, 1, 1, 9]), ([1, 2, 3, 4], [1, 1, 3, 1]), ([2, 1, 3], [1, 4, 3])])
    func addAndMultiplyBroadcast(_ a: [Int], _ b: [Int]) throws {
        let x = KernelHarness.random(a.reduce(1, *), seed: 5), y = KernelHarness.random(b.reduce(1, *), seed: 6)
        let (shape, sums) = Self.broadcast(x, a, y, b) { max($0 + $1, 0) }
        let add = try KernelHarness.run(code: 0, activations: [Tensor(shape: a, values: x), Tensor(shape: b, values: y)],
                                        outputShape: shape, optionsType: 11, options: [.i8(1)])
        #expect(add.shape == shape)
        #expect(KernelHarness.maxAbsDiff(add.values, sums) < 1e-6)
        let (_, products) = Self.broadcast(x, a, y, b) { $0 * $1 }
        let mul = try KernelHarness.run(code: 18, activations: [Tensor(shape: a, values: x)], constants: [.floats(b, y)],
                                        outputShape: shape, optionsType: 21, options: [.i8(0)])
        #expect(KernelHarness.maxAbsDiff(mul.values, products) < 1e-6)
    }

    @Test func unaryActivationsIncludingSaturation() throws {
        let x: [Float] = [-1000, -88, -20, -3.5, -3, -1, -0.25, 0, 0.25, 1, 2.9, 3, 6.5, 20, 88, 1000] + KernelHarness.random(17, seed: 8).map { $0 * 8 }
        let shape = [1, 1, 1, x.count]
        let cases: [(Int, (Double) -> Double)] = [
            (19, { max($0, 0) }),
            (21, { min(max($0, 0), 6) }),
            (14, { 1 / (1 + Foundation.exp(-$0)) }),
            (117, { $0 * min(max($0 + 3, 0), 6) / 6 }),
            (28, { Foundation.tanh($0) }),
        ]
        for (code, reference) in cases {
            let output = try KernelHarness.run(code: code, activations: [Tensor(shape: shape, values: x)], outputShape: shape)
            #expect(output.values.allSatisfy { $0.isFinite }, "op \(code) produced a non-finite value")
            let relative = zip(output.values, x).map { abs(Double($0) - reference(Double($1))) / max(1, abs(reference(Double($1)))) }.max() ?? 0
            #expect(relative < 1e-6, "op \(code): max relative difference \(relative)")
        }
    }

    @Test(arguments: [(true, 3, 2), (false, 2, 2), (true, 2, 2), (true, 5, 1)])
    func poolingClipsWindows(_ same: Bool, _ window: Int, _ stride: Int) throws {
        let (h, w, c) = (5, 6, 11)
        let x = KernelHarness.random(h * w * c, seed: UInt64(window * 10 + stride))
        let (oh, pt) = KernelHarness.outputAndPad(h, kernel: window, stride: stride, dilation: 1, same: same)
        let (ow, pl) = KernelHarness.outputAndPad(w, kernel: window, stride: stride, dilation: 1, same: same)
        var maxima: [Float] = [], means: [Float] = []
        for oy in 0..<oh { for ox in 0..<ow { for ch in 0..<c {
            var best = -Double.infinity, sum = 0.0, count = 0
            for y in (oy * stride - pt)..<(oy * stride - pt + window) where y >= 0 && y < h {
                for xx in (ox * stride - pl)..<(ox * stride - pl + window) where xx >= 0 && xx < w {
                    let v = Double(x[(y * w + xx) * c + ch])
                    best = max(best, v); sum += v; count += 1
                }
            }
            maxima.append(Float(best)); means.append(Float(sum / Double(count)))
        } } }
        let options: [FlatField?] = [.i8(same ? 0 : 1), .i32(Int32(stride)), .i32(Int32(stride)), .i32(Int32(window)), .i32(Int32(window)), .i8(0)]
        let input = Tensor(shape: [1, h, w, c], values: x)
        let maxPool = try KernelHarness.run(code: 17, activations: [input], outputShape: [1, oh, ow, c], optionsType: 5, options: options)
        let avgPool = try KernelHarness.run(code: 1, activations: [input], outputShape: [1, oh, ow, c], optionsType: 5, options: options)
        #expect(KernelHarness.maxAbsDiff(maxPool.values, maxima) == 0)
        #expect(KernelHarness.maxAbsDiff(avgPool.values, means) < 1e-6)
    }
}

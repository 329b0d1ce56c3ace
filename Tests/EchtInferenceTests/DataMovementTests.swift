import Foundation
import Testing
@testable import EchtInference

/// PAD, CONCATENATION, RESHAPE, DEPTH_TO_SPACE and RESIZE_BILINEAR.
struct DataMovementTests {
    @Test func padFillsZerosAroundEveryAxis() throws {
        let x = KernelHarness.random(2 * 3 * 4, seed: 1)
        let output = try KernelHarness.run(code: 34, activations: [Tensor(shape: [1, 2, 3, 4], values: x)],
                                           constants: [.ints([4, 2], [0, 0, 1, 2, 0, 1, 2, 3])], outputShape: [1, 5, 4, 9])
        for y in 0..<5 { for xx in 0..<4 { for c in 0..<9 {
            let inside = (1..<3).contains(y) && xx < 3 && (2..<6).contains(c)
            let expected = inside ? x[((y - 1) * 3 + xx) * 4 + c - 2] : 0
            #expect(output.values[(y * 4 + xx) * 9 + c] == expected)
        } } }
    }

    @Test func concatenationJoinsAlongNegativeAxis() throws {
        let a = KernelHarness.random(2 * 3 * 2, seed: 2), b = KernelHarness.random(2 * 3 * 5, seed: 3)
        let output = try KernelHarness.run(code: 2, activations: [Tensor(shape: [2, 3, 2], values: a), Tensor(shape: [2, 3, 5], values: b)],
                                           outputShape: [2, 3, 7], optionsType: 10, options: [.i32(-1), .i8(0)])
        for row in 0..<6 {
            #expect(Array(output.values[(row * 7)..<(row * 7 + 2)]) == Array(a[(row * 2)..<(row * 2 + 2)]))
            #expect(Array(output.values[(row * 7 + 2)..<(row * 7 + 7)]) == Array(b[(row * 5)..<(row * 5 + 5)]))
        }
    }

    @Test func reshapeKeepsValues() throws {
        let x = KernelHarness.random(24, seed: 4)
        let output = try KernelHarness.run(code: 22, activations: [Tensor(shape: [1, 2, 3, 4], values: x)],
                                           constants: [.ints([2], [6, 4])], outputShape: [6, 4])
        #expect(output == Tensor(shape: [6, 4], values: x))
    }

    @Test func depthToSpaceUsesDCROrder() throws {
        let x = (0..<(2 * 3 * 8)).map(Float.init)
        let output = try KernelHarness.run(code: 5, activations: [Tensor(shape: [1, 2, 3, 8], values: x)],
                                           outputShape: [1, 4, 6, 2], optionsType: 94, options: [.i32(2)])
        for y in 0..<4 { for xx in 0..<6 { for c in 0..<2 {
            let source = ((y / 2) * 3 + xx / 2) * 8 + ((y % 2) * 2 + xx % 2) * 2 + c
            #expect(output.values[(y * 6 + xx) * 2 + c] == x[source])
        } } }
    }

    @Test(arguments: [(false, true), (true, false), (false, false)])
    func resizeBilinearFollowsTFLiteSampling(_ alignCorners: Bool, _ halfPixel: Bool) throws {
        let (h, w, c, oh, ow) = (3, 4, 2, 7, 5)
        let x = KernelHarness.random(h * w * c, seed: 5)
        func axis(_ o: Int, _ n: Int, _ out: Int) -> (Int, Int, Double) {
            let scale = alignCorners && out > 1 ? Double(n - 1) / Double(out - 1) : Double(n) / Double(out)
            let s = halfPixel ? (Double(o) + 0.5) * scale - 0.5 : Double(o) * scale
            let lo = max(Int(s.rounded(.down)), 0)
            return (lo, min(Int(s.rounded(.up)), n - 1), s - Double(lo))
        }
        var expected: [Float] = []
        for oy in 0..<oh { for ox in 0..<ow { for ch in 0..<c {
            let (y0, y1, fy) = axis(oy, h, oh), (x0, x1, fx) = axis(ox, w, ow)
            func v(_ y: Int, _ xx: Int) -> Double { Double(x[(y * w + xx) * c + ch]) }
            expected.append(Float(v(y0, x0) * (1 - fy) * (1 - fx) + v(y1, x0) * fy * (1 - fx) + v(y0, x1) * (1 - fy) * fx + v(y1, x1) * fy * fx))
        } } }
        let output = try KernelHarness.run(code: 23, activations: [Tensor(shape: [1, h, w, c], values: x)],
                                           constants: [.ints([2], [oh, ow])], outputShape: [1, oh, ow, c], optionsType: 15,
                                           options: [.i32(99), .i32(99), .u8(alignCorners ? 1 : 0), .u8(halfPixel ? 1 : 0)])
        #expect(KernelHarness.maxAbsDiff(output.values, expected) < 1e-5)
    }
}

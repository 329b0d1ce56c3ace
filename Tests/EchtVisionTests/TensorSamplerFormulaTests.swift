import EchtImaging
import Foundation
import EchtInference
import Testing
@testable import EchtVision

/// The sampler's per-column coordinate shares give, bit for bit, the per-pixel formula
/// `center + rotation · (lx, ly) − a` it replaced (no golden tensors needed).
struct TensorSamplerFormulaTests {
    /// The per-pixel formula, one channel at a time.
    static func reference(_ image: Image, region: RotatedRect, width: Int, height: Int, replicate: Bool,
                          range: ClosedRange<Float>, halfPixel: Bool, mirrored: Bool) -> [Float] {
        let a = halfPixel ? 0.5 : 0.0
        let c = cos(region.rotation), s = sin(region.rotation)
        let scale = range.upperBound - range.lowerBound, offset = range.lowerBound
        func tap(_ x: Int, _ y: Int, _ k: Int) -> Float {
            var xx = x, yy = y
            if !(xx >= 0 && xx < image.width && yy >= 0 && yy < image.height) {
                guard replicate else { return 0 }
                xx = min(max(xx, 0), image.width - 1); yy = min(max(yy, 0), image.height - 1)
            }
            return SRGB.encode(image.pixels[(yy * image.width + xx) * image.channels + k])
        }
        var out = [Float]()
        for ty in 0..<height {
            let ly = ((Double(ty) + a) / Double(height) - 0.5) * region.height
            for tx in 0..<width {
                let t = mirrored ? Double(width - 1 - tx) : Double(tx)
                let lx = ((t + a) / Double(width) - 0.5) * region.width
                let sx = region.center.x + c * lx - s * ly - a
                let sy = region.center.y + s * lx + c * ly - a
                let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
                let w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy
                for k in 0..<3 {
                    let v = tap(x0, y0, k) * w00 + tap(x0 + 1, y0, k) * w10 + tap(x0, y0 + 1, k) * w01 + tap(x0 + 1, y0 + 1, k) * w11
                    out.append(v * scale + offset)
                }
            }
        }
        return out
    }

    @Test(arguments: [(0.0, false, false), (0.37, true, false), (-1.2, false, true), (2.9, true, true)])
    func samplerEqualsPerPixelFormula(rotation: Double, halfPixel: Bool, mirrored: Bool) {
        let w = 61, h = 47
        var state: UInt64 = 5
        let pixels = (0..<(w * h * 3)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return SRGBTransfer.linearFromByte[Int(state >> 56)]
        }
        let image = Image(width: w, height: h, channels: 3, pixels: pixels)
        let region = RotatedRect(center: SIMD2(29.3, 21.7), width: 53.1, height: 40.6, rotation: rotation)
        for (border, replicate) in [(TensorSampler.Border.zero, false), (.replicate, true)] {
            let tensor = TensorSampler.sample(image, region: region, width: 33, height: 29, border: border, range: -1...1,
                                              halfPixel: halfPixel, mirrored: mirrored)
            let expected = Self.reference(image, region: region, width: 33, height: 29, replicate: replicate, range: -1...1,
                                          halfPixel: halfPixel, mirrored: mirrored)
            #expect(tensor.values == expected, "rotation \(rotation), replicate \(replicate)")
        }
    }
}

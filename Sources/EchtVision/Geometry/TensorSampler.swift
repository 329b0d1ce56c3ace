import EchtImaging
import EchtInference
import Foundation

/// Samples a rotated region of an image into a model's NHWC input tensor (MediaPipe's
/// `ImageToTensorCalculator`), on sRGB-encoded values as the models were trained.
///
/// Tensor pixel (tx, ty) of a `W×H` tensor samples the image point
/// `region.imagePoint(u: (tx + a)/W, v: (ty + a)/H)` bilinearly at index coordinates `p − a`,
/// where `a = 0` (MediaPipe's CPU convention, no half-pixel shift) or `a = 0.5` (half-pixel).
enum TensorSampler {
    /// What out-of-image samples read.
    enum Border: Sendable {
        /// Black (the detectors and the segmenter).
        case zero
        /// The nearest edge pixel (face mesh and iris).
        case replicate
    }

    /// Builds a `[1, height, width, 3]` tensor whose values map 0...255 sRGB onto `range`.
    static func sample(
        _ image: Image, region: RotatedRect, width: Int, height: Int, border: Border,
        range: ClosedRange<Float>, halfPixel: Bool = false, mirrored: Bool = false
    ) -> Tensor {
        let a = halfPixel ? 0.5 : 0.0
        let c = cos(region.rotation), s = sin(region.rotation)
        let scale = range.upperBound - range.lowerBound, offset = range.lowerBound
        let iw = image.width, ih = image.height, ch = image.channels
        let colourTaps = ch >= 3 ? [0, 1, 2] : [0, 0, 0]
        var out = [Float](repeating: 0, count: width * height * 3)
        image.pixels.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { dst in
                var tap = [Float](repeating: 0, count: 12)
                for ty in 0..<height {
                    let ly = ((Double(ty) + a) / Double(height) - 0.5) * region.height
                    for tx in 0..<width {
                        let t = mirrored ? Double(width - 1 - tx) : Double(tx)
                        let lx = ((t + a) / Double(width) - 0.5) * region.width
                        let sx = region.center.x + c * lx - s * ly - a
                        let sy = region.center.y + s * lx + c * ly - a
                        let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                        let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
                        for (k, (dx, dy)) in [(0, 0), (1, 0), (0, 1), (1, 1)].enumerated() {
                            var xx = x0 + dx, yy = y0 + dy
                            let inside = xx >= 0 && xx < iw && yy >= 0 && yy < ih
                            if !inside {
                                if border == .zero {
                                    tap[k * 3] = 0; tap[k * 3 + 1] = 0; tap[k * 3 + 2] = 0
                                    continue
                                }
                                xx = min(max(xx, 0), iw - 1); yy = min(max(yy, 0), ih - 1)
                            }
                            let base = (yy * iw + xx) * ch
                            for k3 in 0..<3 { tap[k * 3 + k3] = SRGB.encode(px[base + colourTaps[k3]]) }
                        }
                        let w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy
                        let o = (ty * width + tx) * 3
                        for k3 in 0..<3 {
                            let v = tap[k3] * w00 + tap[3 + k3] * w10 + tap[6 + k3] * w01 + tap[9 + k3] * w11
                            dst[o + k3] = v * scale + offset
                        }
                    }
                }
            }
        }
        return Tensor(shape: [1, height, width, 3], values: out)
    }
}

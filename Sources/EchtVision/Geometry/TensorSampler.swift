import CPrefetch
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
        let green = ch >= 3 ? 1 : 0, blue = ch >= 3 ? 2 : 0
        let replicate = border == .replicate
        var out = [Float](repeating: 0, count: width * height * 3)
        SRGB.withByteTables { tables in
            image.pixels.withUnsafeBufferPointer { px in
                out.withUnsafeMutableBufferPointer { dst in
                    /// The sRGB-encoded colour of the source pixel (xx, yy); outside the image, black
                    /// or the nearest edge pixel.
                    @inline(__always) func tap(_ x: Int, _ y: Int) -> SIMD3<Float> {
                        var xx = x, yy = y
                        if !(xx >= 0 && xx < iw && yy >= 0 && yy < ih) {
                            guard replicate else { return .zero }
                            xx = min(max(xx, 0), iw - 1); yy = min(max(yy, 0), ih - 1)
                        }
                        let base = (yy * iw + xx) * ch
                        return SIMD3(SRGB.encode(px[base], tables: tables), SRGB.encode(px[base + green], tables: tables),
                                     SRGB.encode(px[base + blue], tables: tables))
                    }
                    // The column's share of the source point, once per column: the same operations in
                    // the same order as `center + rotation · (lx, ly) − a` per pixel.
                    var columnX = [Double](repeating: 0, count: width), columnY = columnX
                    for tx in 0..<width {
                        let t = mirrored ? Double(width - 1 - tx) : Double(tx)
                        let lx = ((t + a) / Double(width) - 0.5) * region.width
                        columnX[tx] = region.center.x + c * lx
                        columnY[tx] = region.center.y + s * lx
                    }
                    // The taps of a tensor pixel `ahead` columns on, fetched early: each pixel reads
                    // two source rows far from the last pixel's (the region is shrunk several times).
                    let ahead = 4, lastSample = max(iw * ih * ch - 1, 0), image = px.baseAddress!
                    for ty in 0..<height {
                        let ly = ((Double(ty) + a) / Double(height) - 0.5) * region.height
                        let rowX = s * ly, rowY = c * ly
                        for tx in 0..<width {
                            if tx + ahead < width {
                                let later = SIMD2(columnX[tx + ahead] - rowX - a, columnY[tx + ahead] + rowY - a)
                                if later.x >= 0, later.y >= 0, later.x < Double(iw), later.y < Double(ih) {
                                    let at = (Int(later.y) * iw + Int(later.x)) * ch
                                    echt_prefetch(image + at); echt_prefetch(image + min(at + iw * ch, lastSample))
                                }
                            }
                            let sx = columnX[tx] - rowX - a
                            let sy = columnY[tx] + rowY - a
                            let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                            let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
                            let w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy
                            // Lane by lane the same sums, in the same order, as one channel at a time.
                            let v = tap(x0, y0) * w00 + tap(x0 + 1, y0) * w10 + tap(x0, y0 + 1) * w01 + tap(x0 + 1, y0 + 1) * w11
                            let o = (ty * width + tx) * 3
                            dst[o] = v.x * scale + offset
                            dst[o + 1] = v.y * scale + offset
                            dst[o + 2] = v.z * scale + offset
                        }
                    }
                }
            }
        }
        return Tensor(shape: [1, height, width, 3], values: out)
    }
}

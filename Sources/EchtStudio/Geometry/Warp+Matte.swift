import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

extension Warp {
    /// Renders a matte's `alpha` (1 channel) and `foreground` (3 channels, same size) through
    /// `transform` (output pixel → matte pixel), with the photo's inside mask (`photo`: its size
    /// and the transform to photo pixels). `regionHoldsFrame` says that every output pixel inside
    /// the photo is inside the matte's region too, so the photo's mask stands for the region's.
    /// Returns where the frame lies inside the photo (1 or 0), the alpha rendered, clamped to
    /// 0...1 and 0 outside the matte's region, and the foreground rendered, all `width`×`height`:
    /// the same as `insideMask`s, `render(_:_:transform:width:height:)` and the clamp;
    /// when neither image needs a pre-blur or shrink and the frame is rotated (the usual case:
    /// the frame is levelled), it is made in one pass that computes no intermediate image.
    static func renderMatte(alpha: Image, foreground: Image, transform: SimilarityTransform, width: Int, height: Int,
                            photo: (width: Int, height: Int, transform: SimilarityTransform), regionHoldsFrame: Bool) -> (inside: Image, alpha: Image, foreground: Image) {
        precondition(alpha.channels == 1 && foreground.channels == 3, "expected a 1-channel alpha and a 3-channel foreground")
        guard alpha.width == foreground.width, alpha.height == foreground.height,
              let (local, window) = onePassWindow(transform: transform, width: width, height: height,
                                                  sourceWidth: alpha.width, sourceHeight: alpha.height) else {
            let inside = insideMask(sourceWidth: photo.width, sourceHeight: photo.height, transform: photo.transform, width: width, height: height)
            let inRegion = regionHoldsFrame ? inside
                : insideMask(sourceWidth: alpha.width, sourceHeight: alpha.height, transform: transform, width: width, height: height)
            var (warped, colours) = render(alpha, foreground, transform: transform, width: width, height: height)
            for i in 0..<warped.pixels.count { warped.pixels[i] = min(1, max(0, warped.pixels[i])) * inRegion.pixels[i] }
            return (inside, warped, colours)
        }
        return fusedMatte(alpha: alpha, foreground: foreground, sampling: local, window: window,
                          region: regionHoldsFrame ? nil : transform, photo: photo, width: width, height: height)
    }

    /// The one-pass form of `renderMatte`: `sampling` maps output pixels to the `window` of the
    /// matte (rotated path of the bilinear sampler); `region`, when given, maps them to the matte
    /// for its inside test. Every value is computed by the same operations in the same order as
    /// `insideMask`, the bilinear sampler and the clamp, so the results are identical.
    private static func fusedMatte(alpha: Image, foreground: Image, sampling: SimilarityTransform,
                                   window part: (x0: Int, y0: Int, width: Int, height: Int), region: SimilarityTransform?,
                                   photo: (width: Int, height: Int, transform: SimilarityTransform),
                                   width: Int, height: Int) -> (inside: Image, alpha: Image, foreground: Image) {
        let n = width * height, stride = alpha.width, sw = part.width, sh = part.height
        let ca = cos(sampling.angle) * sampling.scale, sa = sin(sampling.angle) * sampling.scale
        let pca = cos(photo.transform.angle) * photo.transform.scale, psa = sin(photo.transform.angle) * photo.transform.scale
        let rca = region.map { cos($0.angle) * $0.scale } ?? 0, rsa = region.map { sin($0.angle) * $0.scale } ?? 0
        let maxX = Float(sw - 1), maxY = Float(sh - 1), lastX = sw - 2 < 0 ? 0 : sw - 2, lastY = sh - 2 < 0 ? 0 : sh - 2
        let pw = Double(photo.width), ph = Double(photo.height), rw = Double(alpha.width), rh = Double(alpha.height)
        // Per-column products, formed once (each equals the per-pixel product).
        let columns = UnsafeMutablePointer<Double>.allocate(capacity: width * 6)
        defer { columns.deallocate() }
        let caX = columns, saX = columns + width, pcaX = columns + 2 * width, psaX = columns + 3 * width
        let rcaX = columns + 4 * width, rsaX = columns + 5 * width
        for x in 0..<width {
            let ox = Double(x) + 0.5
            caX[x] = ca * ox; saX[x] = sa * ox; pcaX[x] = pca * ox; psaX[x] = psa * ox; rcaX[x] = rca * ox; rsaX[x] = rsa * ox
        }
        // One row's taps: the first source sample's index, the steps to the right and lower
        // neighbours (0 where clamped at the edge) and the two fractions.
        let taps = UnsafeMutablePointer<Int>.allocate(capacity: width * 3)
        let fractions = UnsafeMutablePointer<Float>.allocate(capacity: width * 2)
        defer { taps.deallocate(); fractions.deallocate() }
        let base = taps, stepX = taps + width, stepY = taps + 2 * width, fx = fractions, fy = fractions + width
        let origin = part.y0 * stride + part.x0
        var insideOut: [Float] = [], foregroundOut: [Float] = []
        // Every sample of all three outputs is written below.
        let alphaOut = [Float](unsafeUninitializedCapacity: n) { alphaBuffer, alphaCount in
            insideOut = [Float](unsafeUninitializedCapacity: n) { insideBuffer, insideCount in
                foregroundOut = [Float](unsafeUninitializedCapacity: n * 3) { fgBuffer, fgCount in
                    alpha.pixels.withUnsafeBufferPointer { a in
                        foreground.pixels.withUnsafeBufferPointer { f in
                            let src = a.baseAddress!, colours = f.baseAddress!
                            let outA = alphaBuffer.baseAddress!, outI = insideBuffer.baseAddress!, outF = fgBuffer.baseAddress!
                            for y in 0..<height {
                                let oy = Double(y) + 0.5
                                let saY = sa * oy, caY = ca * oy, psaY = psa * oy, pcaY = pca * oy, rsaY = rsa * oy, rcaY = rca * oy
                                let row = y * width
                                for x in 0..<width {
                                    let cf = min(max(Float(caX[x] - saY + sampling.translationX - 0.5), 0), maxX)
                                    let rf = min(max(Float(saX[x] + caY + sampling.translationY - 0.5), 0), maxY)
                                    let ci = min(Int(cf), lastX), ri = min(Int(rf), lastY)
                                    base[x] = origin &+ ri &* stride &+ ci
                                    stepX[x] = min(ci &+ 1, sw - 1) &- ci
                                    stepY[x] = (min(ri &+ 1, sh - 1) &- ri) &* stride
                                    fx[x] = cf - Float(ci); fy[x] = rf - Float(ri)
                                    let px = pcaX[x] - psaY + photo.transform.translationX, py = psaX[x] + pcaY + photo.transform.translationY
                                    outI[row + x] = min(px, py, pw - px, ph - py) >= 0 ? 1 : 0
                                }
                                for x in 0..<width {
                                    let inRegion: Float
                                    if let region {
                                        let qx = rcaX[x] - rsaY + region.translationX, qy = rsaX[x] + rcaY + region.translationY
                                        inRegion = min(qx, qy, rw - qx, rh - qy) >= 0 ? 1 : 0
                                    } else {
                                        inRegion = outI[row + x]
                                    }
                                    let p00 = base[x], p10 = p00 &+ stepX[x], p01 = p00 &+ stepY[x], p11 = p01 &+ stepX[x]
                                    let tx = fx[x], ty = fy[x]
                                    let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                                    let v = w00 * src[p00] + w10 * src[p10] + w01 * src[p01] + w11 * src[p11]
                                    outA[row + x] = min(1, max(0, v)) * inRegion
                                    let o = (row &+ x) &* 3
                                    let q00 = p00 &* 3, q10 = p10 &* 3, q01 = p01 &* 3, q11 = p11 &* 3
                                    outF[o] = w00 * colours[q00] + w10 * colours[q10] + w01 * colours[q01] + w11 * colours[q11]
                                    outF[o + 1] = w00 * colours[q00 + 1] + w10 * colours[q10 + 1] + w01 * colours[q01 + 1] + w11 * colours[q11 + 1]
                                    outF[o + 2] = w00 * colours[q00 + 2] + w10 * colours[q10 + 2] + w01 * colours[q01 + 2] + w11 * colours[q11 + 2]
                                }
                            }
                        }
                    }
                    fgCount = n * 3
                }
                insideCount = n
            }
            alphaCount = n
        }
        return (Image(width: width, height: height, channels: 1, pixels: insideOut),
                Image(width: width, height: height, channels: 1, pixels: alphaOut),
                Image(width: width, height: height, channels: 3, pixels: foregroundOut))
    }
}

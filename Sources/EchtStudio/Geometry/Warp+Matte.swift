import CPrefetch
import EchtImaging
import Foundation
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

extension Warp {
    /// Renders a matte's `alpha` (1 channel) and `foreground` (3 channels, same size) through
    /// `transform` (output pixel → matte pixel); `photo` gives the photo's size and the transform
    /// to photo pixels. `regionHoldsFrame` says that every output pixel inside the photo is
    /// inside the matte's region too, so the photo's inside test stands for the region's.
    /// Returns the alpha rendered, clamped to 0...1 and 0 outside the matte's region (outside the
    /// photo when `regionHoldsFrame`), and the foreground rendered, both `width`×`height`: the
    /// same as `render(_:_:transform:width:height:)`, the clamp and `insideMask`.
    /// When neither image needs a pre-blur or shrink and the frame is rotated (the usual case:
    /// the frame is levelled), it is made in one pass that computes no intermediate image.
    static func renderMatte(alpha: Image, foreground: Image, transform: SimilarityTransform, width: Int, height: Int,
                            photo: (width: Int, height: Int, transform: SimilarityTransform), regionHoldsFrame: Bool) -> (alpha: Image, foreground: Image) {
        precondition(alpha.channels == 1 && foreground.channels == 3, "expected a 1-channel alpha and a 3-channel foreground")
        let region = regionHoldsFrame ? (photo.width, photo.height, photo.transform) : (alpha.width, alpha.height, transform)
        guard alpha.width == foreground.width, alpha.height == foreground.height,
              let (local, window) = onePassWindow(transform: transform, width: width, height: height,
                                                  sourceWidth: alpha.width, sourceHeight: alpha.height) else {
            let inRegion = insideMask(sourceWidth: region.0, sourceHeight: region.1, transform: region.2, width: width, height: height)
            var (warped, colours) = render(alpha, foreground, transform: transform, width: width, height: height)
            for i in 0..<warped.pixels.count { warped.pixels[i] = min(1, max(0, warped.pixels[i])) * inRegion.pixels[i] }
            return (warped, colours)
        }
        return fusedMatte(alpha: alpha, foreground: foreground, sampling: local, window: window,
                          region: InsideRows(sourceWidth: region.0, sourceHeight: region.1, transform: region.2, width: width),
                          width: width, height: height)
    }

    /// The one-pass form of `renderMatte`: `sampling` maps output pixels to the `window` of the
    /// matte (rotated path of the bilinear sampler); `region` says which output pixels lie inside
    /// the matte's region (or the photo). Every value is computed by the same operations in the
    /// same order as the bilinear sampler, the clamp and `insideMask`, so the results are identical.
    private static func fusedMatte(alpha: Image, foreground: Image, sampling: SimilarityTransform,
                                   window part: (x0: Int, y0: Int, width: Int, height: Int), region: InsideRows,
                                   width: Int, height: Int) -> (alpha: Image, foreground: Image) {
        let n = width * height, stride = alpha.width, sw = part.width, sh = part.height
        let ca = cos(sampling.angle) * sampling.scale, sa = sin(sampling.angle) * sampling.scale
        let maxX = Float(sw - 1), maxY = Float(sh - 1), lastX = sw - 2 < 0 ? 0 : sw - 2, lastY = sh - 2 < 0 ? 0 : sh - 2
        // Per-column products, formed once (each equals the per-pixel product).
        let columns = UnsafeMutablePointer<Double>.allocate(capacity: width * 2)
        defer { columns.deallocate() }
        let caX = columns, saX = columns + width
        for x in 0..<width {
            let ox = Double(x) + 0.5
            caX[x] = ca * ox; saX[x] = sa * ox
        }
        let origin = part.y0 * stride + part.x0
        // The reads walk diagonally through the matte's rows; the rows a later output row reads
        // are fetched ahead (`prefetchRows`), the last sample of the window at most.
        let ahead = prefetchRows(sampling) * stride, lastSample = (part.y0 + sh - 1) * stride + part.x0 + sw - 1
        // Bands of rows on the cores (a framing runs alone while the looks wait for it); every
        // pixel is computed as on one thread.
        let bands = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4, height / 64))
        var foregroundOut: [Float] = []
        // Every sample of both outputs is written below.
        let alphaOut = [Float](unsafeUninitializedCapacity: n) { alphaBuffer, alphaCount in
            foregroundOut = [Float](unsafeUninitializedCapacity: n * 3) { fgBuffer, fgCount in
                alpha.pixels.withUnsafeBufferPointer { a in
                    foreground.pixels.withUnsafeBufferPointer { f in
                        let shared = MatteBandPointers(src: a.baseAddress!, colours: f.baseAddress!, outA: alphaBuffer.baseAddress!,
                                                       outF: fgBuffer.baseAddress!, caX: caX, saX: saX)
                        Concurrently.forEach(bands) { band in
                            let src = shared.src, colours = shared.colours, outA = shared.outA, outF = shared.outF
                            let caX = shared.caX, saX = shared.saX
                            // One row's taps: the first source sample's index, the steps to the right and
                            // lower neighbours (0 where clamped at the edge) and the two fractions.
                            let taps = UnsafeMutablePointer<Int>.allocate(capacity: width * 3)
                            let fractions = UnsafeMutablePointer<Float>.allocate(capacity: width * 2)
                            defer { taps.deallocate(); fractions.deallocate() }
                            let base = taps, stepX = taps + width, stepY = taps + 2 * width, fx = fractions, fy = fractions + width
                            for y in (band * height / bands)..<((band + 1) * height / bands) {
                                let oy = Double(y) + 0.5
                                let saY = sa * oy, caY = ca * oy
                                let row = y * width, inside = region.span(row: y)
                                for x in 0..<width {
                                    let cf = min(max(Float(caX[x] - saY + sampling.translationX - 0.5), 0), maxX)
                                    let rf = min(max(Float(saX[x] + caY + sampling.translationY - 0.5), 0), maxY)
                                    let ci = min(Int(cf), lastX), ri = min(Int(rf), lastY)
                                    base[x] = origin &+ ri &* stride &+ ci
                                    stepX[x] = min(ci &+ 1, sw - 1) &- ci
                                    stepY[x] = (min(ri &+ 1, sh - 1) &- ri) &* stride
                                    fx[x] = cf - Float(ci); fy[x] = rf - Float(ri)
                                }
                                for x in 0..<width {
                                    let inRegion: Float = inside.contains(x) ? 1 : 0
                                    let p00 = base[x], p10 = p00 &+ stepX[x], p01 = p00 &+ stepY[x], p11 = p01 &+ stepX[x]
                                    let later = min(p00 &+ ahead, lastSample)
                                    echt_prefetch(src + later); echt_prefetch(colours + later &* 3)
                                    let tx = fx[x], ty = fy[x]
                                    let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                                    let v = w00 * src[p00] + w10 * src[p10] + w01 * src[p01] + w11 * src[p11]
                                    outA[row &+ x] = min(1, max(0, v)) * inRegion
                                    let o = (row &+ x) &* 3
                                    let q00 = p00 &* 3, q10 = p10 &* 3, q01 = p01 &* 3, q11 = p11 &* 3
                                    outF[o] = w00 * colours[q00] + w10 * colours[q10] + w01 * colours[q01] + w11 * colours[q11]
                                    outF[o &+ 1] = w00 * colours[q00 &+ 1] + w10 * colours[q10 &+ 1] + w01 * colours[q01 &+ 1] + w11 * colours[q11 &+ 1]
                                    outF[o &+ 2] = w00 * colours[q00 &+ 2] + w10 * colours[q10 &+ 2] + w01 * colours[q01 &+ 2] + w11 * colours[q11 &+ 2]
                                }
                            }
                        }
                    }
                }
                fgCount = n * 3
            }
            alphaCount = n
        }
        return (Image(width: width, height: height, channels: 1, pixels: alphaOut),
                Image(width: width, height: height, channels: 3, pixels: foregroundOut))
    }
}

/// The matte pass's inputs and outputs, shared by its row bands (each writes its own rows).
private struct MatteBandPointers: @unchecked Sendable {
    let src: UnsafePointer<Float>, colours: UnsafePointer<Float>
    let outA: UnsafeMutablePointer<Float>, outF: UnsafeMutablePointer<Float>
    let caX: UnsafeMutablePointer<Double>, saX: UnsafeMutablePointer<Double>
}

/// Which output pixels of each row fall inside a source image (`Warp.insideMask`'s test,
/// `min(px, py, w − px, h − py) ≥ 0` at the pixel centre), as one range of columns per row.
/// Along a row each of the four terms is a monotone function of the column (a product with the
/// column centre, then sums with constants, each rounded monotonically), so the pixels that
/// pass all four form one run; its ends are found by bisection on the same expressions, so the
/// ranges hold exactly the pixels the per-pixel test passes.
struct InsideRows {
    private let ca: Double, sa: Double, translationX: Double, translationY: Double
    private let sourceWidth: Double, sourceHeight: Double, width: Int

    /// The rows of a `width`-pixel-wide output mapped into a `sourceWidth`×`sourceHeight` image by `transform`.
    init(sourceWidth: Int, sourceHeight: Int, transform: SimilarityTransform, width: Int) {
        ca = cos(transform.angle) * transform.scale; sa = sin(transform.angle) * transform.scale
        translationX = transform.translationX; translationY = transform.translationY
        self.sourceWidth = Double(sourceWidth); self.sourceHeight = Double(sourceHeight); self.width = width
    }

    /// The columns of output row `y` whose centres fall inside the source (empty when none does).
    func span(row y: Int) -> Range<Int> {
        let oy = Double(y) + 0.5
        let saY = sa * oy, caY = ca * oy
        // The four terms at column x, as `insideMask` and the one-pass warps compute them.
        let terms: [(Int) -> Double] = [
            { self.ca * (Double($0) + 0.5) - saY + self.translationX },
            { self.sa * (Double($0) + 0.5) + caY + self.translationY },
            { self.sourceWidth - (self.ca * (Double($0) + 0.5) - saY + self.translationX) },
            { self.sourceHeight - (self.sa * (Double($0) + 0.5) + caY + self.translationY) },
        ]
        var low = 0, high = width
        for term in terms where low < high {
            let first = term(0) >= 0, last = term(width - 1) >= 0
            switch (first, last) {
            case (true, true): continue
            case (false, false): return 0..<0
            case (true, false):
                // Holds on a prefix: the first column where it fails.
                var a = 0, b = width - 1
                while b - a > 1 { let m = (a + b) / 2; if term(m) >= 0 { a = m } else { b = m } }
                high = min(high, b)
            case (false, true):
                // Holds on a suffix: the first column where it holds.
                var a = 0, b = width - 1
                while b - a > 1 { let m = (a + b) / 2; if term(m) >= 0 { b = m } else { a = m } }
                low = max(low, b)
            }
        }
        return low < high ? low..<high : 0..<0
    }
}

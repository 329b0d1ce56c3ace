import EchtImaging
import EchtVision
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The measurements behind `HonestyReport`.
public enum HonestyMeasures {
    /// High-frequency energy of log-luminance inside `mask`: the squared difference between the
    /// image and its Gaussian blur at `sigma` pixels (pores and fine lines live there), weighted
    /// by the mask. Log luminance makes it independent of exposure. Only the mask's bounding box,
    /// padded by the blur's reach, is read: the figure is the one the whole frame gives.
    public static func highFrequencyEnergy(_ image: Image, mask: Image, sigma: Float) -> Double {
        guard let box = mask.boundingBox(above: 0.5) else { return 0 }
        let window = textureWindow(box: box, sigma: sigma, width: image.width, height: image.height)
        return highFrequencyEnergy(LogLuminance(image, window: window), window: window, mask: BoxedPlane(whole: mask), box: box, sigma: sigma)
    }

    /// The part of a `width`×`height` image `highFrequencyEnergy` reads for a mask whose
    /// bounding box (above 0.5) is `box`: the box padded by the blur's reach.
    static func textureWindow(box: (x0: Int, y0: Int, x1: Int, y1: Int), sigma: Float, width: Int, height: Int) -> PixelWindow {
        PixelWindow.around(box, pad: Blur.reach(sigma: sigma) + 1, width: width, height: height)
    }

    /// `highFrequencyEnergy` from the image's log-luminance `plane` (which covers `window`, the
    /// `textureWindow` of the mask's bounding box `box`, already at hand). `box` lies inside the
    /// mask's own box, which is the only part of the mask read.
    static func highFrequencyEnergy(_ plane: LogLuminance, window: PixelWindow, mask: BoxedPlane,
                                    box: (x0: Int, y0: Int, x1: Int, y1: Int), sigma: Float) -> Double {
        guard let samples = mask.samples else { return 0 }
        precondition(box.x0 >= mask.x0 && box.y0 >= mask.y0 && box.x1 <= mask.x1 && box.y1 <= mask.y1,
                     "the measured box lies inside the mask's box")
        let x0 = window.x0, y0 = window.y0, w = window.width, h = window.height
        var base = plane.values(in: window)
        Blur.gaussianInPlace(&base, width: w, height: h, channels: 1, sigma: sigma)
        var energy = 0.0, weight = 0.0
        plane.values.withUnsafeBufferPointer { logLuma in
            base.withUnsafeBufferPointer { base in
                samples.pixels.withUnsafeBufferPointer { maskPixels in
                    // Every index lies inside its buffer (the box inside the window and the mask's box).
                    for y in (box.y0 - y0)..<(box.y1 - y0) {
                        let row = plane.rowStart(y, of: window), line = y * w, maskRow = (y0 + y - mask.y0) * samples.width + x0 - mask.x0
                        for x in (box.x0 - x0)..<(box.x1 - x0) {
                            let m = maskPixels[maskRow &+ x]
                            guard m > 0.5 else { continue }
                            let d = Double(logLuma[row &+ x] - base[line &+ x])
                            energy += d * d * Double(m); weight += Double(m)
                        }
                    }
                }
            }
        }
        return weight > 0 ? energy / weight : 0
    }

    /// Distances in input pixels between input landmarks and output landmarks mapped back
    /// through `transform` (output → source). Returns (mean, max).
    public static func landmarkError(input: FaceLandmarks, output: FaceLandmarks, transform: SimilarityTransform) -> (Double, Double) {
        let count = min(input.points.count, output.points.count)
        guard count > 0 else { return (0, 0) }
        var sum = 0.0, largest = 0.0
        for i in 0..<count {
            let back = transform.sourcePoint(SIMD2<Double>(Double(output.points[i].x), Double(output.points[i].y)))
            let d = ((back - SIMD2(Double(input.points[i].x), Double(input.points[i].y))) * (back - SIMD2(Double(input.points[i].x), Double(input.points[i].y)))).sum().squareRoot()
            sum += d; largest = max(largest, d)
        }
        return (sum / Double(count), largest)
    }

    /// Whether every output pixel with person coverage lies inside the photo, and the share of
    /// the frame that is generated backdrop (1 − alpha, counting outside pixels as backdrop).
    public static func provenance(alpha: Image, inside: Image) -> (onlyBackdrop: Bool, generatedShare: Double) {
        var ok = true, generated = 0.0
        for i in 0..<alpha.pixels.count {
            if alpha.pixels[i] > 0.02, inside.pixels[i] < 0.5 { ok = false }
            generated += Double(1 - min(1, max(0, alpha.pixels[i])))
        }
        return (ok, generated / Double(alpha.pixels.count))
    }

    /// `provenance(alpha:inside:)` with the inside pixels given row by row (no mask image):
    /// the same figures. Each term 1 − clamp(alpha) is a float in [0, 1] and a multiple of
    /// 2⁻²⁴ (at or above one half, alpha is such a multiple and the difference is exact; below,
    /// the difference lies in (½, 1], where floats are), so every partial sum of a frame below
    /// 2²⁹ pixels is exact in a double: summed eight lanes at a time, the total is the one a
    /// single running sum gives, bit for bit. Only the pixels outside a row's span are tested
    /// for coverage.
    static func provenance(alpha: Image, inside: InsideRows) -> (onlyBackdrop: Bool, generatedShare: Double) {
        precondition(alpha.pixels.count < 1 << 29, "the sums are exact below 2^29 pixels")
        var ok = true, lanes = SIMD8<Double>.zero, rest = 0.0
        let w = alpha.width
        alpha.pixels.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress else { return }
            for y in 0..<alpha.height {
                let span = inside.span(row: y), row = base + y * w
                for x in 0..<span.lowerBound where row[x] > 0.02 { ok = false }
                for x in (span.isEmpty ? 0 : span.upperBound)..<w where row[x] > 0.02 { ok = false }
                var x = 0
                while x + 8 <= w {
                    let v = UnsafeRawPointer(row + x).loadUnaligned(as: SIMD8<Float>.self)
                    // min(1, max(0, v)) lane by lane, as the scalar functions choose.
                    let low = v.replacing(with: 0, where: .!(v .>= 0))
                    lanes += SIMD8<Double>(1 - low.replacing(with: 1, where: .!(low .< 1)))
                    x += 8
                }
                while x < w { rest += Double(1 - min(1, max(0, row[x]))); x += 1 }
            }
        }
        return (ok, (lanes.sum() + rest) / Double(alpha.pixels.count))
    }
}

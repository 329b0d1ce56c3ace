import EchtImaging
import Foundation

/// Measures that read the photo's pixels around a face: sharpness, exposure, colour, noise.
enum ImageMeasures {
    /// Rec. 709 luminance of linear RGB.
    static func luminance(_ r: Float, _ g: Float, _ b: Float) -> Float { 0.2126 * r + 0.7152 * g + 0.0722 * b }

    /// CIE L* (0...100) of a linear luminance.
    static func lightness(_ y: Float) -> Float {
        y > 216.0 / 24389 ? 116 * Foundation.cbrt(y) - 16 : y * 24389 / 27
    }

    /// RMS Laplacian over (contrast + 0.02) on a 32×32 sRGB-encoded grey crop of each eye
    /// (square of side 1.6 × eye width around the eye centre, area-averaged), averaged.
    static func eyeSharpness(_ image: Image, points p: [SIMD3<Float>]) -> Float {
        let eyes = [(MeshIndex.imageLeftEyeOuter, MeshIndex.imageLeftEyeInner), (MeshIndex.imageRightEyeInner, MeshIndex.imageRightEyeOuter)]
        let values = eyes.map { a, b -> Float in
            let pa = SIMD2<Double>(Double(p[a].x), Double(p[a].y)), pb = SIMD2<Double>(Double(p[b].x), Double(p[b].y))
            let side = 1.6 * ((pb - pa) * (pb - pa)).sum().squareRoot()
            let region = RotatedRect(center: (pa + pb) / 2, side: side, rotation: RotatedRect.rotation(from: pa, to: pb))
            let n = 32, k = max(1, min(4, Int((side / Double(n)).rounded(.up))))
            let t = TensorSampler.sample(image, region: region, width: n * k, height: n * k, border: .replicate, range: 0...1, halfPixel: true)
            var grey = Raster(width: n * k, height: n * k, channels: 1)
            for i in 0..<(n * n * k * k) { grey.values[i] = luminance(t.values[i * 3], t.values[i * 3 + 1], t.values[i * 3 + 2]) }
            grey = grey.areaDownscaled(by: k)
            return laplacianRatio(grey)
        }
        return values.reduce(0, +) / Float(values.count)
    }

    /// √mean(Laplacian²) / (standard deviation + 0.02) over the interior of a grey raster.
    static func laplacianRatio(_ g: Raster) -> Float {
        var sum2 = 0.0, sum = 0.0, sumSq = 0.0, count = 0.0
        for y in 1..<(g.height - 1) {
            for x in 1..<(g.width - 1) {
                let c = g.values[y * g.width + x]
                let lap = g.values[y * g.width + x - 1] + g.values[y * g.width + x + 1]
                    + g.values[(y - 1) * g.width + x] + g.values[(y + 1) * g.width + x] - 4 * c
                sum2 += Double(lap * lap); sum += Double(c); sumSq += Double(c * c); count += 1
            }
        }
        let mean = sum / count
        let sd = max(0, sumSq / count - mean * mean).squareRoot()
        return Float((sum2 / count).squareRoot() / (sd + 0.02))
    }

    /// Exposure, colour and noise over the skin region.
    static func skin(_ image: Image, region: SkinRegion) -> (FaceReport.Exposure, FaceReport.SkinColour, Float) {
        let c = image.channels
        var sumRGB = SIMD3<Double>(repeating: 0), sumY = 0.0, clipped = 0, crushed = 0
        var residuals: [Float] = []
        residuals.reserveCapacity(region.pixels.count)
        func rgb(_ i: Int) -> SIMD3<Float> {
            c >= 3 ? SIMD3(image.pixels[i * c], image.pixels[i * c + 1], image.pixels[i * c + 2]) : SIMD3(repeating: image.pixels[i * c])
        }
        func encodedLuma(_ i: Int) -> Float {
            let v = rgb(i)
            return SRGB.encodeFast(luminance(v.x, v.y, v.z))
        }
        let w = image.width, h = image.height
        for i in region.pixels {
            let v = rgb(i)
            sumRGB += SIMD3<Double>(Double(v.x), Double(v.y), Double(v.z))
            sumY += Double(luminance(v.x, v.y, v.z))
            if v.max() >= 0.995 { clipped += 1 }
            if v.max() <= 0.002 { crushed += 1 }
            let x = i % w, y = i / w
            if x > 0, y > 0, x < w - 1, y < h - 1 {
                var mean: Float = 0
                for dy in -1...1 { for dx in -1...1 { mean += encodedLuma(i + dy * w + dx) } }
                residuals.append(abs(encodedLuma(i) - mean / 9))
            }
        }
        let n = Double(max(region.pixels.count, 1))
        let meanY = Float(sumY / n)
        let exposure = FaceReport.Exposure(meanLuminance: meanY, meanLightness: lightness(meanY),
                                           clippedHighlights: Float(Double(clipped) / n), crushedShadows: Float(Double(crushed) / n))
        let lab = Self.lab(SIMD3<Float>(sumRGB / n))
        let hue = atan2(lab.z, lab.y) * 180 / .pi
        let colour = FaceReport.SkinColour(a: lab.y, b: lab.z, hue: hue < 0 ? hue + 360 : hue, chroma: (lab.y * lab.y + lab.z * lab.z).squareRoot())
        var noise: Float = 0
        if !residuals.isEmpty {
            // MAD of the 3×3 high-pass: σ = 1.4826 · median / √(8/9), in 8-bit levels.
            noise = 1.4826 * residuals.kthSmallest(residuals.count / 2) / (8.0 / 9.0).squareRoot() * 255
        }
        return (exposure, colour, noise)
    }

    /// CIELAB (D65) of a linear sRGB colour, as (L, a, b).
    static func lab(_ rgb: SIMD3<Float>) -> SIMD3<Float> {
        let x = 0.4124 * rgb.x + 0.3576 * rgb.y + 0.1805 * rgb.z
        let y = 0.2126 * rgb.x + 0.7152 * rgb.y + 0.0722 * rgb.z
        let z = 0.0193 * rgb.x + 0.1192 * rgb.y + 0.9505 * rgb.z
        func f(_ t: Float) -> Float { t > 216.0 / 24389 ? Foundation.cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        let fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883)
        return SIMD3(116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    }
}

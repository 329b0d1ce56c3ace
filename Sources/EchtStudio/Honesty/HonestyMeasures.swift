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
    /// by the mask. Log luminance makes it independent of exposure.
    public static func highFrequencyEnergy(_ image: Image, mask: Image, sigma: Float) -> Double {
        let n = image.width * image.height, c = image.channels
        var logLuma = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let y = c >= 3 ? SRGB.luminance(image.pixels[i * c], image.pixels[i * c + 1], image.pixels[i * c + 2]) : image.pixels[i * c]
            logLuma[i] = logf(max(y, 0) + 2e-3)
        }
        var base = logLuma
        Blur.gaussianInPlace(&base, width: image.width, height: image.height, channels: 1, sigma: sigma)
        var energy = 0.0, weight = 0.0
        for i in 0..<n where mask.pixels[i] > 0.5 {
            let d = Double(logLuma[i] - base[i]), m = Double(mask.pixels[i])
            energy += d * d * m; weight += m
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
}

import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Last defence against halos: a slight choke of the matte's faint outer fringe, and edge
/// colours pulled towards the person's own nearby colours where coverage is partial, so no
/// light (or dark) rim of the old background survives on a new backdrop. Interior pixels
/// (alpha ≈ 1) are untouched.
enum EdgeCleanup {
    /// Takes its inputs over (pass them with `consume`) so both are changed in place.
    static func apply(alpha: consuming Image, foreground: consuming Image, sigma: Float) -> (alpha: Image, foreground: Image) {
        let n = alpha.width * alpha.height, width = alpha.width, height = alpha.height
        var choked = consume alpha
        var weight = [Float](repeating: 0, count: n), colour = [Float](repeating: 0, count: n * 3)
        for i in 0..<n {
            // The power only where the ramp is partial (0 and 1 are its own fixed points); the
            // weight and colour sums are 0 where the choked alpha is (the arrays start at 0).
            let t = min(1, max(0, (choked.pixels[i] - 0.12) / 0.8))
            let a = t == 0 || t == 1 ? t : powf(t, 1.25)
            choked.pixels[i] = a
            guard a > 0 else { continue }
            let w = a * a * a * a
            weight[i] = w
            for c in 0..<3 { colour[i * 3 + c] = foreground.pixels[i * 3 + c] * w }
        }
        Blur.gaussianInPlace(&weight, width: width, height: height, channels: 1, sigma: sigma)
        Blur.gaussianInPlace(&colour, width: width, height: height, channels: 3, sigma: sigma)
        var cleaned = consume foreground
        for i in 0..<n {
            let a = choked.pixels[i]
            guard a < 0.98, weight[i] > 1e-4 else { continue }
            let pull = (1 - a) * 0.85
            for c in 0..<3 {
                let inner = colour[i * 3 + c] / weight[i]
                cleaned.pixels[i * 3 + c] += (inner - cleaned.pixels[i * 3 + c]) * pull
            }
        }
        return (choked, cleaned)
    }
}

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
        var weight: [Float] = []
        // Every sample of both sums is written below (0 where the choked alpha is).
        var colour = [Float](unsafeUninitializedCapacity: n * 3) { colourBuffer, colourCount in
            weight = [Float](unsafeUninitializedCapacity: n) { weightBuffer, weightCount in
                choked.pixels.withUnsafeMutableBufferPointer { a in
                    foreground.pixels.withUnsafeBufferPointer { f in
                        for i in 0..<n {
                            // The power only where the ramp is partial (0 and 1 are its own fixed points).
                            let t = min(1, max(0, (a[i] - 0.12) / 0.8))
                            let v = t == 0 || t == 1 ? t : powf(t, 1.25)
                            a[i] = v
                            guard v > 0 else {
                                weightBuffer[i] = 0
                                colourBuffer[i * 3] = 0; colourBuffer[i * 3 + 1] = 0; colourBuffer[i * 3 + 2] = 0
                                continue
                            }
                            let w = v * v * v * v
                            weightBuffer[i] = w
                            for c in 0..<3 { colourBuffer[i * 3 + c] = f[i * 3 + c] * w }
                        }
                    }
                }
                weightCount = n
            }
            colourCount = n * 3
        }
        Blur.gaussianInPlace(&weight, width: width, height: height, channels: 1, sigma: sigma)
        Blur.gaussianInPlace(&colour, width: width, height: height, channels: 3, sigma: sigma)
        var cleaned = consume foreground
        choked.pixels.withUnsafeBufferPointer { choked in
            weight.withUnsafeBufferPointer { weight in
                colour.withUnsafeBufferPointer { colour in
                    cleaned.pixels.withUnsafeMutableBufferPointer { cleaned in
                        for i in 0..<n {
                            let a = choked[i]
                            guard a < 0.98, weight[i] > 1e-4 else { continue }
                            let pull = (1 - a) * 0.85
                            for c in 0..<3 {
                                let inner = colour[i * 3 + c] / weight[i]
                                cleaned[i * 3 + c] += (inner - cleaned[i * 3 + c]) * pull
                            }
                        }
                    }
                }
            }
        }
        return (choked, cleaned)
    }
}

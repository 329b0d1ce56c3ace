import EchtImaging

/// Foreground colour estimation by blur fusion (Forte & Pitié, "Approximate Fast Foreground
/// Colour Estimation", 2021): local means of the foreground and background, weighted by alpha,
/// are fused with the compositing equation `I = αF + (1−α)B`, once with a large and once with
/// a small window. The result lets semi-transparent hair be composited on a new backdrop
/// without the old background showing through.
enum ForegroundEstimator {
    /// The lowest foreground colour, as a fraction of the local foreground mean F̄ (per channel),
    /// for α ≤ ¾, fading to none at α = 1. Where B̄ overestimates the old background behind a partly covered pixel, the
    /// correction term drives F below zero: a dark suit or collar edge turned black, a dark ragged
    /// fringe on a new backdrop. Fully covered pixels keep their own colour (F = I at α = 1), so
    /// pupils and dark hair inside the outline are untouched.
    static let floor: Float = 0.5

    /// The alpha-weighted local means F̄ and B̄ of one blur-fusion step.
    /// `image`, `foreground`, `background` have 3 channels, `alpha` 1.
    static func means(foreground: Raster, background: Raster, alpha: Raster, radius: Int) -> (foreground: Raster, background: Raster) {
        let n = alpha.width * alpha.height
        var fa = Raster(width: alpha.width, height: alpha.height, channels: 3)
        var bna = Raster(width: alpha.width, height: alpha.height, channels: 3)
        fa.values.withUnsafeMutableBufferPointer { f in
            bna.values.withUnsafeMutableBufferPointer { b in
                foreground.values.withUnsafeBufferPointer { fg in
                    background.values.withUnsafeBufferPointer { bg in
                        alpha.values.withUnsafeBufferPointer { al in
                            Concurrently.forEachRange(of: n, bands: Raster.bands(for: n * 3)) { pixels in
                                for i in pixels {
                                    let a = al[i]
                                    for k in 0..<3 { f[i * 3 + k] = fg[i * 3 + k] * a; b[i * 3 + k] = bg[i * 3 + k] * (1 - a) }
                                }
                            }
                        }
                    }
                }
            }
        }
        let blurredAlpha = alpha.boxBlurred(radius: radius)
        fa = fa.boxBlurred(radius: radius)
        bna = bna.boxBlurred(radius: radius)
        fa.values.withUnsafeMutableBufferPointer { f in
            bna.values.withUnsafeMutableBufferPointer { b in
                blurredAlpha.values.withUnsafeBufferPointer { ba in
                    Concurrently.forEachRange(of: n, bands: Raster.bands(for: n * 3)) { pixels in
                        for i in pixels {
                            let wf = 1 / (ba[i] + 1e-5), wb = 1 / ((1 - ba[i]) + 1e-5)
                            for k in 0..<3 { f[i * 3 + k] *= wf; b[i * 3 + k] *= wb }
                        }
                    }
                }
            }
        }
        return (fa, bna)
    }

    /// `F = F̄ + α(I − αF̄ − (1−α)B̄)`, clamped to `floor`·min(4(1−α), 1)·F̄...max(1, I).
    static func fuse(image: Raster, blurredForeground f: Raster, blurredBackground b: Raster, alpha: Raster) -> Raster {
        var out = Raster(width: image.width, height: image.height, channels: 3)
        out.values.withUnsafeMutableBufferPointer { o in
            image.values.withUnsafeBufferPointer { im in
                f.values.withUnsafeBufferPointer { fv in
                    b.values.withUnsafeBufferPointer { bv in
                        alpha.values.withUnsafeBufferPointer { al in
                            Concurrently.forEachRange(of: image.width * image.height, bands: Raster.bands(for: image.values.count)) { pixels in
                                for i in pixels {
                                    let a = al[i]
                                    for k in 0..<3 {
                                        let j = i * 3 + k
                                        let v = fv[j] + a * (im[j] - a * fv[j] - (1 - a) * bv[j])
                                        o[j] = min(max(v, floor * min(4 * (1 - a), 1) * fv[j]), max(1, im[j]))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}

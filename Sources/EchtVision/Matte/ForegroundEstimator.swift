/// Foreground colour estimation by blur fusion (Forte & Pitié, "Approximate Fast Foreground
/// Colour Estimation", 2021): local means of the foreground and background, weighted by alpha,
/// are fused with the compositing equation `I = αF + (1−α)B`, once with a large and once with
/// a small window. The result lets semi-transparent hair be composited on a new backdrop
/// without the old background showing through.
enum ForegroundEstimator {
    /// One blur-fusion step. `image`, `foreground`, `background` have 3 channels, `alpha` 1.
    /// Returns the new foreground and the blurred background.
    static func step(image: Raster, foreground: Raster, background: Raster, alpha: Raster, radius: Int) -> (foreground: Raster, background: Raster) {
        let n = image.width * image.height
        var fa = Raster(width: image.width, height: image.height, channels: 3)
        var bna = Raster(width: image.width, height: image.height, channels: 3)
        for i in 0..<n {
            let a = alpha.values[i]
            for k in 0..<3 {
                fa.values[i * 3 + k] = foreground.values[i * 3 + k] * a
                bna.values[i * 3 + k] = background.values[i * 3 + k] * (1 - a)
            }
        }
        let blurredAlpha = alpha.boxBlurred(radius: radius)
        fa = fa.boxBlurred(radius: radius)
        bna = bna.boxBlurred(radius: radius)
        for i in 0..<n {
            let ba = blurredAlpha.values[i]
            for k in 0..<3 {
                fa.values[i * 3 + k] /= ba + 1e-5
                bna.values[i * 3 + k] /= (1 - ba) + 1e-5
            }
        }
        return (fuse(image: image, blurredForeground: fa, blurredBackground: bna, alpha: alpha), bna)
    }

    /// `F = F̄ + α(I − αF̄ − (1−α)B̄)`, clamped to the image's value range (0...max(1, I)).
    static func fuse(image: Raster, blurredForeground f: Raster, blurredBackground b: Raster, alpha: Raster) -> Raster {
        var out = Raster(width: image.width, height: image.height, channels: 3)
        for i in 0..<(image.width * image.height) {
            let a = alpha.values[i]
            for k in 0..<3 {
                let j = i * 3 + k
                let v = f.values[j] + a * (image.values[j] - a * f.values[j] - (1 - a) * b.values[j])
                out.values[j] = min(max(v, 0), max(1, image.values[j]))
            }
        }
        return out
    }
}

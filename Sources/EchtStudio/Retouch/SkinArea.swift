import EchtImaging

/// The part of a frame around the skin mask, copied out once: its RGB samples and the mask, with
/// the mask-weighted averages that spot healing reads (skin only, so hair, brows and the
/// backdrop never darken an average).
struct SkinArea {
    /// Origin of the area in the frame, and its size.
    let x0: Int, y0: Int, width: Int, height: Int
    /// RGB samples of the area, three per pixel.
    let rgb: [Float]
    /// The skin mask over the area.
    let mask: [Float]

    /// The skin mask's box in `image`, grown by `pad`; nil without skin.
    init?(image: Image, skin: BoxedPlane, pad: Int) {
        guard let box = skin.boundingBox(above: 0.01) else { return nil }
        x0 = max(0, box.x0 - pad); y0 = max(0, box.y0 - pad)
        let x1 = min(image.width, box.x1 + pad), y1 = min(image.height, box.y1 + pad)
        width = x1 - x0; height = y1 - y0
        mask = skin.region(x: x0, y: y0, width: width, height: height).pixels
        var rgb = [Float](repeating: 0, count: width * height * 3)
        let c = image.channels
        for y in 0..<height {
            for x in 0..<width {
                let o = ((y0 + y) * image.width + x0 + x) * c, i = (y * width + x) * 3
                rgb[i] = image.pixels[o]; rgb[i + 1] = image.pixels[o + 1]; rgb[i + 2] = image.pixels[o + 2]
            }
        }
        self.rgb = rgb
    }

    /// The RGB average around each pixel, each sample weighted by `weights` and a Gaussian of
    /// `sigma`; zero where no weight reaches.
    func maskedBlur(weights: [Float], sigma: Float) -> [Float] {
        let n = width * height
        var weighted = weightedTile(x0: 0, y0: 0, width: width, height: height, weights: weights)
        Blur.gaussianInPlace(&weighted, width: width, height: height, channels: 4, sigma: sigma)
        var out = [Float](repeating: 0, count: n * 3)
        for i in 0..<n where weighted[i * 4 + 3] > 1e-4 {
            let m = weighted[i * 4 + 3]
            out[i * 3] = weighted[i * 4] / m; out[i * 3 + 1] = weighted[i * 4 + 1] / m; out[i * 3 + 2] = weighted[i * 4 + 2] / m
        }
        return out
    }

    /// The `width`×`height` tile at (`x0`, `y0`) of the area as colour × weight and the weight,
    /// four values per pixel (negative weights count as zero).
    private func weightedTile(x0: Int, y0: Int, width tw: Int, height th: Int, weights: [Float]) -> [Float] {
        var tile = [Float](repeating: 0, count: tw * th * 4)
        for y in 0..<th {
            for x in 0..<tw {
                let i = (y0 + y) * width + x0 + x, t = (y * tw + x) * 4, m = max(0, weights[i])
                tile[t] = rgb[i * 3] * m; tile[t + 1] = rgb[i * 3 + 1] * m; tile[t + 2] = rgb[i * 3 + 2] * m; tile[t + 3] = m
            }
        }
        return tile
    }

    /// Calls `body` with the area index and the distance to the spot's centre (area-relative
    /// centre from frame coordinates) of every pixel of the area within `reach` of it.
    func visit(_ spot: SpotHealing.Spot, reach: Float, _ body: (Int, Float) -> Void) {
        let cx = spot.x - Float(x0), cy = spot.y - Float(y0)
        let xa = max(0, Int((cx - reach).rounded(.down))), xb = min(width - 1, Int((cx + reach).rounded(.up)))
        let ya = max(0, Int((cy - reach).rounded(.down))), yb = min(height - 1, Int((cy + reach).rounded(.up)))
        guard xa <= xb, ya <= yb else { return }
        for y in ya...yb {
            for x in xa...xb {
                let d = ((Float(x) - cx) * (Float(x) - cx) + (Float(y) - cy) * (Float(y) - cy)).squareRoot()
                if d <= reach { body(y * width + x, d) }
            }
        }
    }

    /// The mask-weighted RGB average of `sigma` around each pixel near `spot` (within twice its
    /// radius), from a tile just large enough; nil for pixels outside it or without skin around.
    func localMean(around spot: SpotHealing.Spot, sigma: Float) -> LocalMean {
        let margin = Int((spot.radius * 2 + sigma * 3).rounded(.up)) + 1
        let cx = Int(spot.x) - x0, cy = Int(spot.y) - y0
        let tx0 = max(0, cx - margin), ty0 = max(0, cy - margin)
        let tx1 = min(width, cx + margin + 1), ty1 = min(height, cy + margin + 1)
        let tw = max(0, tx1 - tx0), th = max(0, ty1 - ty0)
        var tile = weightedTile(x0: tx0, y0: ty0, width: tw, height: th, weights: mask)
        if tw > 0 && th > 0 { Blur.gaussianInPlace(&tile, width: tw, height: th, channels: 4, sigma: sigma) }
        return LocalMean(tile: tile, x0: tx0, y0: ty0, width: tw, height: th, areaWidth: width)
    }

    /// A mask-weighted local average over a tile of the area.
    struct LocalMean {
        let tile: [Float]
        let x0: Int, y0: Int, width: Int, height: Int, areaWidth: Int

        /// The average at area index `i`; nil outside the tile or where no skin reaches.
        subscript(i: Int) -> SIMD3<Float>? {
            let x = i % areaWidth - x0, y = i / areaWidth - y0
            guard x >= 0, y >= 0, x < width, y < height else { return nil }
            let t = (y * width + x) * 4, m = tile[t + 3]
            guard m > 1e-4 else { return nil }
            return SIMD3(tile[t], tile[t + 1], tile[t + 2]) / m
        }
    }
}

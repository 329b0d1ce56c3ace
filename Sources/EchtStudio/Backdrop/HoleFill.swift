/// Fills the unknown parts of an image from the known parts nearest them (push-pull over an
/// image pyramid): each coarser level averages the known colour of four pixels, and going back
/// down, a pixel keeps its own colour as far as it is known and takes the coarser level's
/// colour for the rest. A hole is filled from its own rim, at the scale of the hole: behind a
/// head before a black wall it is black, not the mean of the whole frame (whose bright ceiling
/// strip showed as a grey halo round the head once the backdrop was not blurred).
enum HoleFill {
    /// `colour` (interleaved, `channels` per pixel) blended with its fill: `colour·known +
    /// fill·(1 − known)` per pixel, `known` from 0 (unknown) to 1 (kept as is). With nothing
    /// known at all, the fill is `fallback`.
    static func filled(_ colour: [Float], known: [Float], width: Int, height: Int, channels: Int,
                       fallback: [Float]) -> [Float] {
        precondition(colour.count == width * height * channels && known.count == width * height && fallback.count == channels)
        // Level 0: colour premultiplied by how well it is known.
        var premultiplied = [Float](repeating: 0, count: colour.count)
        for i in 0..<(width * height) {
            let k = min(max(known[i], 0), 1)
            for c in 0..<channels { premultiplied[i * channels + c] = colour[i * channels + c] * k }
        }
        var levels = [Level(colour: premultiplied, weight: known.map { min(max($0, 0), 1) }, width: width, height: height)]
        while levels[levels.count - 1].width > 1 || levels[levels.count - 1].height > 1 {
            levels.append(levels[levels.count - 1].pulled(channels: channels))
        }
        // The coarsest level is one pixel: its colour where anything is known, else the fallback.
        let top = levels[levels.count - 1]
        var fill = top.weight[0] > 0 ? (0..<channels).map { top.colour[$0] / top.weight[0] } : fallback
        for level in levels.dropLast().reversed() {
            fill = level.pushed(fill, channels: channels)
        }
        return fill
    }

    /// One level of the pyramid: colour premultiplied by weight, weight at most 1.
    private struct Level {
        var colour: [Float]
        var weight: [Float]
        var width: Int
        var height: Int

        /// The next coarser level: each pixel sums the (up to) four beneath it; a weight over 1
        /// is clipped and the colour kept in proportion (so it is the known pixels' mean).
        func pulled(channels: Int) -> Level {
            let w2 = (width + 1) / 2, h2 = (height + 1) / 2
            var out = Level(colour: [Float](repeating: 0, count: w2 * h2 * channels),
                            weight: [Float](repeating: 0, count: w2 * h2), width: w2, height: h2)
            colour.withUnsafeBufferPointer { colour in
            weight.withUnsafeBufferPointer { weight in
            out.colour.withUnsafeMutableBufferPointer { outColour in
            out.weight.withUnsafeMutableBufferPointer { outWeight in
                for y in 0..<h2 {
                    let rows = (2 * y)..<min(2 * y + 2, height)
                    for x in 0..<w2 {
                        let columns = (2 * x)..<min(2 * x + 2, width)
                        var total: Float = 0
                        let o = y * w2 + x
                        for sy in rows {
                            for sx in columns {
                                let i = sy * width + sx
                                total += weight[i]
                                for c in 0..<channels { outColour[o * channels + c] += colour[i * channels + c] }
                            }
                        }
                        let scale: Float = total > 1 ? 1 / total : 1
                        outWeight[o] = total * scale
                        for c in 0..<channels { outColour[o * channels + c] *= scale }
                    }
                }
            }
            }
            }
            }
            return out
        }

        /// This level's colours filled: own colour as far as known, the rest from `coarser`
        /// (the next level's filled colours) sampled bilinearly at this level's pixel centres.
        func pushed(_ coarser: [Float], channels: Int) -> [Float] {
            let cw = (width + 1) / 2, ch = (height + 1) / 2
            // Each column's two coarse columns and the weight of the second (the same on every row).
            let taps = (0..<width).map { x -> (Int, Int, Float) in
                let fx = min(max((Float(x) + 0.5) / 2 - 0.5, 0), Float(cw - 1))
                let x0 = Int(fx)
                return (x0 * channels, min(x0 + 1, cw - 1) * channels, fx - Float(x0))
            }
            var out = [Float](repeating: 0, count: width * height * channels)
            colour.withUnsafeBufferPointer { colour in
            weight.withUnsafeBufferPointer { weight in
            coarser.withUnsafeBufferPointer { coarser in
            out.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    let fy = min(max((Float(y) + 0.5) / 2 - 0.5, 0), Float(ch - 1))
                    let y0 = Int(fy), ty = fy - Float(y0)
                    let top = y0 * cw * channels, bottom = min(y0 + 1, ch - 1) * cw * channels
                    for x in 0..<width {
                        let i = y * width + x, rest = 1 - weight[i]
                        guard rest > 0 else {
                            // Known: its own colour (most of a frame's background).
                            for c in 0..<channels { out[i * channels + c] = colour[i * channels + c] }
                            continue
                        }
                        let (a, b, tx) = taps[x]
                        for c in 0..<channels {
                            let upper = coarser[top + a + c] + (coarser[top + b + c] - coarser[top + a + c]) * tx
                            let lower = coarser[bottom + a + c] + (coarser[bottom + b + c] - coarser[bottom + a + c]) * tx
                            out[i * channels + c] = colour[i * channels + c] + rest * (upper + (lower - upper) * ty)
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
}

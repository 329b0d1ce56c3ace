import EchtImaging

/// How much of a pixel the compositing equation `I = αF + (1−α)B` attributes to the person,
/// given the wide local means of the person (F̄) and of the old background (B̄): the projection
/// of `I − B̄` on `F̄ − B̄`. The guided filter cannot tell glare, blown sky or a light wall from
/// equally bright hair or skin, and the coarse mask often covers gaps between strands; where
/// a pixel looks like the background beside it, this caps alpha so that the old background does
/// not come along onto the new backdrop. The cap applies only near the outline (both means
/// are backed by enough pixels), only where F̄ and B̄ differ enough to tell them apart, and not
/// where B̄ is a darker shade of F̄ (`Shading`): there a shadowed fold looks like background.
enum BackgroundLikeness {
    /// Per pixel the highest alpha allowed (1 channel): `α_c + slack` where the evidence is
    /// good, relaxing to 1 where the means are alike or one side is missing. `image`, the means
    /// (3 channels, linear) and `alphaShare` (the alpha blurred over the means' window) share one size.
    static func cap(image: Raster, foregroundMean f: Raster, backgroundMean b: Raster, alphaShare: Raster, slack: Float) -> Raster {
        var out = Raster(width: image.width, height: image.height, channels: 1)
        out.values.withUnsafeMutableBufferPointer { values in
            Concurrently.forEachRange(of: image.width * image.height, bands: Raster.bands(for: image.values.count)) { pixels in
                for i in pixels {
                    let pixel = SIMD3(image.values[i * 3], image.values[i * 3 + 1], image.values[i * 3 + 2])
                    let fm = SIMD3(f.values[i * 3], f.values[i * 3 + 1], f.values[i * 3 + 2])
                    let bm = SIMD3(b.values[i * 3], b.values[i * 3 + 1], b.values[i * 3 + 2])
                    let d = fm - bm, separation2 = (d * d).sum()
                    let offset = pixel - bm, t = (offset * d).sum() / max(separation2, 1e-6)
                    let coverage = min(max(t, 0), 1)
                    // Evidence: the means differ by ≥ 0.15 (linear RGB distance), the pixel lies near the
                    // line between them (a colour off that line, e.g. a skin highlight beside a blue-white
                    // window, is not a mix of the two) and each side holds ≥ 10 % of the window.
                    let separation = separation2.squareRoot()
                    let residual = max((offset * offset).sum() - t * t * separation2, 0).squareRoot()
                    let onLine = min(max(1 - residual / max(0.5 * separation, 1e-6), 0), 1)
                    // A background that is a darker shade of the person (black behind a navy sweater)
                    // cannot be told from the person's own shadows: a shadowed fold lies on the same line.
                    let share = alphaShare.values[i]
                    let nearOutline = min(max((0.97 - share) / 0.07, 0), 1) * min(max((share - 0.03) / 0.07, 0), 1)
                    var separated = min(max((separation - 0.05) / 0.1, 0), 1) * onLine
                    if separated > 0 && nearOutline > 0 { separated *= 1 - Shading.ambiguity(person: fm, background: bm) }
                    let allowed = 1 - separated * (1 - min(coverage + slack, 1))
                    values[i] = 1 - nearOutline * (1 - allowed)
                }
            }
        }
        return out
    }
}

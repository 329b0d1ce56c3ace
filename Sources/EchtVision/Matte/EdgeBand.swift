import EchtImaging

/// Alpha decided by the photo's colours in the band where the 256² mask is unsure of the outline.
///
/// The model's outline can be off by a cell or two (4–16 photo pixels) and misses thin parts
/// (collar tips, ears, glasses' arms) that half-cover a cell. Around the outline — where the
/// mask lies between `sure` and `1 − sure`, widened by `margin` cells — each pixel is compared
/// with the sure person and sure background beside the band, as the mean colours of 4×4 blocks:
/// the nearest person colour `f` and the nearest background colour `b` (sRGB distances `dF`,
/// `dB`). The coverage is the pixel's position between `b` and `f` in linear light, where the
/// compositing equation holds: exact for a mixed edge pixel or a hair strand over the sky, 0 or
/// 1 where it matches one side. Nearest colours rather than one mean keep a two-coloured side
/// (fleece and its dark lining, sky and trees) from turning into a muddy average. Confidence is
/// high where `f` and `b` are well apart and the pixel lies near the line between them; it is 0
/// outside the band, where either side has no samples within reach, and where both sides hold
/// the pixel's colour (a dark suit before a dark wall), so the caller keeps the mask there. Where
/// the background is a darker shade of the person (`Shading`), a pixel leaning to it is trusted
/// less: a shadowed fold of the clothes looks the same, and a hole in the person is worse than
/// the coarse mask's outline; but not where the pixel has the background's colour and joins the
/// sure background through such pixels (`liftShading`): that is a dark blur under the mask beside
/// grey hair, not a fold walled in by the person's lighter colours. Likewise where two background
/// colours mix to the pixel as well (grey between a flag's navy and white beside a dark suit):
/// colour tells nothing there. Background samples include the band's pixels of out-of-focus
/// background that the sure background runs into smoothly (`BackgroundRunIn`): a dark blur between
/// a lit shoulder and a lighter background is then known as background, not the suit's shade.
enum EdgeBand {
    /// Mask values at or below this are sure background, at or above `1 − sure` sure person.
    static let sure: Float = 0.1
    /// Coverage from the nearest colours below this counts as 0, above `1 − slack` as 1.
    static let slack: Float = 0.04
    /// A background mix (sRGB triangle excess) within this of the person–background one takes
    /// the trust in person away; twice this and more leaves it.
    static let mixTolerance: Float = 0.02

    /// Per pixel of `guide` (3 channels, sRGB-encoded 0...1; `linear` the same photo in linear
    /// light): channel 0 the coverage from the nearest colours, channel 1 its confidence (0...1). `mask` (1 channel, the coarse mask at
    /// the guide's size) decides band and samples; `cell` is the size of one coarse-mask cell in
    /// guide pixels; `margin` (cells) widens the band past the unsure part, `reach` (cells) is
    /// how far beyond the band's own width samples are looked for; rows are split over `threads`.
    static func estimate(guide: Raster, linear: Raster, mask: Raster, cell: Float, margin: Float = 1, reach: Float = 8,
                         threads: Int = 1) -> Raster {
        precondition(guide.channels == 3 && mask.channels == 1 && guide.width == mask.width && guide.height == mask.height,
                     "expected a 3-channel guide and a 1-channel mask of the same size")
        let w = guide.width, h = guide.height, n = w * h
        // Unsure pixels, and their neighbourhood within `margin` cells: the band.
        var unsure = Raster(width: w, height: h, channels: 1)
        for i in 0..<n where mask.values[i] > sure && mask.values[i] < 1 - sure { unsure.values[i] = 1 }
        let grow = max(1, Int((margin * cell).rounded()))
        let near = unsure.boxBlurred(radius: grow)
        // Labels: 1 sure person, −1 sure background, 0 in the band (no sample).
        var label = [Int8](repeating: 0, count: n)
        for i in 0..<n where near.values[i] < 1e-4 { label[i] = mask.values[i] >= 1 - sure ? 1 : -1 }
        // Blur the sure background runs into under the band is a background sample too
        // (`BackgroundRunIn`); its own pixels are still decided below.
        let runIn = BackgroundRunIn.reached(guide: guide, labels: label)
        // Samples: the mean sure-person and sure-background colour of every `block`² block.
        let block = 4, bw = (w + block - 1) / block, bh = (h + block - 1) / block
        var means = [Float](repeating: 0, count: bw * bh * 6), linearMeans = means
        var has = [UInt8](repeating: 0, count: bw * bh)
        guide.values.withUnsafeBufferPointer { g in
            linear.values.withUnsafeBufferPointer { l in
                for by in 0..<bh {
                    for bx in 0..<bw {
                        var person = (srgb: SIMD3<Float>(), linear: SIMD3<Float>(), count: Float(0))
                        var background = person
                        for y in (by * block)..<min(h, by * block + block) {
                            for x in (bx * block)..<min(w, bx * block + block) {
                                let i = y * w + x, kind = runIn[i] ? Int8(-1) : label[i]
                                guard kind != 0 else { continue }
                                let c = SIMD3(g[i * 3], g[i * 3 + 1], g[i * 3 + 2]), lc = SIMD3(l[i * 3], l[i * 3 + 1], l[i * 3 + 2])
                                if kind > 0 {
                                    person.srgb += c; person.linear += lc; person.count += 1
                                } else {
                                    background.srgb += c; background.linear += lc; background.count += 1
                                }
                            }
                        }
                        let j = by * bw + bx
                        for (side, o, bit) in [(person, 0, UInt8(1)), (background, 3, UInt8(2))] where side.count > 0 {
                            has[j] |= bit
                            let c = side.srgb / side.count, lc = side.linear / side.count
                            for k in 0..<3 { means[j * 6 + o + k] = c[k]; linearMeans[j * 6 + o + k] = lc[k] }
                        }
                    }
                }
            }
        }
        let reachBlocks = max(2, Int(((margin + reach) * cell + Float(grow)) / Float(block) + 0.5))
        let samples = Samples(block: block, width: bw, height: bh, reach: reachBlocks, kinds: has, colours: means, linearColours: linearMeans)
        var out = [Float](repeating: 0, count: n * 2), unshaded = [Float](repeating: 0, count: n)
        let guideValues = guide.values, linearValues = linear.values, labels = label
        let bands = max(1, min(h, threads * 4)), rows = (h + bands - 1) / bands
        out.withUnsafeMutableBufferPointer { buffer in
          unshaded.withUnsafeMutableBufferPointer { unshadedBuffer in
            let target = OutputPointer(base: buffer.baseAddress!), open = OutputPointer(base: unshadedBuffer.baseAddress!)
            let work: @Sendable (Int) -> Void = { band in
                guideValues.withUnsafeBufferPointer { g in
                    linearValues.withUnsafeBufferPointer { l in
                        labels.withUnsafeBufferPointer { labels in
                            for y in (band * rows)..<min(h, band * rows + rows) {
                                for x in 0..<w where labels[y * w + x] == 0 {
                                    let i = y * w + x
                                    let (share, confidence, shaded) = samples.decide(x: x, y: y, pixel: SIMD3(g[i * 3], g[i * 3 + 1], g[i * 3 + 2]),
                                                                            linear: SIMD3(l[i * 3], l[i * 3 + 1], l[i * 3 + 2]))
                                    target.base[i * 2] = share
                                    target.base[i * 2 + 1] = shaded
                                    open.base[i] = confidence
                                }
                            }
                        }
                    }
                }
            }
            if threads > 1 { Concurrently.forEach(bands, work) } else { (0..<bands).forEach(work) }
          }
        }
        liftShading(in: &out, unshaded: unshaded, labels: label, width: w, height: h)
        return Raster(width: w, height: h, channels: 2, values: out)
    }

    /// Band pixels of the background's colour (coverage 0) that join the sure background through
    /// such pixels (4-connected) are background continuing under the mask, not a shadowed fold
    /// inside the person (a fold is walled off from the background by the person's lighter colours):
    /// their confidence (channel 1 of `out`) is the one without `Shading` (`unshaded`).
    static func liftShading(in out: inout [Float], unshaded: [Float], labels: [Int8], width w: Int, height h: Int) {
        let shares = out
        let joined = ContextView.flood(from: { labels[$0] < 0 }, through: { labels[$0] < 0 || (labels[$0] == 0 && shares[$0 * 2] <= 0) },
                                       width: w, height: h)
        for i in 0..<(w * h) where joined[i] && labels[i] == 0 { out[i * 2 + 1] = max(out[i * 2 + 1], unshaded[i]) }
    }

    /// The sure-person and sure-background block means near the band, and the per-pixel decision.
    struct Samples: Sendable {
        let block: Int, width: Int, height: Int, reach: Int
        /// Per block: bit 0 holds a person mean, bit 1 a background mean.
        let kinds: [UInt8]
        /// Per block: person then background mean, sRGB-encoded (3 + 3).
        let colours: [Float]
        /// The same means in linear light.
        let linearColours: [Float]

        /// Coverage and its confidence for a band pixel at (`x`, `y`) of colour `pixel` (sRGB) / `linear`,
        /// the confidence both without and with the doubt that the pixel is the person in shadow (`Shading`).
        func decide(x: Int, y: Int, pixel: SIMD3<Float>, linear lp: SIMD3<Float>) -> (share: Float, confidence: Float, shaded: Float) {
            var bestF = Float.infinity, bestB = Float.infinity, jf = 0, jb = 0
            kinds.withUnsafeBufferPointer { kinds in
                colours.withUnsafeBufferPointer { c in
                    let cx = x / block, cy = y / block
                    for by in max(0, cy - reach)...min(height - 1, cy + reach) {
                        for bx in max(0, cx - reach)...min(width - 1, cx + reach) {
                            let j = by * width + bx, kind = kinds[j]
                            if kind & 1 != 0 {
                                let d = SIMD3(c[j * 6], c[j * 6 + 1], c[j * 6 + 2]) - pixel, d2 = (d * d).sum()
                                if d2 < bestF { bestF = d2; jf = j }
                            }
                            if kind & 2 != 0 {
                                let d = SIMD3(c[j * 6 + 3], c[j * 6 + 4], c[j * 6 + 5]) - pixel, d2 = (d * d).sum()
                                if d2 < bestB { bestB = d2; jb = j }
                            }
                        }
                    }
                }
            }
            guard bestF.isFinite, bestB.isFinite else { return (0, 0, 0) }
            let f = SIMD3(colours[jf * 6], colours[jf * 6 + 1], colours[jf * 6 + 2])
            let b = SIMD3(colours[jb * 6 + 3], colours[jb * 6 + 4], colours[jb * 6 + 5])
            let dF = bestF.squareRoot(), dB = bestB.squareRoot(), separation = ((f - b) * (f - b)).sum().squareRoot()
            // Coverage: the pixel's position between the two colours in linear light (where
            // `I = αF + (1−α)B` holds); within `slack` of either side counts as that side.
            let lf = SIMD3(linearColours[jf * 6], linearColours[jf * 6 + 1], linearColours[jf * 6 + 2])
            let lb = SIMD3(linearColours[jb * 6 + 3], linearColours[jb * 6 + 4], linearColours[jb * 6 + 5])
            let line = lf - lb, share = ((lp - lb) * line).sum() / max((line * line).sum(), 1e-8)
            // Apart by ≥ 0.09 (sRGB distance) for full trust; off the line by the triangle's
            // excess (dF + dB − |f − b|) as much as the separation: none.
            let apart = min(max((separation - 0.03) / 0.06, 0), 1)
            let onLine = min(max(2 - (dF + dB) / max(separation, 1e-6), 0), 1)
            // Where the background is a darker shade of the person (`Shading`), a pixel towards it
            // may be a shadowed fold: the colours may add person, not take it away.
            let coverage = min(max((share - slack) / (1 - 2 * slack), 0), 1)
            var confidence = apart * onLine
            guard confidence > 0 else { return (coverage, 0, 0) }
            // A pixel that two background colours mix to as well as person and background (grey
            // between a flag's navy and white, a dark shade between navy and red) has no cue
            // for person: the colours may take person away, not add it.
            if coverage > 0 {
                let excess = dF + dB - separation, mixed = backgroundMixExcess(x: x, y: y, pixel: pixel, nearest: b, distance: dB)
                let ambiguity = min(max((excess + 2 * mixTolerance - mixed) / mixTolerance, 0), 1)
                confidence *= 1 - ambiguity * coverage
            }
            guard confidence > 0 && coverage < 1 else { return (coverage, confidence, confidence) }
            return (coverage, confidence, confidence * (1 - Shading.ambiguity(person: lf, background: lb) * (1 - coverage)))
        }

        /// How far off a mix of two background colours `pixel` lies: the least triangle excess
        /// (`dB + |b′ − pixel| − |b′ − b|`) over the background means `b′` within reach, with `b`
        /// the pixel's nearest background colour at distance `dB` (all sRGB).
        func backgroundMixExcess(x: Int, y: Int, pixel: SIMD3<Float>, nearest b: SIMD3<Float>, distance dB: Float) -> Float {
            var least = Float.infinity
            kinds.withUnsafeBufferPointer { kinds in
                colours.withUnsafeBufferPointer { c in
                    let cx = x / block, cy = y / block
                    for by in max(0, cy - reach)...min(height - 1, cy + reach) {
                        for bx in max(0, cx - reach)...min(width - 1, cx + reach) {
                            let j = by * width + bx
                            guard kinds[j] & 2 != 0 else { continue }
                            let other = SIMD3(c[j * 6 + 3], c[j * 6 + 4], c[j * 6 + 5])
                            let d = other - pixel, apart = other - b
                            least = min(least, dB + (d * d).sum().squareRoot() - (apart * apart).sum().squareRoot())
                        }
                    }
                }
            }
            return least
        }
    }
}

/// The output buffer, shared by the row bands (each writes its own rows).
private struct OutputPointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
}

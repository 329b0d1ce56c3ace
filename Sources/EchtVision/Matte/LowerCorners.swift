import EchtImaging

/// The body's lower corners that `ContextView` would leave out: bare shoulders running to the
/// photo's bottom corners before a backdrop of their own hue.
///
/// On the face-paint portrait (dark skin before a red-brown door) the first look fades to ≤ 0.1
/// over the right shoulder's bottom and to 0.2–0.45 over the left one, so both join the door's
/// open background or sink under the refinement's contrast, and the shoulders ended 30–200 px
/// short of the photo's edges in a ragged grey fringe, though the wide look is sure of them.
/// A corner here is a part the wide look holds (≥ `ContextView.doubt`) and the lift left below
/// it, that reaches the region's bottom edge (the body goes on below the frame), lies in the
/// region's lower part, borders the lifted torso and opens onto the background. Things the
/// wide look takes in beside the body do not: a flag beside a sleeve ends above the bottom
/// edge, and a hole the first look cut into the body at the bottom (a laptop before the chest)
/// borders no open background.
enum LowerCorners {
    /// Fewest cells a corner has.
    static let smallest = 40
    /// Reach (cells) of the ring around a corner that is read for what borders it.
    static let ring = 3
    /// Least share of the ring that is the first look's open background.
    static let openShare: Float = 0.2
    /// Least share of the ring that is lifted torso (≥ `ContextView.sure`).
    static let torsoShare: Float = 0.15
    /// Share of the region's height above which no corner reaches: a part running up the body's
    /// whole side is the first look's outline, which stays (`ContextView`).
    static let highest: Float = 0.6
    /// Cells around a corner that take the wide look's value too: the first look's unsure rim
    /// beside it (0.5–0.6, inside the wide look's inset), which the background-likeness cap
    /// otherwise greys where skin lies between the door's colour and the paint's (2 cells: grey
    /// smears 60 px wide above both shoulders' light-blue strokes; 8: small flecks; 14: the right
    /// shoulder's outer edge turns to lumps of partial alpha).
    static let ramp = 8

    /// The corners of `lifted` (the first look after the lift), each as its cell indices.
    /// `wideHere`: the wide look on `lifted`'s cells; `open`: the first look's open background.
    static func cells(of lifted: Image, wideHere: [Float], open: [Bool], width w: Int, height h: Int) -> [[Int]] {
        func candidate(_ i: Int) -> Bool { wideHere[i] >= ContextView.doubt && lifted.pixels[i] < ContextView.doubt }
        var seen = [Bool](repeating: false, count: w * h), owner = [Int](repeating: -1, count: w * h)
        var counted = [Int](repeating: -1, count: w * h)
        var corners: [[Int]] = []
        for start in 0..<(w * h) where !seen[start] && candidate(start) {
            var component = [start], k = 0
            seen[start] = true
            while k < component.count {
                let i = component[k]; k += 1
                let x = i % w, y = i / w
                for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                    let u = x + dx, v = y + dy
                    guard u >= 0, v >= 0, u < w, v < h else { continue }
                    let j = v * w + u
                    if !seen[j] && candidate(j) { seen[j] = true; component.append(j) }
                }
            }
            let top = component.map { $0 / w }.min()!, bottom = component.map { $0 / w }.max()!
            guard component.count >= smallest, bottom == h - 1, Float(top) >= highest * Float(h) else { continue }
            for i in component { owner[i] = start }
            // The ring: cells within `ring` (Chebyshev) of the component, outside it, each once.
            var cells = 0, openCells = 0, torso = 0
            for i in component {
                let x = i % w, y = i / w
                for v in max(0, y - ring)...min(h - 1, y + ring) {
                    for u in max(0, x - ring)...min(w - 1, x + ring) {
                        let j = v * w + u
                        guard owner[j] != start, counted[j] != start else { continue }
                        counted[j] = start
                        cells += 1
                        if open[j] { openCells += 1 }
                        if lifted.pixels[j] >= ContextView.sure { torso += 1 }
                    }
                }
            }
            guard cells > 0, Float(openCells) >= openShare * Float(cells), Float(torso) >= torsoShare * Float(cells) else { continue }
            corners.append(component)
        }
        return corners
    }

    /// `mask` (over `region`) raised, on the `corners` and `ramp` cells around them, to the wide
    /// look `wide` (over `wideRegion`) sampled bilinearly, at most `ContextView.lift`: the
    /// corner's outline is the wide look's own smooth ramp, not a staircase of its cells, and the
    /// refinement finds the edge in the photo along it.
    static func lifting(_ mask: Image, corners: [[Int]], region: PixelRect, wide: Image, wideRegion: PixelRect) -> Image {
        guard !corners.isEmpty else { return mask }
        let w = mask.width, h = mask.height
        var mark = Raster(width: w, height: h, channels: 1)
        for component in corners { for i in component { mark.values[i] = 1 } }
        let spread = mark.boxBlurred(radius: ramp)
        var out = mask
        for i in out.pixels.indices where spread.values[i] > 0 {
            let x = i % w, y = i / w
            let px = region.minX + (Float(x) + 0.5) * region.width / Float(w)
            let py = region.minY + (Float(y) + 0.5) * region.height / Float(h)
            let value = sample(wide, at: (px - wideRegion.minX) / wideRegion.width * Float(wide.width) - 0.5,
                               (py - wideRegion.minY) / wideRegion.height * Float(wide.height) - 0.5)
            out.pixels[i] = max(out.pixels[i], min(value, ContextView.lift))
        }
        return out
    }

    /// `image` (1 channel) bilinearly at (u, v), pixel-centre coordinates clamped to its edges.
    static func sample(_ image: Image, at u: Float, _ v: Float) -> Float {
        let u = min(max(u, 0), Float(image.width - 1)), v = min(max(v, 0), Float(image.height - 1))
        let x0 = Int(u), y0 = Int(v), x1 = min(x0 + 1, image.width - 1), y1 = min(y0 + 1, image.height - 1)
        let fx = u - Float(x0), fy = v - Float(y0), p = image.pixels, w = image.width
        let top = p[y0 * w + x0] * (1 - fx) + p[y0 * w + x1] * fx
        let bottom = p[y1 * w + x0] * (1 - fx) + p[y1 * w + x1] * fx
        return top * (1 - fy) + bottom * fy
    }
}

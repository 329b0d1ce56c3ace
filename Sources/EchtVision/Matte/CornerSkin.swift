import EchtImaging

/// The skin beside a body's lower corner (`LowerCorners`) that both looks of the selfie model
/// leave out, found by its colour.
///
/// On the face-paint portrait the right shoulder's outer top (dark skin before a red-brown door)
/// is below 0.5 in both looks (the wide look 0.2–0.4 beside its black padding, the first look
/// 0), so the shoulder ended in a soft diagonal of backdrop 60 px short of the photo's edge.
/// The skin and the door differ in hue there: the skin's blue share (b / (r + g + b) of the
/// model's input) is 0.22–0.29, the door's 0.11–0.13. Cells within `reach` of a corner, joined
/// to it through cells whose hue lies nearer the torso's beside the corner than the open
/// background's, are surely person. Only corners are widened so: nothing changes on a photo
/// without one.
enum CornerSkin {
    /// Cells (Chebyshev) from a corner within which its skin is looked for.
    static let reach = 20
    /// Cells around a corner whose torso and open background give the two hues.
    static let window = 12
    /// Least share of the way from the background's hue to the torso's a cell's hue goes.
    static let nearer: Float = 0.5
    /// Least distance between the two hues (chromaticity): closer, colour tells nothing.
    static let separation: Float = 0.05
    /// Darkest cell (r + g + b, sRGB 0...1) whose hue is read: darker, hue is noise.
    static let darkest: Float = 0.15

    /// The cells of `lifted` (the first look after the lift, corners included) to raise to
    /// `ContextView.lift`: per corner, the skin joined to it. `guide`: the region's sRGB colours
    /// at the mask's size (`SelfieSegmenter.guide`); `open`: the first look's open background;
    /// `wideHere`: the wide look on the mask's cells. The background's hue is read where both
    /// looks put background (≤ `ContextView.outside`): the skin sought lies in the first look's
    /// open background too.
    static func cells(around corners: [[Int]], lifted: Image, guide: Image, open: [Bool], wideHere: [Float],
                      width w: Int, height h: Int) -> [Int] {
        var out: [Int] = []
        for corner in corners {
            var mark = Raster(width: w, height: h, channels: 1)
            for i in corner { mark.values[i] = 1 }
            let near = mark.boxBlurred(radius: window), within = mark.boxBlurred(radius: reach)
            var torso: [SIMD3<Float>] = [], background: [SIMD3<Float>] = []
            for i in 0..<(w * h) where near.values[i] > 0 && mark.values[i] == 0 {
                guard let c = hue(guide, i) else { continue }
                if lifted.pixels[i] >= ContextView.sure { torso.append(c) } else if open[i] && wideHere[i] <= ContextView.outside { background.append(c) }
            }
            guard !torso.isEmpty, !background.isEmpty else { continue }
            let t = median(torso), b = median(background), d = t - b, d2 = (d * d).sum()
            guard d2.squareRoot() >= separation else { continue }
            func skin(_ i: Int) -> Bool {
                guard within.values[i] > 0, lifted.pixels[i] < ContextView.lift, let c = hue(guide, i) else { return false }
                return ((c - b) * d).sum() / d2 >= nearer
            }
            let inCorner = Set(corner)
            let reached = ContextView.flood(from: { inCorner.contains($0) }, through: { inCorner.contains($0) || skin($0) },
                                            width: w, height: h)
            for i in reached.indices where reached[i] && !inCorner.contains(i) { out.append(i) }
        }
        return out
    }

    /// `lifted` with the skin beside its `corners` (`cells(around:…)`, read before any is raised)
    /// raised to `ContextView.lift`; `LowerCorners.lifting` only raises further.
    static func raise(_ lifted: inout Image, around corners: [[Int]], guide: Image, open: [Bool], wideHere: [Float]) {
        guard !corners.isEmpty else { return }
        let skin = cells(around: corners, lifted: lifted, guide: guide, open: open, wideHere: wideHere,
                         width: lifted.width, height: lifted.height)
        for i in skin { lifted.pixels[i] = max(lifted.pixels[i], ContextView.lift) }
    }

    /// The chromaticity of `guide`'s cell `i`, nil where the cell is too dark to tell.
    static func hue(_ guide: Image, _ i: Int) -> SIMD3<Float>? {
        let c = SIMD3(guide.pixels[i * 3], guide.pixels[i * 3 + 1], guide.pixels[i * 3 + 2])
        return c.sum() >= darkest ? c / c.sum() : nil
    }

    /// The per-channel median of `values`.
    static func median(_ values: [SIMD3<Float>]) -> SIMD3<Float> {
        func mid(_ k: Int) -> Float { let s = values.map { $0[k] }.sorted(); return s[s.count / 2] }
        return SIMD3(mid(0), mid(1), mid(2))
    }
}

/// Out-of-focus background that runs in under the coarse mask's unsure band.
///
/// `EdgeBand` takes its background colours from the pixels the mask is sure of. A dark blur lying
/// between the sure background and the person (the shade between a lit shoulder and a bystander's
/// face, a dark camera beside grey hair) is inside the band and so has no sample of its own: its
/// nearest background colour is a lighter one farther out, and the person's own dark shade wins.
/// Band pixels the sure background reaches through small colour steps, over pixels that are smooth
/// all round (every pixel within `radius` holds within `flatness` of them), are that blur: they
/// become background samples too. A sharp edge (hair, an earring's rim, a sleeve's outline) stops
/// the run, since a pixel next to it is not smooth all round.
enum BackgroundRunIn {
    /// Largest sRGB distance between 4-neighbours along the run.
    static let step: Float = 0.03
    /// Largest sRGB distance from a pixel on the run to any pixel within `radius`.
    static let flatness: Float = 0.06
    /// Half side (guide pixels) of the square a pixel on the run must be smooth over.
    static let radius = 2

    /// Per pixel of `guide` (3 channels, sRGB 0...1): whether it is a band pixel (`labels` 0; 1 sure
    /// person, −1 sure background) that the sure background runs into.
    static func reached(guide: Raster, labels: [Int8]) -> [Bool] {
        let w = guide.width, h = guide.height, g = guide.values
        func colour(_ i: Int) -> SIMD3<Float> { SIMD3(g[i * 3], g[i * 3 + 1], g[i * 3 + 2]) }
        func smooth(_ i: Int, _ c: SIMD3<Float>) -> Bool {
            let x = i % w, y = i / w
            for v in max(0, y - radius)...min(h - 1, y + radius) {
                for u in max(0, x - radius)...min(w - 1, x + radius) {
                    let d = colour(v * w + u) - c
                    if (d * d).sum() > flatness * flatness { return false }
                }
            }
            return true
        }
        var reached = [Bool](repeating: false, count: w * h), stack: [Int] = []
        for i in 0..<(w * h) where labels[i] < 0 { reached[i] = true; stack.append(i) }
        while let i = stack.popLast() {
            let x = i % w, y = i / w, c = colour(i)
            for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                let u = x + dx, v = y + dy
                guard u >= 0, v >= 0, u < w, v < h else { continue }
                let j = v * w + u
                guard !reached[j], labels[j] == 0 else { continue }
                let cj = colour(j), d = cj - c
                if (d * d).sum() <= step * step && smooth(j, cj) { reached[j] = true; stack.append(j) }
            }
        }
        for i in 0..<(w * h) where labels[i] != 0 { reached[i] = false }
        return reached
    }
}

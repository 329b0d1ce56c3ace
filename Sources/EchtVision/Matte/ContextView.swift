import EchtImaging

/// A second, wider look of the selfie model at a person, which fills the body where the first
/// look is unsure of it.
///
/// On a head-and-shoulders region the model can lose a bare chest whose colours it does not
/// know as person (body paint on dark skin before a wooden door of the same hue): its mask
/// there sinks to 0.2–0.6, and to 0 on dark paint, and the refinement cuts holes. The same
/// model on a wider view of the same place (the person smaller, with room around them, the
/// photo padded with black) is sure of the whole torso. Cells the wide look is sure of, away
/// from its own outline and from the first look's open background, are lifted to `lift`
/// (surely person). The outline stays the first look's: the wide one is coarser, and near the
/// outline it takes in dark things beside the body (a flag by a sleeve, a box by a shoulder).
/// Only the body's lower corners take the wide look's outline (`LowerCorners`).
enum ContextView {
    /// How much wider than the region the wide look is (about the region's centre).
    static let widening: Float = 1.7
    /// How far above the region (a share of its height) the wide look reaches; below, it ends
    /// where the region does (a body goes on below the frame).
    static let headroom: Float = 0.08
    /// Wide-look values at or above this are sure person.
    static let sure: Float = 0.9
    /// Wide-look values below this are its background; between this and `sure`, cells count as
    /// sure where the sure part encloses them.
    static let doubt: Float = 0.5
    /// Cells (of the first look) by which the wide look's sure part is shrunk: its outline is coarser.
    static let inset = 4
    /// First-look values at or below this are background.
    static let outside: Float = 0.1
    /// Cells (of the first look) from the open background within which nothing is lifted: the
    /// first look's outline and what lies just beyond it (lumps into a flag) stay as they are.
    static let depth = 4
    /// The value a lifted cell gets (at least): sure person for the refinement's bounds and band.
    static let lift: Float = 0.95

    /// The wide look's region for a first look on `region`.
    static func region(around region: PixelRect) -> PixelRect {
        let w = region.width * widening
        return PixelRect(minX: region.center.x - w / 2, minY: region.minY - region.height * headroom,
                         maxX: region.center.x + w / 2, maxY: region.maxY)
    }

    /// `mask` (the first look, over `region`) with the cells the wide look `wide` (over
    /// `wideRegion`, any size) is surely person on, `inset` cells inside its outline and more
    /// than `depth` cells from the first look's open background, raised to `lift`; with `guide`
    /// (`SelfieSegmenter.guide`) the skin beside the body's lower corners too (`CornerSkin`).
    static func lifting(_ mask: Image, region: PixelRect, wide: Image, wideRegion: PixelRect, guide: Image? = nil) -> Image {
        let w = mask.width, h = mask.height
        // The wide look resampled (nearest cell) to the first look's cells (0 outside it).
        var wideHere = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            let py = region.minY + (Float(y) + 0.5) * region.height / Float(h)
            let v = Int((py - wideRegion.minY) / wideRegion.height * Float(wide.height))
            guard v >= 0, v < wide.height else { continue }
            for x in 0..<w {
                let px = region.minX + (Float(x) + 0.5) * region.width / Float(w)
                let u = Int((px - wideRegion.minX) / wideRegion.width * Float(wide.width))
                guard u >= 0, u < wide.width else { continue }
                wideHere[y * w + x] = wide.pixels[v * wide.width + u]
            }
        }
        // Sure: at least `sure`, or a less sure pocket the sure part encloses (paint the wide
        // look doubts inside a sure torso), not joined to its background (< `doubt`) by unsure cells.
        let joined = Self.flood(from: { wideHere[$0] < doubt }, through: { wideHere[$0] < sure }, width: w, height: h)
        var sureHere = Raster(width: w, height: h, channels: 1)
        for i in 0..<(w * h) where wideHere[i] >= sure || (wideHere[i] >= doubt && !joined[i]) { sureHere.values[i] = 1 }
        // Shrunk by `inset`: only cells whose whole neighbourhood is sure (the region's own
        // edges count as sure, the body goes on past them).
        let shrunk = sureHere.boxBlurred(radius: inset)
        var wideSure = [Bool](repeating: false, count: w * h)
        for i in wideSure.indices { wideSure[i] = sureHere.values[i] > 0 && shrunk.values[i] > 0.999 }
        // The open background: cells the first look puts there (≤ `outside`) that the wide look
        // does not hold, and every such cell joined to them (a box beside the body, a flag beside
        // a sleeve that the coarser wide look takes in). Holes the body encloses stay out of it.
        let openCells = Self.flood(from: { mask.pixels[$0] <= outside && !wideSure[$0] }, through: { mask.pixels[$0] <= outside },
                                   width: w, height: h)
        var open = Raster(width: w, height: h, channels: 1)
        for i in 0..<(w * h) where openCells[i] { open.values[i] = 1 }
        // Lifted: sure in the wide look and more than `depth` cells from the open background.
        let near = open.boxBlurred(radius: depth)
        var out = mask
        for i in out.pixels.indices where wideSure[i] && near.values[i] < 1e-4 { out.pixels[i] = max(out.pixels[i], lift) }
        // The body's lower corners, which the open background kept from the lift (`LowerCorners`).
        let corners = LowerCorners.cells(of: out, wideHere: wideHere, open: openCells, width: w, height: h)
        if let guide { CornerSkin.raise(&out, around: corners, guide: guide, open: openCells, wideHere: wideHere) }
        return LowerCorners.lifting(out, corners: corners, region: region, wide: wide, wideRegion: wideRegion)
    }

    /// The cells `through` accepts that are joined (4-connected, within `through`) to a cell `from` accepts.
    static func flood(from seed: (Int) -> Bool, through pass: (Int) -> Bool, width w: Int, height h: Int) -> [Bool] {
        var reached = [Bool](repeating: false, count: w * h)
        var stack: [Int] = []
        for i in 0..<(w * h) where seed(i) && pass(i) { reached[i] = true; stack.append(i) }
        while let i = stack.popLast() {
            let x = i % w, y = i / w
            for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                let u = x + dx, v = y + dy
                guard u >= 0, v >= 0, u < w, v < h else { continue }
                let j = v * w + u
                if !reached[j] && pass(j) { reached[j] = true; stack.append(j) }
            }
        }
        return reached
    }
}

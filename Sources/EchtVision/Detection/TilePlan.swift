/// The overlapping square tiles the full-range detector searches after the whole-image pass.
///
/// The full-range model resolves faces down to about `smallestTensorFace` of its 192 input
/// pixels, so a pass over a square of side `s` sees faces of `s / 192 · smallestTensorFace`
/// image pixels and up. Levels halve the square side, starting from the longer image edge,
/// until the faces a level sees are no bigger than the smallest face asked for; each level
/// covers the image with tiles overlapping by `overlap` of their side, so a face small enough
/// for that level lies whole inside at least one tile.
struct TilePlan: Sendable, Equatable {
    /// Tile squares, coarse levels first, row-major within a level.
    let tiles: [RotatedRect]

    /// Plans the tiles for a `width × height` image.
    /// - Parameters:
    ///   - smallestFace: the smallest face side to find, in image pixels.
    ///   - smallestTensorFace: the smallest face side the model resolves, in tensor pixels.
    ///   - inputSize: the model's input side (192).
    ///   - minimumTileSide: tiles smaller than this are not used (they would only upsample).
    ///   - overlap: fraction of the tile side that neighbouring tiles share.
    init(width: Int, height: Int, smallestFace: Double, smallestTensorFace: Double, inputSize: Int,
         minimumTileSide: Double, overlap: Double) {
        let w = Double(width), h = Double(height)
        var side = max(w, h)
        var out: [RotatedRect] = []
        while side / Double(inputSize) * smallestTensorFace > smallestFace * 1.25 {
            side /= 2
            guard side >= minimumTileSide else { break }
            out += Self.grid(width: w, height: h, side: min(side, min(w, h)), overlap: overlap)
        }
        tiles = out
    }

    /// Squares of side `side` covering `w × h` with at least `overlap · side` shared by neighbours,
    /// spread evenly so the outer tiles touch the image edges.
    static func grid(width w: Double, height h: Double, side: Double, overlap: Double) -> [RotatedRect] {
        let step = side * (1 - overlap)
        func centres(_ extent: Double) -> [Double] {
            guard extent > side else { return [extent / 2] }
            let n = Int(((extent - side) / step).rounded(.up))
            return (0...n).map { side / 2 + (extent - side) * Double($0) / Double(n) }
        }
        let xs = centres(w), ys = centres(h)
        return ys.flatMap { y in xs.map { x in RotatedRect(center: SIMD2(x, y), side: side) } }
    }
}

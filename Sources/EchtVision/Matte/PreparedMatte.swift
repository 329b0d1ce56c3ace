import EchtImaging

/// A matte refined up to its last, full-resolution pass (`MatteRefiner.prepare`): the pass
/// runs on the part of the photo a caller needs (`matte(within:)`), and every pixel it writes
/// equals the whole-photo matte's. Its region's outermost rows and columns come with every
/// matte, so checks along the photo's edges read the true coverage there.
public struct PreparedMatte: Sendable {
    /// The region's photo (linear RGB).
    let photo: Raster
    /// The 13-channel grid of `FullResolutionPass`.
    let grid: Raster
    /// Threads for the pass.
    let threads: Int
    /// Photo column of the region's left edge.
    public var originX = 0
    /// Photo row of the region's top edge.
    public var originY = 0

    /// Width of the region in pixels.
    public var width: Int { photo.width }
    /// Height of the region in pixels.
    public var height: Int { photo.height }

    /// The matte of the region's pixels inside `window` (photo pixels, rounded outwards and
    /// clipped to the region; nil: all of it), plus the region's border when that is not all
    /// of it. A window that misses the region gives `edgesOnly()`.
    public func matte(within window: PixelRect? = nil) -> PersonMatte {
        let whole = FullResolutionPass.Window(x: 0, y: 0, width: width, height: height)
        let area = window.map { Self.clip($0, x: originX, y: originY, width: width, height: height) } ?? whole
        guard let area else { return edgesOnly() }
        return matte(of: area, border: area == whole ? nil : border())
    }

    /// The region's border and its top-left pixel only: what the framing's edge checks read.
    public func edgesOnly() -> PersonMatte {
        matte(of: FullResolutionPass.Window(x: 0, y: 0, width: 1, height: 1), border: border())
    }

    /// The pass on `area` (region pixels).
    private func matte(of area: FullResolutionPass.Window, border: MatteBorder?) -> PersonMatte {
        let (alpha, foreground) = FullResolutionPass.run(photo: photo, grid: grid, window: area, threads: area.height > 1 ? threads : 1)
        return PersonMatte(alpha: Image(width: area.width, height: area.height, channels: 1, pixels: alpha),
                           foreground: Image(width: area.width, height: area.height, channels: 3, pixels: foreground),
                           originX: originX + area.x, originY: originY + area.y, border: border)
    }

    /// The alpha of the region's top and bottom rows and left and right columns.
    func border() -> MatteBorder {
        func line(_ window: FullResolutionPass.Window) -> [Float] {
            FullResolutionPass.run(photo: photo, grid: grid, window: window, threads: 1).alpha
        }
        return MatteBorder(x: originX, y: originY, top: line(.init(x: 0, y: 0, width: width, height: 1)),
                           bottom: line(.init(x: 0, y: height - 1, width: width, height: 1)),
                           left: line(.init(x: 0, y: 0, width: 1, height: height)),
                           right: line(.init(x: width - 1, y: 0, width: 1, height: height)))
    }

    /// `rect` (photo pixels) rounded outwards and clipped to the region at (`x`, `y`), in the
    /// region's own pixels; nil when nothing of it is left.
    static func clip(_ rect: PixelRect, x: Int, y: Int, width: Int, height: Int) -> FullResolutionPass.Window? {
        let x0 = max(0, Int(rect.minX.rounded(.down)) - x), y0 = max(0, Int(rect.minY.rounded(.down)) - y)
        let x1 = min(width, Int(rect.maxX.rounded(.up)) - x), y1 = min(height, Int(rect.maxY.rounded(.up)) - y)
        guard x1 > x0, y1 > y0 else { return nil }
        return FullResolutionPass.Window(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

/// A matte region's outermost rows and columns of alpha (see `PreparedMatte`).
public struct MatteBorder: Sendable, Equatable {
    /// Photo column of the region's left edge.
    public var x: Int
    /// Photo row of the region's top edge.
    public var y: Int
    /// Alpha along the region's top row, left to right.
    public var top: [Float]
    /// Alpha along the region's bottom row.
    public var bottom: [Float]
    /// Alpha down the region's left column, top to bottom.
    public var left: [Float]
    /// Alpha down the region's right column.
    public var right: [Float]

    /// Alpha at photo pixel (x, y) when it lies on the border, else nil.
    func coverage(x px: Int, y py: Int) -> Float? {
        let u = px - x, v = py - y, w = top.count, h = left.count
        guard u >= 0, v >= 0, u < w, v < h else { return nil }
        if v == 0 { return top[u] }
        if v == h - 1 { return bottom[u] }
        if u == 0 { return left[v] }
        if u == w - 1 { return right[v] }
        return nil
    }
}

import EchtVision

extension Framing {
    /// Share of a frame's height added on every side of the matte region: framing may slide a
    /// frame by up to 20 % of its height, and the edge cleanup reads a little beyond it.
    static let matteRegionMargin = 0.12

    /// The photo region a subject's matte must cover so that every frame of `styles` around
    /// `face` finds its person: the bounding box of the composed frames (levelled and upright),
    /// widened by `matteRegionMargin` of the tallest frame, clipped to the photo.
    public static func matteRegion(face: FaceLandmarks, styles: [FramingStyle], sourceWidth: Int, sourceHeight: Int) -> PixelRect {
        let limit = maxLevelDegrees * .pi / 180
        let tilt = min(max(MeshRegions.eyeLineAngle(face), -limit), limit)
        var corners: [SIMD2<Double>] = [], tallest = 0.0
        for style in styles {
            for angle in [tilt, 0] {
                let fit = FrameFit(face: face, angle: angle, matte: nil, style: style)
                corners += fit.corners
                tallest = max(tallest, fit.height)
            }
        }
        let margin = tallest * matteRegionMargin
        let minX = max(0, corners.map(\.x).min()! - margin), maxX = min(Double(sourceWidth), corners.map(\.x).max()! + margin)
        let minY = max(0, corners.map(\.y).min()! - margin), maxY = min(Double(sourceHeight), corners.map(\.y).max()! + margin)
        guard maxX > minX, maxY > minY else { return PixelRect(minX: 0, minY: 0, maxX: Float(sourceWidth), maxY: Float(sourceHeight)) }
        return PixelRect(minX: Float(minX), minY: Float(minY), maxX: Float(maxX), maxY: Float(maxY))
    }

    /// The photo pixels the frames of `styles` around `face` read of the person's matte (each
    /// frame's `Warp.sourceWindow`, united, one pixel wider): the only part the full-resolution
    /// matte pass must fill. `edges` is the matte as far as the framing reads it (its region's
    /// border, `PreparedMatte.edgesOnly`) and `picture` the photo inside its scan border, as
    /// `frame` reads them, so the frames are exactly those `frame` makes.
    static func matteWindow(face: FaceLandmarks, styles: [FramingStyle], edges: PersonMatte,
                            sourceWidth: Int, sourceHeight: Int, picture: PixelRect? = nil) -> PixelRect {
        var x0 = Int.max, y0 = Int.max, x1 = Int.min, y1 = Int.min
        for style in styles {
            let framing = headAndShoulders(face: face, sourceWidth: sourceWidth, sourceHeight: sourceHeight, personMatte: edges, style: style,
                                           picture: picture)
            let reach = Warp.sourceWindow(transform: framing.transform, width: framing.width, height: framing.height)
            x0 = min(x0, reach.x0 - 1); y0 = min(y0, reach.y0 - 1); x1 = max(x1, reach.x1 + 1); y1 = max(y1, reach.y1 + 1)
        }
        return PixelRect(minX: Float(max(x0, 0)), minY: Float(max(y0, 0)), maxX: Float(min(x1, sourceWidth)), maxY: Float(min(y1, sourceHeight)))
    }
}

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
}

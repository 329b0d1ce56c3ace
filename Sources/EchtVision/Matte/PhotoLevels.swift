/// What `MatteRefiner.prepare` reads of the photo, made before the coarse mask is known
/// (`MatteRefiner.levels(of:)`), so it can be made while the selfie model runs.
public struct PhotoLevels: Sendable {
    /// The photo (linear RGB).
    let linear: Raster
    /// Its area-averaged copy at the working size.
    let smallLinear: Raster
    /// `smallLinear` sRGB-encoded: the guided filter's guide.
    let smallGuide: Raster
    /// Its area-averaged copy at the middle size (the foreground means' size).
    let midLinear: Raster
    /// `midLinear` sRGB-encoded.
    let midGuide: Raster

    /// Width of the photo in pixels.
    public var width: Int { linear.width }
    /// Height of the photo in pixels.
    public var height: Int { linear.height }
}

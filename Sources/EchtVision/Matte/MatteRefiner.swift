import EchtImaging
import Foundation

/// Turns the 256×256 selfie mask into a full-resolution alpha matte and foreground colours.
///
/// 1. The photo is area-averaged to a working size (longer edge ≤ `workingSide`) and
///    sRGB-encoded as the guide; the coarse mask is resized to that size and its contrast
///    raised around 0.5 (the model's mask is soft everywhere, not only at the edges). In the
///    band along the mask's outline, the photo's colours replace it where they tell person
///    from background (`EdgeBand`), and the mask's alpha bounds are lifted there: the outline
///    moves to the photo's edge and thin parts the 256² mask half-covers come back. Blown
///    highlights, whose colour tells nothing, follow the mask decisively (`BlownHighlights`).
/// 2. A colour guided filter with a small radius (edges stay as sharp as the photo's) fits
///    `alpha ≈ a·I + b` locally; `a`, `b` are upsampled and applied to the full-resolution
///    guide, so strands of hair follow the photo.
/// 3. Foreground colour by blur fusion (wide then narrow window); the means are computed at
///    reduced sizes. One fused full-resolution pass (`FullResolutionPass`) upsamples the
///    coefficients and means on the fly and writes alpha and foreground.
public struct MatteRefiner: Sendable {
    /// Tunable parameters.
    public struct Options: Sendable, Equatable {
        /// Longer edge of the working size in pixels.
        public var workingSide: Int = 640
        /// Guided-filter radius as a fraction of the working size's longer edge.
        public var radiusFraction: Double = 1.0 / 160
        /// Guided-filter regularisation (on 0...1 sRGB values); larger is smoother.
        public var epsilon: Float = 3e-4
        /// Gain applied to the coarse mask around 0.5 before filtering: the model is unsure (0.4...0.7)
        /// inside dark clothes and skin; a steep ramp keeps those solid, edges come from the photo.
        public var maskContrast: Float = 6
        /// Wide blur-fusion radius as a fraction of the photo's longer edge.
        public var wideForegroundFraction: Double = 1.0 / 20
        /// Narrow blur-fusion radius as a fraction of the photo's longer edge.
        public var narrowForegroundFraction: Double = 1.0 / 300
        /// Longer edge of the size at which the foreground means are computed.
        public var foregroundSide: Int = 1024
        /// Coarse-mask values over which alpha's upper bound ramps from 0 to 1 (old background).
        public var backgroundBelow: ClosedRange<Float> = 0.05...0.3
        /// Coarse-mask values over which alpha's lower bound ramps from 0 to 1 (surely person).
        public var foregroundAbove: ClosedRange<Float> = 0.7...0.95
        /// Alpha may exceed the coverage the compositing equation gives from the wide local means
        /// (`BackgroundLikeness`) by at most this much near the outline; 1 switches the cap off.
        public var backgroundLikenessSlack: Float = 0.2
        /// Depth, as a fraction of the longer edge, beyond which the coarse mask's lower bound
        /// overrules the background-likeness cap (closer to its edge the cap wins).
        public var protectedDepthFraction: Double = 1.0 / 100
        /// Threads for the full-resolution pass and the colour band (1 = the calling thread only).
        public var threads: Int = 2
        /// Whether alpha in the band along the coarse outline is decided by the photo's colours
        /// (`EdgeBand`) where they tell person from background, freeing it from the mask's bounds.
        public var colourBand: Bool = true
        /// Creates the default options.
        public init() {}
    }

    /// The options in use.
    public let options: Options

    /// Creates a refiner.
    public init(options: Options = Options()) { self.options = options }

    /// The matte of `photo` from its coarse mask (any size, 1 channel, 0...1). With `window`
    /// (photo pixels, clipped to the photo) only that part is written at full resolution: the
    /// matte's origin is the window's top-left and every pixel equals the whole photo's matte.
    public func refine(coarseMask: Image, photo: Image, window: PixelRect? = nil) -> PersonMatte {
        prepare(coarseMask: coarseMask, photo: photo).matte(within: window)
    }

    /// Everything of `refine` but the full-resolution pass, which the result runs on the part
    /// of the photo asked for (`PreparedMatte.matte(within:)`).
    public func prepare(coarseMask: Image, photo: Image) -> PreparedMatte {
        prepare(coarseMask: coarseMask, levels: levels(of: photo))
    }

    /// The part of `prepare` that reads the photo only (it may run before the coarse mask is known).
    /// With `concurrent` false it runs on the calling thread only (the same values).
    public func levels(of photo: Image, concurrent: Bool = true) -> PhotoLevels {
        let linear = Self.rgb(of: photo), longer = Double(max(photo.width, photo.height))
        let smallLinear = linear.areaDownscaled(by: Self.reduction(longer: longer, toSide: options.workingSide), concurrent: concurrent)
        let midLinear = linear.areaDownscaled(by: Self.reduction(longer: longer, toSide: options.foregroundSide), concurrent: concurrent)
        return PhotoLevels(linear: linear, smallLinear: smallLinear, smallGuide: Self.encoded(smallLinear),
                           midLinear: midLinear, midGuide: Self.encoded(midLinear))
    }

    /// The whole factor by which a photo whose longer edge is `longer` is reduced to at most `side`.
    static func reduction(longer: Double, toSide side: Int) -> Int {
        max(1, Int((longer / Double(side)).rounded(.up)))
    }

    /// `prepare(coarseMask:photo:)` on the photo's `levels` (made with these options).
    /// `others` (1 channel, the coarse mask's size, 0...1): cells that are someone else's (a
    /// neighbour's arm beside the subject); the colour band frees no alpha there.
    /// `plain` (same size, 0...1): cells whose outline was cut through blur, where the photo has
    /// no edge to follow (`DefocusedBystanders`): alpha there is the mask's smooth ramp and the
    /// foreground the mean colour of the person's solid pixels nearby, with none of the photo's detail.
    public func prepare(coarseMask: Image, levels: PhotoLevels, others: Image? = nil, plain: Image? = nil) -> PreparedMatte {
        let linear = levels.linear, longer = Double(max(linear.width, linear.height))
        let smallLinear = levels.smallLinear, guideSmall = levels.smallGuide, midLinear = levels.midLinear
        let maskSmall = Raster(width: coarseMask.width, height: coarseMask.height, channels: 1, values: coarseMask.pixels)
            .resized(width: guideSmall.width, height: guideSmall.height)
        var p = maskSmall
        for i in p.values.indices { p.values[i] = min(max((p.values[i] - 0.5) * options.maskContrast + 0.5, 0), 1) }
        // In the band along the outline, the photo's colours decide where they can (`EdgeBand`).
        var trust = Raster(width: guideSmall.width, height: guideSmall.height, channels: 1)
        let radius = max(2, Int((Double(max(guideSmall.width, guideSmall.height)) * options.radiusFraction).rounded()))
        let plainSmall = plain.map { Self.plainWeight($0, width: guideSmall.width, height: guideSmall.height, radius: radius) }
        if options.colourBand {
            let cell = max(Float(guideSmall.width) / Float(coarseMask.width), Float(guideSmall.height) / Float(coarseMask.height))
            let band = EdgeBand.estimate(guide: guideSmall, linear: smallLinear, mask: maskSmall, cell: cell,
                                         threads: max(1, options.threads))
            let theirs = others.map {
                Raster(width: $0.width, height: $0.height, channels: 1, values: $0.pixels).resized(width: guideSmall.width, height: guideSmall.height)
            }
            for i in p.values.indices {
                let own = (1 - min(max(theirs?.values[i] ?? 0, 0), 1)) * (1 - (plainSmall?.values[i] ?? 0))
                trust.values[i] = band.values[i * 2 + 1] * own
                // Blown highlights hold no colour to decide by: the mask decides, decisively.
                let blown = BlownHighlights.weight(guideSmall.values[i * 3], guideSmall.values[i * 3 + 1], guideSmall.values[i * 3 + 2])
                if blown > 0 {
                    p.values[i] += (BlownHighlights.input(mask: maskSmall.values[i]) - p.values[i]) * blown * own
                }
                p.values[i] += (band.values[i * 2] - p.values[i]) * trust.values[i]
            }
        }
        var (aSmall, bSmall) = GuidedFilter.coefficients(guide: guideSmall, input: p, radius: radius, epsilon: options.epsilon)
        if let plainSmall {
            // No photo edge to snap to: the mask's ramp, smoothed, without the photo's noise.
            let ramp = p.boxBlurred(radius: Self.plainSmoothing)
            for i in bSmall.values.indices where plainSmall.values[i] > 0 {
                let w = plainSmall.values[i]
                for k in 0..<3 { aSmall.values[i * 3 + k] *= 1 - w }
                bSmall.values[i] += (ramp.values[i] - bSmall.values[i]) * w
            }
        }
        // Everything smooth lives at the middle size; only the fused last pass runs at full size.
        let aMid = aSmall.resized(width: midLinear.width, height: midLinear.height)
        let bMid = bSmall.resized(width: midLinear.width, height: midLinear.height)
        var bounds = Self.bounds(coarseMask: coarseMask, width: midLinear.width, height: midLinear.height,
                                 background: options.backgroundBelow, foreground: options.foregroundAbove)
        if options.colourBand {
            // Where the colours decide, the coarse mask no longer bounds alpha.
            let trustMid = trust.resized(width: midLinear.width, height: midLinear.height)
            for i in trustMid.values.indices {
                let t = min(max(trustMid.values[i], 0), 1)
                bounds.values[i * 2] *= 1 - t
                bounds.values[i * 2 + 1] += (1 - bounds.values[i * 2 + 1]) * t
            }
        }
        var midAlpha = Self.alpha(a: aMid, b: bMid, guide: levels.midGuide)
        for i in midAlpha.values.indices {
            midAlpha.values[i] = min(max(midAlpha.values[i], bounds.values[i * 2]), bounds.values[i * 2 + 1])
        }
        var means = foregroundMeans(midLinear: midLinear, midAlpha: &midAlpha, bounds: &bounds, smallLinear: smallLinear, longer: longer)
        let plainMid = plainSmall?.resized(width: midLinear.width, height: midLinear.height)
        if let plainMid { means.foreground = Self.solidSideMeans(means.foreground, photo: midLinear, alpha: midAlpha, plain: plainMid) }
        var grid = Raster(width: midLinear.width, height: midLinear.height, channels: FullResolutionPass.gridChannels)
        let foregroundMean = means.foreground.values, backgroundMean = means.background.values
        grid.values.withUnsafeMutableBufferPointer { grid in
            let n = midLinear.width * midLinear.height
            Concurrently.forEachRange(of: n, bands: Raster.bands(for: n * FullResolutionPass.gridChannels)) { pixels in
                for i in pixels {
                    let o = i * FullResolutionPass.gridChannels
                    for k in 0..<3 {
                        grid[o + k] = aMid.values[i * 3 + k]
                        grid[o + 4 + k] = foregroundMean[i * 3 + k]
                        grid[o + 7 + k] = backgroundMean[i * 3 + k]
                    }
                    grid[o + 3] = bMid.values[i]
                    grid[o + 10] = bounds.values[i * 2]
                    grid[o + 11] = bounds.values[i * 2 + 1]
                    grid[o + 12] = 1 - (plainMid?.values[i] ?? 0)
                }
            }
        }
        return PreparedMatte(photo: linear, grid: grid, threads: max(1, options.threads))
    }

    /// Half side (working-size pixels) of the box that smooths the mask's ramp where the outline is plain.
    static let plainSmoothing = 2

    /// How plain each working-size pixel is (0...1): `plain` resized, widened by `radius` (the
    /// guided filter's, whose windows reach that far) and saturated.
    static func plainWeight(_ plain: Image, width: Int, height: Int, radius: Int) -> Raster {
        var w = Raster(width: plain.width, height: plain.height, channels: 1, values: plain.pixels)
            .resized(width: width, height: height).boxBlurred(radius: radius)
        for i in w.values.indices { w.values[i] = min(max(w.values[i] * 3, 0), 1) }
        return w
    }

    /// `foreground` (F̄ at the middle size) where the outline is `plain`, replaced by the mean
    /// photo colour of the solid person pixels (alpha ≥ 0.95) within a fixed share of the size:
    /// the fringe of a cut through blur takes the person's colour (a black jacket), not the
    /// removed bystander's lighter blur.
    static func solidSideMeans(_ foreground: Raster, photo: Raster, alpha: Raster, plain: Raster) -> Raster {
        var solid = alpha
        for i in solid.values.indices { solid.values[i] = solid.values[i] >= 0.95 ? 1 : 0 }
        let radius = max(2, max(photo.width, photo.height) / 80)
        let side = ForegroundEstimator.means(foreground: photo, background: photo, alpha: solid, radius: radius).foreground
        let share = solid.boxBlurred(radius: radius)
        var out = foreground
        for i in plain.values.indices where plain.values[i] > 0 {
            let w = min(max(plain.values[i], 0), 1) * min(share.values[i] / 0.1, 1)
            for k in 0..<3 { out.values[i * 3 + k] += (side.values[i * 3 + k] - out.values[i * 3 + k]) * w }
        }
        return out
    }

    /// Per cell, the lowest and highest alpha the coarse mask allows (2 channels): where the
    /// model is sure there is no person (mask ≤ `background.lowerBound`) alpha is 0, ramping
    /// to unconstrained at `background.upperBound`; where it is sure of the person alpha is 1.
    /// This keeps the guided filter from bleeding into old-background regions whose colour
    /// resembles the subject (a dark flag beside a dark suit) while hair edges stay free.
    static func bounds(coarseMask: Image, width: Int, height: Int, background: ClosedRange<Float>,
                       foreground: ClosedRange<Float>) -> Raster {
        let m = Raster(width: coarseMask.width, height: coarseMask.height, channels: 1, values: coarseMask.pixels)
            .resized(width: width, height: height)
        var out = Raster(width: width, height: height, channels: 2)
        out.values.withUnsafeMutableBufferPointer { out in
            Concurrently.forEachRange(of: width * height, bands: Raster.bands(for: width * height * 2)) { pixels in
                for i in pixels {
                    let v = m.values[i]
                    out[i * 2] = min(max((v - foreground.lowerBound) / (foreground.upperBound - foreground.lowerBound), 0), 1)
                    out[i * 2 + 1] = min(max((v - background.lowerBound) / (background.upperBound - background.lowerBound), 0), 1)
                }
            }
        }
        return out
    }

    /// `a·guide + b` clamped to 0...1 (all the same size; `a` and `guide` 3 channels).
    static func alpha(a: Raster, b: Raster, guide: Raster) -> Raster {
        var out = Raster(width: b.width, height: b.height, channels: 1)
        out.values.withUnsafeMutableBufferPointer { out in
            Concurrently.forEachRange(of: b.width * b.height, bands: Raster.bands(for: a.values.count)) { pixels in
                for i in pixels {
                    var v = b.values[i]
                    for k in 0..<3 { v += a.values[i * 3 + k] * guide.values[i * 3 + k] }
                    out[i] = min(max(v, 0), 1)
                }
            }
        }
        return out
    }

    /// Blur fusion's local means F̄, B̄ at the middle size: the wide step at working size, the
    /// narrow one at the middle size; the full-resolution pass fuses them with the photo.
    /// Between the two steps alpha is capped where the photo looks like the nearby old background
    /// (`BackgroundLikeness`); the cap lowers the bounds in `bounds` (the lower one only near its edge).
    func foregroundMeans(midLinear: Raster, midAlpha: inout Raster, bounds: inout Raster, smallLinear: Raster,
                         longer: Double) -> (foreground: Raster, background: Raster) {
        let smallAlpha = midAlpha.resized(width: smallLinear.width, height: smallLinear.height)
        let wide = max(1, Int((Double(max(smallLinear.width, smallLinear.height)) * options.wideForegroundFraction).rounded()))
        let wideMeans = ForegroundEstimator.means(foreground: smallLinear, background: smallLinear, alpha: smallAlpha, radius: wide)
        let fWide = wideMeans.foreground.resized(width: midLinear.width, height: midLinear.height)
        let bWide = wideMeans.background.resized(width: midLinear.width, height: midLinear.height)
        if options.backgroundLikenessSlack < 1 {
            let share = smallAlpha.boxBlurred(radius: wide).resized(width: midLinear.width, height: midLinear.height)
            let cap = BackgroundLikeness.cap(image: midLinear, foregroundMean: fWide, backgroundMean: bWide,
                                             alphaShare: share, slack: options.backgroundLikenessSlack)
            // The coarse mask's lower bound gives way to the cap only within `protectedDepth` of its
            // edge: the model's mask runs a few pixels past the hair into bright gaps and walls,
            // but deeper inside (a forehead highlight) it is right.
            let depth = max(1, Int((Double(max(midLinear.width, midLinear.height)) * options.protectedDepthFraction).rounded()))
            var lower = Raster(width: midLinear.width, height: midLinear.height, channels: 1)
            for i in lower.values.indices { lower.values[i] = bounds.values[i * 2] }
            let inner = lower.boxBlurred(radius: depth)
            for i in cap.values.indices {
                let kept = lower.values[i] * min(max((inner.values[i] - 0.85) / 0.15, 0), 1)
                let upper = max(kept, min(bounds.values[i * 2 + 1], cap.values[i]))
                bounds.values[i * 2 + 1] = upper
                bounds.values[i * 2] = min(bounds.values[i * 2], upper)
                midAlpha.values[i] = min(midAlpha.values[i], upper)
            }
        }
        let first = ForegroundEstimator.fuse(image: midLinear, blurredForeground: fWide, blurredBackground: bWide, alpha: midAlpha)
        let narrow = max(1, Int((Double(max(midLinear.width, midLinear.height)) * options.narrowForegroundFraction).rounded()))
        return ForegroundEstimator.means(foreground: first, background: bWide, alpha: midAlpha, radius: narrow)
    }

    /// The photo's first three channels (grey repeated) as a raster.
    static func rgb(of image: Image) -> Raster {
        if image.channels == 3 { return Raster(width: image.width, height: image.height, channels: 3, values: image.pixels) }
        var out = [Float](repeating: 0, count: image.width * image.height * 3)
        let c = image.channels
        for i in 0..<(image.width * image.height) {
            for k in 0..<3 { out[i * 3 + k] = image.pixels[i * c + (c >= 3 ? k : 0)] }
        }
        return Raster(width: image.width, height: image.height, channels: 3, values: out)
    }

    /// sRGB-encoded copy (0...1).
    static func encoded(_ r: Raster) -> Raster {
        Raster(width: r.width, height: r.height, channels: r.channels, values: r.values.map(SRGB.encodeFast))
    }
}

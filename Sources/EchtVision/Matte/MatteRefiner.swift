import EchtImaging
import Foundation

/// Turns the 256×256 selfie mask into a full-resolution alpha matte and foreground colours.
///
/// 1. The photo is area-averaged to a working size (longer edge ≤ `workingSide`) and
///    sRGB-encoded as the guide; the coarse mask is resized to that size and its contrast
///    raised around 0.5 (the model's mask is soft everywhere, not only at the edges).
/// 2. A colour guided filter fits `alpha ≈ a·I + b` locally; `a`, `b` are upsampled and
///    applied to the full-resolution guide, so strands of hair follow the photo.
/// 3. Foreground colour by blur fusion (wide then narrow window); the means are computed at
///    reduced sizes and fused with the photo at full resolution.
public struct MatteRefiner: Sendable {
    /// Tunable parameters.
    public struct Options: Sendable, Equatable {
        /// Longer edge of the working size in pixels.
        public var workingSide: Int = 640
        /// Guided-filter radius as a fraction of the working size's longer edge.
        public var radiusFraction: Double = 1.0 / 80
        /// Guided-filter regularisation (on 0...1 sRGB values); larger is smoother.
        public var epsilon: Float = 1e-3
        /// Gain applied to the coarse mask around 0.5 before filtering: the model is unsure (0.4...0.7)
        /// inside dark clothes and skin; a steep ramp keeps those solid, edges come from the photo.
        public var maskContrast: Float = 6
        /// Wide blur-fusion radius as a fraction of the photo's longer edge.
        public var wideForegroundFraction: Double = 1.0 / 20
        /// Narrow blur-fusion radius as a fraction of the photo's longer edge.
        public var narrowForegroundFraction: Double = 1.0 / 300
        /// Longer edge of the size at which the foreground means are computed.
        public var foregroundSide: Int = 1600
        /// Creates the default options.
        public init() {}
    }

    /// The options in use.
    public let options: Options

    /// Creates a refiner.
    public init(options: Options = Options()) { self.options = options }

    /// The matte of `photo` from its coarse mask (any size, 1 channel, 0...1).
    public func refine(coarseMask: Image, photo: Image) -> PersonMatte {
        let w = photo.width, h = photo.height
        let linear = Self.rgb(of: photo)
        let factor = max(1, Int((Double(max(w, h)) / Double(options.workingSide)).rounded(.up)))
        let smallLinear = linear.areaDownscaled(by: factor)
        let guideSmall = Self.encoded(smallLinear)
        var p = Raster(width: coarseMask.width, height: coarseMask.height, channels: 1, values: coarseMask.pixels)
            .resized(width: guideSmall.width, height: guideSmall.height)
        for i in p.values.indices { p.values[i] = min(max((p.values[i] - 0.5) * options.maskContrast + 0.5, 0), 1) }
        let radius = max(2, Int((Double(max(guideSmall.width, guideSmall.height)) * options.radiusFraction).rounded()))
        let (aSmall, bSmall) = GuidedFilter.coefficients(guide: guideSmall, input: p, radius: radius, epsilon: options.epsilon)
        let a = aSmall.resized(width: w, height: h), b = bSmall.resized(width: w, height: h)
        var alpha = Raster(width: w, height: h, channels: 1)
        alpha.values.withUnsafeMutableBufferPointer { out in
            a.values.withUnsafeBufferPointer { av in
                b.values.withUnsafeBufferPointer { bv in
                    linear.values.withUnsafeBufferPointer { lin in
                        SRGB.table.withUnsafeBufferPointer { table in
                            for i in 0..<(w * h) {
                                var v = bv[i]
                                for k in 0..<3 {
                                    let x = min(max(lin[i * 3 + k], 0), 1) * 4096
                                    let j = min(Int(x), 4095), f = x - Float(j)
                                    v += av[i * 3 + k] * (table[j] * (1 - f) + table[j + 1] * f)
                                }
                                out[i] = min(max(v, 0), 1)
                            }
                        }
                    }
                }
            }
        }
        let foreground = estimateForeground(linear: linear, smallLinear: smallLinear, alpha: alpha)
        return PersonMatte(alpha: Image(width: w, height: h, channels: 1, pixels: alpha.values),
                           foreground: Image(width: w, height: h, channels: 3, pixels: foreground.values))
    }

    /// Blur fusion. The local means are smooth, so both steps run at reduced sizes (the wide
    /// one at working size, the narrow one at ≤ `foregroundSide`); only the final fusion with
    /// the photo runs at full resolution.
    func estimateForeground(linear: Raster, smallLinear: Raster, alpha: Raster) -> Raster {
        let longer = Double(max(linear.width, linear.height))
        let midFactor = max(1, Int((longer / Double(options.foregroundSide)).rounded(.up)))
        let midLinear = linear.areaDownscaled(by: midFactor), midAlpha = alpha.areaDownscaled(by: midFactor)
        let smallAlpha = alpha.resized(width: smallLinear.width, height: smallLinear.height)
        let smallScale = Double(smallLinear.width) / Double(linear.width)
        let wide = max(1, Int((longer * options.wideForegroundFraction * smallScale).rounded()))
        let wideMeans = ForegroundEstimator.means(foreground: smallLinear, background: smallLinear, alpha: smallAlpha, radius: wide)
        let fWide = wideMeans.foreground.resized(width: midLinear.width, height: midLinear.height)
        let bWide = wideMeans.background.resized(width: midLinear.width, height: midLinear.height)
        let first = ForegroundEstimator.fuse(image: midLinear, blurredForeground: fWide, blurredBackground: bWide, alpha: midAlpha)
        let narrow = max(1, Int((longer * options.narrowForegroundFraction / Double(midFactor)).rounded()))
        let narrowMeans = ForegroundEstimator.means(foreground: first, background: bWide, alpha: midAlpha, radius: narrow)
        if midFactor == 1 {
            return ForegroundEstimator.fuse(image: linear, blurredForeground: narrowMeans.foreground, blurredBackground: narrowMeans.background, alpha: alpha)
        }
        return ForegroundEstimator.fuse(image: linear, blurredForeground: narrowMeans.foreground.resized(width: linear.width, height: linear.height),
                                        blurredBackground: narrowMeans.background.resized(width: linear.width, height: linear.height), alpha: alpha)
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

/// A similarity transform (uniform scale, rotation, translation) from output pixels to source
/// pixels — the only geometry the studio ever applies to a photo.
///
/// `source = scale * R(angle) * output + translation`, where `R` rotates counter-clockwise in
/// a y-down frame by `angle` radians. Pixel coordinates are continuous with the origin at the
/// top-left corner of the top-left pixel, so the centre of pixel (i, j) is (i + 0.5, j + 0.5).
public struct SimilarityTransform: Sendable, Equatable, Codable {
    /// Source pixels per output pixel (> 1 means the output is smaller than the source).
    public var scale: Double
    /// Rotation in radians applied to output coordinates before scaling.
    public var angle: Double
    /// Source position of the output origin.
    public var translationX: Double
    /// Source position of the output origin.
    public var translationY: Double

    /// Creates a transform from its parameters.
    public init(scale: Double, angle: Double, translationX: Double, translationY: Double) {
        self.scale = scale; self.angle = angle
        self.translationX = translationX; self.translationY = translationY
    }

    /// The identity: output pixels are source pixels.
    public static let identity = SimilarityTransform(scale: 1, angle: 0, translationX: 0, translationY: 0)

    /// Maps an output point to the source photo.
    public func sourcePoint(_ p: SIMD2<Double>) -> SIMD2<Double> {
        let c = cos(angle) * scale, s = sin(angle) * scale
        return SIMD2(c * p.x - s * p.y + translationX, s * p.x + c * p.y + translationY)
    }

    /// Maps a source point into the output.
    public func outputPoint(_ p: SIMD2<Double>) -> SIMD2<Double> {
        let dx = p.x - translationX, dy = p.y - translationY
        let c = cos(angle) / scale, s = sin(angle) / scale
        return SIMD2(c * dx + s * dy, -s * dx + c * dy)
    }

    /// Float convenience for `sourcePoint`.
    public func sourcePoint(_ p: SIMD2<Float>) -> SIMD2<Float> {
        let q = sourcePoint(SIMD2<Double>(Double(p.x), Double(p.y)))
        return SIMD2(Float(q.x), Float(q.y))
    }

    /// Float convenience for `outputPoint`.
    public func outputPoint(_ p: SIMD2<Float>) -> SIMD2<Float> {
        let q = outputPoint(SIMD2<Double>(Double(p.x), Double(p.y)))
        return SIMD2(Float(q.x), Float(q.y))
    }

    /// The transform that first applies `inner` (output → intermediate) and then `self`
    /// (intermediate → source): output → source.
    public func composed(with inner: SimilarityTransform) -> SimilarityTransform {
        let origin = sourcePoint(SIMD2(inner.translationX, inner.translationY))
        return SimilarityTransform(scale: scale * inner.scale, angle: angle + inner.angle,
                                   translationX: origin.x, translationY: origin.y)
    }

    /// The rotation in degrees, counter-clockwise positive in the y-down frame.
    public var angleDegrees: Double { angle * 180 / .pi }
}

#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

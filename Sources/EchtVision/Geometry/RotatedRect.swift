import Foundation

/// A rotated rectangle in image pixels: the region a model looks at (MediaPipe's "ROI").
///
/// Rotation is in radians; with y pointing down, a positive angle turns clockwise on screen.
/// The point at normalised offset (u, v) ∈ [-0.5, 0.5]² from the centre is
/// `center + R(rotation) · (u·width, v·height)`.
public struct RotatedRect: Sendable, Equatable {
    /// Centre in continuous pixel coordinates.
    public var center: SIMD2<Double>
    /// Width in pixels (along the rotated x axis).
    public var width: Double
    /// Height in pixels (along the rotated y axis).
    public var height: Double
    /// Rotation in radians, clockwise on screen.
    public var rotation: Double

    /// Creates a rotated rectangle.
    public init(center: SIMD2<Double>, width: Double, height: Double, rotation: Double = 0) {
        self.center = center; self.width = width; self.height = height; self.rotation = rotation
    }

    /// A square of side `side` centred at `center`.
    public init(center: SIMD2<Double>, side: Double, rotation: Double = 0) {
        self.init(center: center, width: side, height: side, rotation: rotation)
    }

    /// The image point at normalised rectangle coordinates (u, v) ∈ [0, 1]², (0, 0) = top-left corner.
    @inlinable
    public func imagePoint(u: Double, v: Double) -> SIMD2<Double> {
        let lx = (u - 0.5) * width, ly = (v - 0.5) * height
        let c = cos(rotation), s = sin(rotation)
        return SIMD2(center.x + c * lx - s * ly, center.y + s * lx + c * ly)
    }

    /// The inverse of `imagePoint`: normalised rectangle coordinates of an image point.
    public func normalizedPoint(_ p: SIMD2<Double>) -> SIMD2<Double> {
        let d = p - center
        let c = cos(rotation), s = sin(rotation)
        return SIMD2((c * d.x + s * d.y) / width + 0.5, (-s * d.x + c * d.y) / height + 0.5)
    }

    /// Wraps an angle into [-π, π), as MediaPipe's `NormalizeRadians`.
    public static func normalizeRadians(_ angle: Double) -> Double {
        angle - 2 * Double.pi * ((angle + Double.pi) / (2 * Double.pi)).rounded(.down)
    }

    /// The rotation that turns the line `from → to` horizontal (MediaPipe's ROI rotation).
    public static func rotation(from p0: SIMD2<Double>, to p1: SIMD2<Double>) -> Double {
        normalizeRadians(-atan2(-(p1.y - p0.y), p1.x - p0.x))
    }
}

import Foundation

/// A 2-D affine map `(x, y) → (a·x + b·y + tx, c·x + d·y + ty)` in continuous pixel
/// coordinates, where pixel (i, j) covers the square from (i, j) to (i + 1, j + 1) and its
/// centre is at (i + 0.5, j + 0.5). Only rigid motion plus uniform scale is needed by Echt,
/// but any invertible map works.
public struct AffineTransform: Sendable, Equatable, Codable {
    /// The linear part (row by row: `a b` over `c d`) and the translation `(tx, ty)`, as in the
    /// formula above.
    public var a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double

    /// Creates a map from its six coefficients.
    public init(a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double) {
        (self.a, self.b, self.c, self.d, self.tx, self.ty) = (a, b, c, d, tx, ty)
    }

    /// The map that changes nothing.
    public static let identity = AffineTransform(a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0)

    /// A shift by (x, y).
    public static func translation(x: Double, y: Double) -> AffineTransform {
        AffineTransform(a: 1, b: 0, c: 0, d: 1, tx: x, ty: y)
    }

    /// A uniform scale about the origin.
    public static func scale(_ factor: Double) -> AffineTransform {
        AffineTransform(a: factor, b: 0, c: 0, d: factor, tx: 0, ty: 0)
    }

    /// A rotation about the origin by `radians`, clockwise on screen (y points down).
    /// Sines and cosines within 1e-12 of -1, 0 or 1 are snapped, so quarter turns are exact.
    public static func rotation(radians: Double) -> AffineTransform {
        func snapped(_ value: Double) -> Double {
            for exact in [-1.0, 0, 1] where abs(value - exact) < 1e-12 { return exact }
            return value
        }
        let cosine = snapped(cos(radians)), sine = snapped(sin(radians))
        return AffineTransform(a: cosine, b: -sine, c: sine, d: cosine, tx: 0, ty: 0)
    }

    /// This map followed by `next`.
    public func concatenating(_ next: AffineTransform) -> AffineTransform {
        AffineTransform(
            a: next.a * a + next.b * c, b: next.a * b + next.b * d,
            c: next.c * a + next.d * c, d: next.c * b + next.d * d,
            tx: next.a * tx + next.b * ty + next.tx, ty: next.c * tx + next.d * ty + next.ty)
    }

    /// The inverse map, or `nil` when the map collapses area (determinant near zero).
    public var inverted: AffineTransform? {
        let determinant = a * d - b * c
        guard abs(determinant) > 1e-12 else { return nil }
        let ia = d / determinant, ib = -b / determinant, ic = -c / determinant, id = a / determinant
        return AffineTransform(a: ia, b: ib, c: ic, d: id, tx: -(ia * tx + ib * ty), ty: -(ic * tx + id * ty))
    }

    /// Maps a point.
    public func apply(x: Double, y: Double) -> (x: Double, y: Double) {
        (a * x + b * y + tx, c * x + d * y + ty)
    }

    /// The map used for framing: the source point `centre` lands in the middle of an
    /// `outputWidth` x `outputHeight` image, turned by `radians` (clockwise) and scaled by
    /// `scale` output pixels per source pixel.
    public static func framing(centre: (x: Double, y: Double), radians: Double, scale: Double,
                               outputWidth: Int, outputHeight: Int) -> AffineTransform {
        translation(x: -centre.x, y: -centre.y)
            .concatenating(rotation(radians: radians))
            .concatenating(.scale(scale))
            .concatenating(translation(x: Double(outputWidth) / 2, y: Double(outputHeight) / 2))
    }
}

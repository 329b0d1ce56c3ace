/// Whether a background colour could be the person's own colour in shadow.
///
/// Shading scales a colour towards black in linear light, so a fold of a navy sweater in
/// shadow lies on the line from the sweater's colour to black, exactly where a mix of the
/// sweater and a black background lies. Where the background colour sits on that ray (a dark
/// background behind lighter clothes of a similar hue), colour cannot say whether a darker
/// pixel is background or shadowed person; a brighter or differently hued background (sky,
/// a light wall) lies far from the ray, and there colour decides.
enum Shading {
    /// 1 where `background` lies on the ray from black to `person` (linear RGB) within a quarter
    /// of their distance, falling to 0 at half their distance; 0 where the background is brighter.
    static func ambiguity(person f: SIMD3<Float>, background b: SIMD3<Float>) -> Float {
        let f2 = (f * f).sum()
        guard f2 > 1e-10 else { return 0 }
        let t = min(max((b * f).sum() / f2, 0), 1)
        let offRay = b - t * f, apart = f - b
        let ratio = ((offRay * offRay).sum() / max((apart * apart).sum(), 1e-12)).squareRoot()
        return min(max(2 - 4 * ratio, 0), 1)
    }
}

extension Framing {
    /// How far apart two frames may lie and still count as one (`isSameFrame`): the fitting
    /// tightens a frame the photo's edge cuts in steps of 2 % (`FrameFit`), so two styles that
    /// the same edge stopped land up to one step apart.
    static let sameFrameTolerance = 0.025

    /// Whether `other` frames the same picture as this one: the same output size and rotation,
    /// a scale within `sameFrameTolerance` and a top-left corner within 2 % of the frame's height.
    /// It happens when the photo's edges decide the frame for several framing styles (a
    /// portrait cut at the shoulders leaves a looser style no more room than the standard one);
    /// the studio then frames the photo once for all of them.
    public func isSameFrame(as other: Framing) -> Bool {
        guard width == other.width, height == other.height, abs(levelDegrees - other.levelDegrees) < 1e-6 else { return false }
        let a = transform, b = other.transform
        guard abs(a.scale / b.scale - 1) <= Self.sameFrameTolerance else { return false }
        let dx = a.translationX - b.translationX, dy = a.translationY - b.translationY
        return (dx * dx + dy * dy).squareRoot() <= 0.02 * Double(height) * a.scale
    }
}

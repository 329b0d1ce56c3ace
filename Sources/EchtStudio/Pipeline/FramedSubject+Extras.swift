import EchtImaging

/// What some looks read beside the framed person, made once per frame: the reduced photo a
/// defocused backdrop blurs and the painted canvas's mottle.
extension FramedSubject {
    /// This subject with the surroundings each defocused backdrop among `looks` (those it
    /// serves) reads, made from `image`: rendering those looks needs the photo no more.
    func addingSurroundings(for looks: [Look], from image: Image) -> FramedSubject {
        var out = self
        Self.makeSurroundings(for: looks.filter { serves($0.framing) }, framing: framing, from: image, into: &out.surroundings)
        return out
    }

    /// This subject with the canvas mottle its painted canvas looks among `looks` (those it
    /// serves) read, sampled once for all of them.
    func addingCanvasNoise(for looks: [Look]) -> FramedSubject {
        guard let noise = Self.canvasNoise(for: looks.filter { serves($0.framing) }, framing: framing) else { return self }
        var out = self
        out.canvasNoise = noise
        return out
    }

    /// This subject with `extras` made ahead for its looks (`extras(for:framing:from:)`), which
    /// need only the frame, not the framed person: the studio makes them beside the framing.
    func adding(_ extras: (surroundings: [Int: FramedPhoto], canvasNoise: CanvasNoise?)) -> FramedSubject {
        var out = self
        out.surroundings.merge(extras.surroundings) { own, _ in own }
        out.canvasNoise = out.canvasNoise ?? extras.canvasNoise
        return out
    }

    /// The surroundings and canvas mottle `looks` read in `framing` (see `addingSurroundings`
    /// and `addingCanvasNoise`), made from `image`.
    static func extras(for looks: [Look], framing: Framing, from image: Image) -> (surroundings: [Int: FramedPhoto], canvasNoise: CanvasNoise?) {
        var surroundings: [Int: FramedPhoto] = [:]
        makeSurroundings(for: looks, framing: framing, from: image, into: &surroundings)
        return (surroundings, canvasNoise(for: looks, framing: framing))
    }

    /// The photo through `framing` at each reduction a defocused backdrop among `looks` blurs,
    /// added to `made` where missing.
    private static func makeSurroundings(for looks: [Look], framing: Framing, from image: Image, into made: inout [Int: FramedPhoto]) {
        for look in looks where look.backdrop.kind == .defocus {
            let factor = StudioPipeline.defocusFactor(blur: look.backdrop.blur, height: framing.height)
            if made[factor] == nil {
                made[factor] = FramedPhoto(image, transform: framing.transform, width: framing.width,
                                           height: framing.height, factor: factor)
            }
        }
    }

    /// The canvas mottle of `framing`'s size, when a painted canvas look among `looks` reads one.
    private static func canvasNoise(for looks: [Look], framing: Framing) -> CanvasNoise? {
        guard looks.contains(where: { $0.backdrop.kind == .canvas && $0.backdrop.mottle > 0 }) else { return nil }
        return CanvasNoise(width: framing.width, height: framing.height, every: BackdropRenderer.paintedReduction)
    }
}

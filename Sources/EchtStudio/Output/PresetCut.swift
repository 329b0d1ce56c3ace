import EchtImaging

/// Cuts a preset size from a finished headshot: the largest box of the preset's aspect that
/// fits, centred on the face midline with the eye line where the preset wants it, then
/// downscaled (`PresetResampler`: the pixels of `Warp.render`). A preset larger than the pixels
/// available is skipped with a note, never upscaled.
enum PresetCut {
    struct Skipped: Error { let message: String }

    static func cut(_ preset: OutputPreset, from headshot: Image, eyeY: Double, framing: Framing) -> Result<PresetImage, Skipped> {
        let aspect = Double(preset.width) / Double(preset.height)
        let w = Double(headshot.width), h = Double(headshot.height)
        let boxHeight = min(eyeY / preset.eyeLine, (h - eyeY) / (1 - preset.eyeLine), w / aspect, h)
        let scale = boxHeight / Double(preset.height)
        guard scale >= 0.999 else {
            return .failure(Skipped(message: "Skipped \(preset.name) (\(preset.width)×\(preset.height)): the photo holds only "
                + "\(Int(boxHeight * aspect))×\(Int(boxHeight)) px there; it was not upscaled."))
        }
        let inner = SimilarityTransform(scale: scale, angle: 0, translationX: (w - boxHeight * aspect) / 2,
                                        translationY: eyeY - preset.eyeLine * boxHeight)
        let image = PresetResampler.render(headshot, transform: inner, width: preset.width, height: preset.height)
        return .success(PresetImage(preset: preset, image: image, transform: framing.transform.composed(with: inner)))
    }
}

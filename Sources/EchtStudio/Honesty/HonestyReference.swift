import EchtImaging

/// The input's side of the honesty measures for one framed subject: the skin texture of the
/// framed photo, the photo rendered for the geometry registration, and what of the frame the
/// photo covers. All depend on the photo and the framing only, so they are found once per
/// framing and every look sharing it reads them; each look's output side is still measured on
/// its own headshot (`measure(headshot:skin:)`).
struct HonestyReference: Sendable {
    /// The skin mask's bounding box (above 0.5), in output pixels; nil when there is no skin.
    let skinBox: (x0: Int, y0: Int, x1: Int, y1: Int)?
    /// The blur, in output pixels, that separates skin texture from tone.
    let textureSigma: Float
    /// High-frequency skin energy of the framed foreground: the texture every look starts from.
    let inputTexture: Double
    /// The registration's input side; nil when the face is too small or empty to register.
    let registration: GeometryRegistration.Reference?
    /// Whether every pixel with person coverage comes from the photo.
    let onlyBackdropGenerated: Bool
    /// Share of the frame that is generated backdrop.
    let generatedShare: Double

    /// The blur of the texture measure for a face `faceWidth` output pixels wide.
    static func textureSigma(faceWidth: Float) -> Float { max(0.6, faceWidth * 0.01) }
    /// The detail scale of the geometry registration for a face `faceWidth` output pixels wide.
    static func detailSigma(faceWidth: Float) -> Float { max(1.5, faceWidth * 0.02) }

    /// Measures the input's side for a subject framed through `transform` from `image`.
    /// - Parameters:
    ///   - foreground: the framed person's colours, before any look.
    ///   - alpha: the framed person matte; `inside`: the output pixels that lie in the photo.
    @inline(never) // out of line (as `measure`), so profiles show the honesty stage by name
    init(image: Image, transform: SimilarityTransform, foreground: Image, alpha: Image, inside: InsideRows,
         masks: FaceMasks, faceWidth: Float) {
        let sigma = Self.textureSigma(faceWidth: faceWidth), box = masks.skin.boundingBox(above: 0.5)
        textureSigma = sigma
        skinBox = box
        // The registration (the larger part, so the calling worker takes it) and the texture read
        // different things: they run at once.
        (registration, inputTexture) = Concurrently.run({
            GeometryRegistration.reference(input: image, transform: transform, face: masks.face,
                                           detailSigma: Self.detailSigma(faceWidth: faceWidth))
        }, {
            box.map { box in
                let window = HonestyMeasures.textureWindow(box: box, sigma: sigma, width: foreground.width, height: foreground.height)
                return HonestyMeasures.highFrequencyEnergy(LogLuminance(foreground, window: window), window: window,
                                                           mask: masks.skin, box: box, sigma: sigma)
            } ?? 0
        })
        (onlyBackdropGenerated, generatedShare) = HonestyMeasures.provenance(alpha: alpha, inside: inside)
    }

    /// The output's side, measured on `headshot`: its high-frequency skin energy (as
    /// `HonestyMeasures.highFrequencyEnergy` with the `skin` mask this was made with) and the
    /// displacement of its face (as `GeometryRegistration.displacement`). The log luminance both
    /// read is formed once, over the face.
    @inline(never) // out of line, so profiles show the honesty stage by name
    func measure(headshot: Image, skin: BoxedPlane) -> (texture: Double, geometryError: Double?) {
        let textureWindow = skinBox.map {
            HonestyMeasures.textureWindow(box: $0, sigma: textureSigma, width: headshot.width, height: headshot.height)
        }
        let windows = [textureWindow, registration?.window].compactMap { $0 }
        guard let first = windows.first else { return (0, nil) }
        let plane = LogLuminance(headshot, window: windows.dropFirst().reduce(first) { $0.union($1) })
        var texture = 0.0
        if let box = skinBox, let window = textureWindow {
            texture = HonestyMeasures.highFrequencyEnergy(plane, window: window, mask: skin, box: box, sigma: textureSigma)
        }
        let geometry = registration.flatMap { reference in
            let moved = GeometryRegistration.detail(plane, over: reference.window, sigma: reference.detailSigma)
            return GeometryRegistration.displacement(moved: moved, reference: reference)
        }
        return (texture, geometry)
    }
}

import EchtImaging
import EchtVision
import Foundation

/// The studio: one photo, its analysis and a look in; one finished headshot out.
///
/// The fixed order of stages, documented here only:
/// 1. **frame** — `Framing.headAndShoulders` from the mesh; the photo, the matte and the
///    foreground estimate are rendered through that one similarity transform.
/// 2. **balance** — exposure and white balance measured on the skin (`SkinBalance`).
/// 3. **light** — the mesh-shaped key/fill (`MeshLight`), on the person only.
/// 4. **retouch** — frequency-separated skin evenness, eye whites, teeth (`Retouch`).
/// 5. **grade** — clarity and the look's grade (`ColourGrade`), on the person.
/// 6. **backdrop + composite** — the backdrop (`BackdropRenderer`) and the person over it in
///    linear light with light wrap (`Composite`). Painted backdrops are already in their final
///    colours; a defocused original background gets the person's white balance and grade, and
///    their exposure only as far as a plain near-neutral wall stays light grey (`SkinBalance`).
/// 7. **measure** — the honesty report; **sizes** — presets cut from the headshot.
public enum StudioPipeline {
    /// Renders `face` (one of `analysis.faces`) from `image` (linear RGB or RGBA) in `look`.
    public static func render(image: Image, analysis: StudioAnalysis, face: Face, look: Look,
                              options: StudioOptions = .init()) throws(StudioError) -> StudioResult {
        let framed = try frame(image: image, analysis: analysis, face: face, style: look.framing, sourceName: options.sourceName)
        return try render(image: image, framed: framed, face: face, look: look, options: options)
    }

    /// Renders `look` from a subject already framed by `frame(image:analysis:face:style:sourceName:)`
    /// with `look.framing`; looks sharing a framing style can share `framed`.
    public static func render(image: Image, framed: FramedSubject, face: Face, look: Look,
                              options: StudioOptions = .init()) throws(StudioError) -> StudioResult {
        try render(photo: { image }, framed: framed, face: face, look: look, options: options)
    }

    /// `render(image:framed:face:look:options:)`, reading the photo only where it must: for a
    /// defocused backdrop `framed` has no surroundings for (`FramedSubject.addingSurroundings`)
    /// and for input landmarks `options` lacks. The studio session lets the photo go after the
    /// framings this way.
    static func render(photo: () throws(StudioError) -> Image, framed: FramedSubject, face: Face, look: Look,
                       options: StudioOptions) throws(StudioError) -> StudioResult {
        let (result, check) = try renderUnchecked(photo: photo, framed: framed, face: face, look: look, options: options)
        guard let check, let verifier = options.verifier else { return result }
        return check.applied(check.run(verifier: verifier), to: result)
    }

    /// `render(photo:framed:face:look:options:)` but for its landmark check, which comes back to be
    /// run apart (nil without a verifier in `options`); the result's landmark errors are nil until
    /// it is applied.
    static func renderUnchecked(photo: () throws(StudioError) -> Image, framed: FramedSubject, face: Face, look: Look,
                                options: StudioOptions) throws(StudioError) -> (StudioResult, LandmarkCheck?) {
        precondition(framed.style == look.framing, "the subject was framed for another framing style")
        guard let mesh = face.landmarks else { throw .missingLandmarks(options.sourceName) }
        let started = Date()
        let framing = framed.framing, t = framing.transform, w = framing.width, h = framing.height
        let alpha = framed.alpha, framedForeground = framed.foreground
        let outMesh = framed.mesh, masks = framed.masks, faceWidth = framed.faceWidth
        // 2–5. Balance, light, retouch, grade — on the person.
        Trace.mark("  framed", since: started)
        // Measured once per framing (`FramedSubject.balance`): the same for every look.
        let balance = look.light.autoBalance ? framed.balance : .neutral
        var person = MeshLight.lit(framedForeground, balance: balance.gains, mesh: outMesh,
                                   alpha: alpha, light: look.light)
        Trace.mark("  balance+light", since: started)
        person = Retouch.apply(look.retouch, image: consume person, masks: masks, faceWidth: faceWidth)
        Trace.mark("  retouch", since: started)
        person = ColourGrade.apply(look.grade, clarity: look.light.clarity, mask: alpha, to: consume person)

        Trace.mark("  clarity+grade", since: started)
        // 6. Backdrop and composite.
        let eyes = (MeshRegions.rightEyeCentre(outMesh) + MeshRegions.leftEyeCentre(outMesh)) / 2
        var backdrop: ReducedImage
        // Generated backdrop: all of it for a painted one; for the photo's own, what was filled.
        var generatedShare = framed.honesty.generatedShare
        if look.backdrop.kind == .defocus {
            let factor = defocusFactor(blur: look.backdrop.blur, height: h)
            let source: FramedPhoto
            if let made = framed.surroundings[factor] { source = made } else {
                source = FramedPhoto(try photo(), transform: t, width: w, height: h, factor: factor)
            }
            (backdrop, generatedShare) = defocusedSurroundings(source: source, alpha: alpha, factor: factor, width: w, height: h,
                                                               blur: look.backdrop.blur) { ColourGrade.apply(look.grade, to: balance.applyToSurroundings($0)) }
        } else {
            backdrop = BackdropRenderer.reduced(look.backdrop, width: w, height: h, subject: eyes, light: look.light,
                                               noise: framed.canvasNoise)
        }
        if look.backdrop.kind != .defocus, look.grade.monochrome {
            backdrop = backdrop.mapped { ColourGrade.apply(Grade(saturation: 0, contrast: 0, monochrome: true), to: $0) }
        }
        Trace.mark("  backdrop", since: started)
        let headshot = Composite.over(foreground: person, alpha: alpha, backdrop: backdrop, wrap: 0.3, softAlpha: framed.softAlpha)

        Trace.mark("  stages", since: started)
        // 7. Measure: the input's side came with the framing (`HonestyReference`) and, per face,
        // with the options; the output's side is measured on this headshot.
        let reference = framed.honesty
        let (textureOut, geometryError) = reference.measure(headshot: headshot, skin: masks.skin)
        let advice = options.advice.first { $0.face == face }
        var notes = options.photoNotes + (advice?.notes ?? []) + framing.notes
        // The landmark check of the output (below) runs after this returns; the input's side is
        // found here when `options` lacks it.
        var check: LandmarkCheck?
        if let verifier = options.verifier {
            let input: InputLandmarks
            if let found = options.inputLandmarks.first(where: { $0.expected == mesh }) { input = found } else {
                input = InputLandmarks(image: try photo(), expected: mesh, verifier: verifier)
            }
            check = LandmarkCheck(input: input, outMesh: outMesh, transform: t, headshot: headshot, notesIndex: notes.count)
        }
        Trace.mark("  measure", since: started)
        let honesty = HonestyReport(landmarkErrorMean: nil, landmarkErrorMax: nil,
                                    landmarkLimit: HonestyReport.landmarkLimit(faceSize: Double(face.detection.box.height)),
                                    geometryError: geometryError,
                                    skinTextureKept: reference.inputTexture > 0 ? textureOut / reference.inputTexture : 1,
                                    onlyBackdropGenerated: reference.onlyBackdropGenerated, generatedShare: generatedShare)

        // Sizes.
        var presets: [PresetImage] = []
        for preset in options.presets {
            switch PresetCut.cut(preset, from: headshot, eyeY: Double(eyes.y), framing: framing) {
            case let .success(cut): presets.append(cut)
            case let .failure(note): notes.append(note.message)
            }
        }
        var edits = EditRecord.actions(look: look, framing: framing, balance: balance, source: options.sourceName,
                                       generatedShare: generatedShare)
        edits.insert(contentsOf: options.photoEdits, at: 1)
        let result = StudioResult(look: look, framing: framing, headshot: headshot,
                                  cutout: Cutout.make(person: person, alpha: alpha), presets: presets,
                                  honesty: honesty, edits: edits, notes: notes, balance: balance, advice: advice?.issues ?? [])
        return (result, check)
    }

    /// The photo's own surroundings, defocused, balanced and graded by `finish`, and the share of
    /// the frame made up where the background shows: the fill's part of each pixel (person's
    /// place, past the photo's edge) times how much backdrop the pixel shows (1 − alpha). Everything
    /// here is blurred by at least the backdrop's blur, so it is computed and kept at a fraction of
    /// the output size (`defocusFactor`); compositing upsamples it.
    static func defocusedSurroundings(source photo: FramedPhoto, alpha: Image, factor: Int, width w: Int, height h: Int,
                                      blur: Float, finish: (Image) -> Image) -> (backdrop: ReducedImage, madeUpShare: Double) {
        let sh = (h + factor - 1) / factor
        let smallAlpha = factor > 1 ? Warp.downsampleBox(alpha, factor: factor) : alpha
        let (plate, madeUp) = BackdropRenderer.defocusWithFill(.init(image: photo.image, alpha: smallAlpha, inside: photo.inside),
                                                               radiusFraction: blur * Float(h) / Float(sh * factor))
        var made = 0.0
        for i in madeUp.pixels.indices { made += Double(madeUp.pixels[i] * (1 - min(1, max(0, smallAlpha.pixels[i])))) }
        return (ReducedImage(small: finish(plate), factor: factor, width: w, height: h), made / Double(max(1, madeUp.pixels.count)))
    }

    /// The reduction of a defocused backdrop `blur` (of the frame height `h`) is made at: never
    /// finer than a tenth of the blur, at most 4.
    static func defocusFactor(blur: Float, height h: Int) -> Int {
        min(max(Int(max(1, blur * Float(h)) / 10), 1), 4)
    }

    /// The least share of the face the matte must cover before the backdrop is replaced.
    public static let minimumFaceCoverage = 0.85

    /// Mean matte coverage inside the face oval.
    static func faceCoverage(alpha: Image, face: BoxedPlane) -> Double {
        precondition(alpha.width == face.frameWidth && alpha.height == face.frameHeight, "the matte and the face mask share the frame")
        guard let samples = face.samples else { return 0 }
        // The face mask is zero outside its box, so the box's rows in order give the whole frame's sums.
        var covered = 0.0, total = 0.0
        let w = samples.width
        for y in 0..<samples.height {
            let row = (face.y0 + y) * alpha.width + face.x0
            for x in 0..<w where samples.pixels[y * w + x] > 0.5 {
                covered += Double(alpha.pixels[row + x]); total += 1
            }
        }
        return total > 0 ? covered / total : 0
    }

    /// Chooses a face: `index` counts from 1 in largest-first order; nil means the largest.
    public static func chooseFace(in analysis: StudioAnalysis, index: Int?, sourceName: String) throws(StudioError) -> Face {
        let faces = analysis.facesBySize
        guard !faces.isEmpty else { throw .noFace(sourceName) }
        guard let index else { return faces[0] }
        guard (1...faces.count).contains(index) else { throw .faceOutOfRange(index: index, count: faces.count, file: sourceName) }
        return faces[index - 1]
    }
}

import EchtImaging
import EchtVision
import Testing
@testable import EchtStudio

/// Finds "landmarks" exactly where they are expected on the input and shifted by `shift` on an
/// output: stands in for the vision stack so the geometry check's arithmetic can be tested.
struct ShiftedVerifier: FaceVerifier {
    /// The input photo's size: there the face is found exactly where expected.
    let inputWidth: Int, inputHeight: Int
    let shift: SIMD2<Float>
    func landmarks(in image: Image, expected: FaceLandmarks) throws -> FaceLandmarks? {
        if image.width == inputWidth && image.height == inputHeight { return expected }
        return expected.mapped(depthScale: 1) { $0 + shift }
    }
}

/// Finds "landmarks" `offset` input pixels away from where they are expected, on the input and
/// on an output alike.
struct OffsetVerifier: FaceVerifier {
    let inputWidth: Int, inputHeight: Int
    let transform: SimilarityTransform
    let offset: SIMD2<Float>
    func landmarks(in image: Image, expected: FaceLandmarks) throws -> FaceLandmarks? {
        if image.width == inputWidth && image.height == inputHeight { return expected.mapped(depthScale: 1) { $0 + offset } }
        return expected.mapped(depthScale: 1) { transform.outputPoint(transform.sourcePoint($0) + offset) }
    }
}

@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct StudioPipelineTests {
    @Test(arguments: Look.builtIn.keys.sorted())
    func everyLookKeepsTextureAndGeneratesOnlyBackdrop(_ name: String) throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let result = try StudioPipeline.render(image: image, analysis: analysis, face: analysis.faces[0], look: Look.builtIn[name]!)
        #expect(result.honesty.skinTextureKept >= HonestyReport.minTextureKept, "\(name): \(result.honesty.skinTextureKept)")
        #expect(result.honesty.onlyBackdropGenerated)
        #expect(result.headshot.width == result.framing.width && result.cutout.channels == 4)
        #expect(result.edits.first?.action == "c2pa.opened")
        #expect(result.edits.filter { $0.digitalSourceType != nil }.map(\.action) == ["c2pa.edited"])
        #expect(result.headshot.pixels.allSatisfy { $0.isFinite && $0 >= 0 })
    }

    /// The generated share counts what is made up: all of a painted backdrop, but of the
    /// photo's own background only what was filled (the astronaut's natural look keeps its frame
    /// inside the photo, so only the person's soft edge is filled; the relaxed look's blur spreads
    /// the fill of her place).
    @Test func theGeneratedShareCountsOnlyWhatWasMadeUp() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        func share(_ name: String) throws -> Double {
            let result = try StudioPipeline.render(image: image, analysis: analysis, face: analysis.faces[0], look: Look.builtIn[name]!)
            #expect(result.edits.contains { $0.parameters["generatedShare"] == String(format: "%.4f", result.honesty.generatedShare) })
            return result.honesty.generatedShare
        }
        let painted = try share("professional"), natural = try share("natural"), relaxed = try share("relaxed")
        #expect(painted > 0.3, "\(painted)")
        #expect(natural > 0 && natural < 0.1 * painted, "natural \(natural) against painted \(painted)")
        #expect(relaxed > natural && relaxed < painted, "relaxed \(relaxed)")
    }

    @Test func thePersonIsThePhotoWhereNothingIsAdjusted() throws {
        // A look with every adjustment off: person pixels must equal the framed photo's foreground.
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        var look = Look(name: "plain", backdrop: BackdropStyle(kind: .solid, colour: .init(hex: 0), mottle: 0, vignette: 0, glow: 0),
                        light: LightStyle(key: 0, clarity: 0, autoBalance: false), grade: Grade(contrast: 0),
                        retouch: RetouchStyle(strength: .none, eyesAndTeeth: false))
        look.framing.fit = .tight
        let r = try StudioPipeline.render(image: image, analysis: analysis, face: analysis.faces[0], look: look)
        let fg = Warp.render(analysis.mattes[0]!.foreground.rgb, transform: r.framing.transform, width: r.framing.width, height: r.framing.height)
        let eyes = r.framing.transform.outputPoint(MeshRegions.rightEyeCentre(analysis.faces[0].landmarks!))
        let (x, y) = (Int(eyes.x), Int(eyes.y) + 8)
        for c in 0..<3 { #expect(abs(r.cutout[x, y, c] - fg[x, y, c]) < 2e-3) }
    }

    @Test(arguments: [Float(0), 0.4])
    func landmarkErrorIsMeasuredAtInputScale(_ shift: Float) throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let mesh = analysis.faces[0].landmarks!
        let look = Look.builtIn["professional"]!
        let framing = Framing.headAndShoulders(face: mesh, sourceWidth: 512, sourceHeight: 512, matte: analysis.mattes[0]!.alpha, style: look.framing)
        let t = framing.transform
        let verifier = ShiftedVerifier(inputWidth: image.width, inputHeight: image.height, shift: SIMD2(shift, 0))
        let r = try StudioPipeline.render(image: image, analysis: analysis, face: analysis.faces[0], look: look,
                                          options: .init(verifier: verifier))
        let expected = Double(shift) * t.scale
        #expect(abs(r.honesty.landmarkErrorMean! - expected) < 1e-3)
        #expect(r.honesty.passed == (expected <= 1))
    }

    /// The mesh's own placement (the same few pixels off on the input and on the output, as a
    /// face the model fits less surely can be) is no geometry change: the check compares the
    /// output with the input measured the same way.
    @Test func aMeshOffsetSharedByInputAndOutputIsNoGeometryChange() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let mesh = analysis.faces[0].landmarks!
        let look = Look.builtIn["professional"]!
        let t = Framing.headAndShoulders(face: mesh, sourceWidth: 512, sourceHeight: 512, matte: analysis.mattes[0]!.alpha,
                                         style: look.framing).transform
        let verifier = OffsetVerifier(inputWidth: image.width, inputHeight: image.height, transform: t, offset: SIMD2(3, -2))
        let r = try StudioPipeline.render(image: image, analysis: analysis, face: analysis.faces[0], look: look,
                                          options: .init(verifier: verifier))
        #expect(r.honesty.landmarkErrorMean! < 1e-3)
        #expect(r.honesty.passed)
    }

    /// Without --face: the largest face, unless the photo's edge cuts it and a face nearly as
    /// large is whole; a selfie-taker's cut face with smaller faces behind stays the one.
    @Test func theDefaultFaceIsTheLargestWholeOneNearlyAsLarge() throws {
        let (_, analysis) = try StudioFixtures.astronautAnalysis()
        func face(x: Float, side: Float) -> Face {
            var face = analysis.faces[0]
            face.detection.box = PixelRect(minX: x, minY: 100, maxX: x + side, maxY: 100 + side)
            return face
        }
        func number(_ faces: [Face]) -> (Int, String?) {
            StudioPipeline.defaultFace(in: StudioAnalysis(faces: faces, matte: analysis.mattes[0]!), width: 1000, height: 600)
        }
        // Cut by the left edge (20 % outside), a whole face 0.97 as wide beside it.
        let strip = number([face(x: -32, side: 155), face(x: 175, side: 151)])
        #expect(strip.0 == 2 && strip.1 == "Face 1 is cut by the photo's edge, so the headshot is of face 2, the largest the photo shows whole (--face 1 for face 1).")
        // A selfie-taker cut by the right edge, the friends behind at 0.6 of the width.
        #expect(number([face(x: 800, side: 300), face(x: 300, side: 180), face(x: 500, side: 170)]).0 == 1)
        // Whole, or barely touching the edge (5 % outside): the largest.
        #expect(number([face(x: 100, side: 155), face(x: 400, side: 150)]).0 == 1)
        #expect(number([face(x: -8, side: 155), face(x: 400, side: 150)]).0 == 1)
        // One face: itself, cut or not, and nothing to say.
        #expect(number([face(x: -60, side: 155)]).0 == 1 && number([face(x: -60, side: 155)]).1 == nil)
        // Several: the note says how many and how to make the others'.
        #expect(number([face(x: 100, side: 155), face(x: 400, side: 150)]).1
                == "The photo shows 2 faces and this headshot is of the largest; --face 2 makes the other's, --each one of everyone.")
        #expect(number([face(x: 800, side: 300), face(x: 300, side: 180), face(x: 500, side: 170)]).1?.contains("--face 2 to --face 3") == true)
    }

    @Test func choosesTheLargestFaceOrTheOneAskedFor() throws {
        let (_, analysis) = try StudioFixtures.astronautAnalysis()
        var small = analysis.faces[0]
        small.detection.box = PixelRect(minX: 0, minY: 0, maxX: 10, maxY: 10)
        let both = StudioAnalysis(faces: [small, analysis.faces[0]], matte: analysis.mattes[0]!)
        #expect(try StudioPipeline.chooseFace(in: both, index: nil, sourceName: "x") == analysis.faces[0])
        #expect(try StudioPipeline.chooseFace(in: both, index: 2, sourceName: "x") == small)
        #expect(throws: StudioError.faceOutOfRange(index: 3, count: 2, file: "x")) {
            try StudioPipeline.chooseFace(in: both, index: 3, sourceName: "x")
        }
        #expect(throws: StudioError.noFace("x")) {
            try StudioPipeline.chooseFace(in: StudioAnalysis(faces: [], matte: analysis.mattes[0]!), index: nil, sourceName: "x")
        }
    }

    @Test func presetsAreCutWhenThePhotoHasThePixelsAndSkippedOtherwise() throws {
        let framing = Framing(transform: .identity, width: 900, height: 1125)
        let headshot = Image(width: 900, height: 1125, filledWith: [0.5, 0.4, 0.3])
        guard case let .success(square) = PresetCut.cut(OutputPreset.standard[0], from: headshot, eyeY: 405, framing: framing) else {
            Issue.record("800 px square should fit in 900×1125"); return
        }
        #expect(square.image.width == 800 && square.image.height == 800)
        // The eye line lands where the preset wants it.
        #expect(abs(square.transform.outputPoint(SIMD2<Double>(450, 405)).y - 0.4 * 800) < 1e-6)
        guard case .failure = PresetCut.cut(OutputPreset.standard[2], from: headshot, eyeY: 405, framing: framing) else {
            Issue.record("1080×1350 must be skipped, not upscaled"); return
        }
    }
}

@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct MatteCoverageTests {
    /// A face whose eyes lie past the photo's edge is refused as such instead of framed as a
    /// chest; the same face with its eyes inside is framed.
    @Test(arguments: [(Float(-5), false), (2, false), (40, true)])
    func refusesAFaceWhoseEyesAreOutsideThePhoto(eyeY: Float, framed: Bool) throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        var face = analysis.faces[0]
        let mesh = try #require(face.landmarks)
        let eyes = (MeshRegions.rightEyeCentre(mesh).y + MeshRegions.leftEyeCentre(mesh).y) / 2
        face.landmarks = mesh.mapped(depthScale: 1) { $0 - SIMD2(0, eyes - eyeY) }
        let moved = StudioAnalysis(faces: [face], matte: analysis.mattes[0]!)
        let result = Result { () throws(StudioError) -> FramedSubject in
            try StudioPipeline.frame(image: image, analysis: moved, face: face, style: FramingStyle(), sourceName: "astronaut.png")
        }
        if framed {
            if case let .failure(error) = result { #expect(error != .faceCutByEdge("astronaut.png")) }
        } else {
            #expect(throws: StudioError.faceCutByEdge("astronaut.png")) { try result.get() }
        }
    }

    @Test func refusesWhenTheMatteMissesTheFace() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        var faint = analysis.mattes[0]!
        faint.alpha.pixels = faint.alpha.pixels.map { $0 * 0.3 }
        let weak = StudioAnalysis(faces: analysis.faces, matte: faint)
        #expect(throws: StudioError.self) {
            try StudioPipeline.render(image: image, analysis: weak, face: weak.faces[0], look: Look.builtIn["professional"]!)
        }
        do {
            _ = try StudioPipeline.render(image: image, analysis: weak, face: weak.faces[0], look: Look.builtIn["professional"]!)
        } catch let error {
            guard case let .matteMissesFace(_, coverage) = error else { Issue.record("unexpected \(error)"); return }
            #expect(abs(coverage - 0.3) < 0.05)
        }
    }

    @Test func masksStayInsideTheFaceAndMatchAFullFrameDrawing() throws {
        let mesh = try StudioFixtures.astronautMesh()
        let masks = FaceMasks.make(mesh: mesh, width: 512, height: 512, alpha: nil)
        let oval = Polygon.fill(MeshRegions.points(MeshRegions.faceOval, of: mesh), width: 512, height: 512)
        let skin = masks.skin.whole
        var inside = 0.0, outside = 0.0
        for i in 0..<oval.pixels.count {
            if oval.pixels[i] > 0 { inside += Double(skin.pixels[i]) } else { outside += Double(skin.pixels[i]) }
        }
        #expect(inside > 20 * outside, "skin mask leaks outside the face oval")
        // Eyes are holes in the skin.
        let eye = MeshRegions.rightEyeCentre(mesh)
        #expect(masks.skin[Int(eye.x), Int(eye.y)] < 0.05)
        #expect(masks.eyes[Int(eye.x), Int(eye.y)] > 0.5)
    }
}

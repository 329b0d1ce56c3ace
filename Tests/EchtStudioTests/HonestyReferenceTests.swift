import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// The input's side of the honesty measures is found once per framing (`HonestyReference`) and
/// the input's landmarks once per face (`InputLandmarks`); the reports must be exactly those of
/// each look measuring everything for itself.
enum PerLookHonesty {
    /// The report of one look measured from scratch, input side included, as every render did
    /// before the input side was shared. The generated share: the painted backdrop's, or for the
    /// photo's own background, what its fill made up.
    static func report(image: Image, framed: FramedSubject, face: Face, look: Look, headshot: Image,
                       verifier: (any FaceVerifier)?) throws -> HonestyReport {
        let t = framed.framing.transform
        let sigma = max(0.6, framed.faceWidth * 0.01)
        let textureIn = HonestyMeasures.highFrequencyEnergy(framed.foreground, mask: framed.masks.skin.whole, sigma: sigma)
        let textureOut = HonestyMeasures.highFrequencyEnergy(headshot, mask: framed.masks.skin.whole, sigma: sigma)
        let geometry = GeometryRegistration.displacement(output: headshot, input: image, transform: t, face: framed.masks.face,
                                                         detailSigma: max(1.5, framed.faceWidth * 0.02))
        let inside = Warp.insideMask(sourceWidth: image.width, sourceHeight: image.height, transform: t,
                                     width: framed.framing.width, height: framed.framing.height)
        var provenance = HonestyMeasures.provenance(alpha: framed.alpha, inside: inside)
        if look.backdrop.kind == .defocus {
            let (w, h) = (framed.framing.width, framed.framing.height)
            let factor = StudioPipeline.defocusFactor(blur: look.backdrop.blur, height: h)
            provenance.generatedShare = StudioPipeline.defocusedSurroundings(
                source: FramedPhoto(image, transform: t, width: w, height: h, factor: factor), alpha: framed.alpha, factor: factor,
                width: w, height: h, blur: look.backdrop.blur) { $0 }.madeUpShare
        }
        var mean: Double?, largest: Double?
        if let verifier, let mesh = face.landmarks {
            let reference = try verifier.landmarks(in: image, expected: mesh) ?? mesh
            if let found = try verifier.landmarks(in: headshot, expected: framed.mesh) {
                (mean, largest) = HonestyMeasures.landmarkError(input: reference, output: found, transform: t)
            }
        }
        return HonestyReport(landmarkErrorMean: mean, landmarkErrorMax: largest,
                             landmarkLimit: HonestyReport.landmarkLimit(faceSize: Double(face.detection.box.height)),
                             geometryError: geometry, skinTextureKept: textureIn > 0 ? textureOut / textureIn : 1,
                             onlyBackdropGenerated: provenance.onlyBackdrop, generatedShare: provenance.generatedShare)
    }
}

@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct HonestyReferenceTests {
    /// Every figure of a look's report equals the per-look measure.
    @Test(arguments: Look.defaultNames)
    func theSharedInputSideGivesThePerLookFigures(_ name: String) throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], look = Look.builtIn[name]!
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing)
        let result = try StudioPipeline.render(image: image, framed: framed, face: face, look: look)
        let expected = try PerLookHonesty.report(image: image, framed: framed, face: face, look: look, headshot: result.headshot, verifier: nil)
        #expect(expected.geometryError != nil && expected.skinTextureKept != 1)
        #expect(result.honesty == expected)
    }

    /// Landmarks found ahead for the face give the report of a render that finds them itself;
    /// those found for another face are not used.
    @Test func inputLandmarksFoundOncePerFaceGiveTheSameReport() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], mesh = face.landmarks!, look = Look.builtIn["professional"]!
        let t = Framing.headAndShoulders(face: mesh, sourceWidth: image.width, sourceHeight: image.height,
                                         matte: analysis.mattes[0]!.alpha, style: look.framing).transform
        let verifier = OffsetVerifier(inputWidth: image.width, inputHeight: image.height, transform: t, offset: SIMD2(3, -2))
        let own = try StudioPipeline.render(image: image, analysis: analysis, face: face, look: look, options: .init(verifier: verifier))
        let ahead = InputLandmarks(image: image, expected: mesh, verifier: verifier)
        let shared = try StudioPipeline.render(image: image, analysis: analysis, face: face, look: look,
                                               options: .init(verifier: verifier, inputLandmarks: [ahead]))
        #expect(shared.honesty == own.honesty)
        #expect(shared.honesty.landmarkErrorMean != nil)
        // Landmarks of another face (here: the mesh moved by 40 px) must not stand in for this one's.
        let other = InputLandmarks(image: image, expected: mesh.mapped(depthScale: 1) { $0 + SIMD2(40, 0) }, verifier: verifier)
        let wrong = try StudioPipeline.render(image: image, analysis: analysis, face: face, look: look,
                                              options: .init(verifier: verifier, inputLandmarks: [other]))
        #expect(wrong.honesty == own.honesty)
    }
}

@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct HonestyReferenceDevPhotoTests {
    /// The three default looks of a dev portrait, rendered as a session does (two framings
    /// shared by the looks, the input's landmarks found once by the vision stack), report
    /// exactly what each look measuring everything for itself reports. The face is large
    /// enough that the measures' blurs scale with it (none sits at its floor).
    @Test func aSessionsSharedReferencesGiveThePerLookFigures() throws {
        let name = "portrait-2282px-smile-dark-bg-01.jpg"
        let (session, image, face, looks, styles, analysis) = try StudioFixtures.defaultLooksAnalysis(name)
        let verifier = VisionVerifier(analyzer: session.analyzer)
        let options = StudioOptions(verifier: verifier, sourceName: name,
                                    inputLandmarks: [InputLandmarks(image: image, expected: try #require(face.landmarks), verifier: verifier)])
        #expect(styles.count == 2)
        for style in styles {
            let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: style, sourceName: name)
            #expect(framed.faceWidth * 0.01 > 0.6 && framed.faceWidth * 0.02 > 1.5, "face \(framed.faceWidth) px wide")
            for look in looks where look.framing == style {
                let result = try StudioPipeline.render(image: image, framed: framed, face: face, look: look, options: options)
                let expected = try PerLookHonesty.report(image: image, framed: framed, face: face, look: look, headshot: result.headshot, verifier: verifier)
                #expect(expected.landmarkErrorMean != nil && expected.geometryError != nil)
                #expect(result.honesty == expected, "\(look.name)")
            }
        }
    }
}

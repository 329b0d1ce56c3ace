import EchtImaging
import Testing
@testable import EchtStudio

/// The face masks' box: every mask is zero outside it, so work limited to it changes nothing.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct FaceMaskBoxTests {
    @Test func masksAreZeroOutsideTheBoxAndTheEyeCleanUpInItIsTheWholeFramesOne() throws {
        let image = try StudioFixtures.astronaut(), mesh = try StudioFixtures.astronautMesh()
        let masks = FaceMasks.make(mesh: mesh, width: 512, height: 512, alpha: nil)
        let box = try #require(masks.box)
        #expect(box.x0 > 0 && box.y0 > 0 && box.x1 < 512 && box.y1 < 512, "the astronaut's face box lies inside the frame")
        for plane in [masks.skin.whole, masks.eyes.whole, masks.mouth.whole, masks.face.whole] {
            var outside = 0
            for y in 0..<512 { for x in 0..<512 where !(box.x0..<box.x1 ~= x && box.y0..<box.y1 ~= y) && plane[x, y, 0] != 0 { outside += 1 } }
            #expect(outside == 0)
        }
        let whole = Retouch.cleanEyesAndTeeth(image, eyes: masks.eyes.whole, mouth: masks.mouth.whole)
        #expect(whole != image, "the eyes or teeth must change somewhere")
        #expect(Retouch.cleanEyesAndTeeth(image, eyes: masks.eyes.whole, mouth: masks.mouth.whole, box: box) == whole)
        #expect(Retouch.cleanEyesAndTeeth(image, eyes: masks.eyes, mouth: masks.mouth) == whole)
        for plane in [masks.skin, masks.eyes, masks.mouth, masks.face] {
            #expect((plane.x0, plane.y0, plane.x1, plane.y1) == (box.x0, box.y0, box.x1, box.y1), "every mask is stored over the masks' box")
        }
    }

    /// The retouch, the skin balance and the honesty texture measure read the skin, eye and
    /// mouth masks over their box only; they give exactly what the whole-frame planes give.
    @Test func theBoxedSkinEyeAndMouthMasksGiveTheWholePlanesRetouchBalanceAndTexture() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], look = Look.builtIn["professional"]!
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing)
        let masks = framed.masks, person = framed.foreground
        let skin = masks.skin.whole, eyes = masks.eyes.whole, mouth = masks.mouth.whole
        #expect(try #require(masks.skin.samples).pixels.count * 4 < skin.pixels.count, "the box is a small part of the frame")
        // Retouch: the skin's evenness and the eyes and teeth.
        let evened = Retouch.evenSkin(person, skin: masks.skin, amount: 0.5, faceWidth: framed.faceWidth)
        #expect(evened != person, "the skin must change somewhere")
        #expect(evened == Retouch.evenSkin(person, skin: skin, amount: 0.5, faceWidth: framed.faceWidth))
        let style = RetouchStyle(strength: .medium, eyesAndTeeth: true)
        let wholeMasks = FaceMasks(skin: BoxedPlane(whole: skin), eyes: BoxedPlane(whole: eyes), mouth: BoxedPlane(whole: mouth),
                                   face: masks.face)
        #expect(Retouch.apply(style, image: person, masks: masks, faceWidth: framed.faceWidth)
                == Retouch.apply(style, image: person, masks: wholeMasks, faceWidth: framed.faceWidth))
        // Balance on the skin.
        let balance = SkinBalance.measure(image: person, skin: masks.skin, alpha: framed.alpha)
        let wholeBalance = SkinBalance.measure(image: person, skin: skin, alpha: framed.alpha)
        #expect(balance != .neutral && balance == wholeBalance)
        // The honesty texture, input and output side.
        let headshot = try StudioPipeline.render(image: image, framed: framed, face: face, look: look).headshot
        let sigma = framed.honesty.textureSigma
        let box = try #require(framed.honesty.skinBox)
        #expect(framed.honesty.inputTexture > 0 && framed.honesty.inputTexture == HonestyMeasures.highFrequencyEnergy(person, mask: skin, sigma: sigma))
        let texture = framed.honesty.measure(headshot: headshot, skin: masks.skin).texture
        #expect(texture > 0 && texture == HonestyMeasures.highFrequencyEnergy(headshot, mask: skin, sigma: sigma))
        #expect(box == (try #require(skin.boundingBox(above: 0.5))))
    }

    /// The face check and the honesty geometry check read the face oval over its box only; they
    /// give exactly what they give on the whole-frame plane.
    @Test func theBoxedFaceOvalGivesTheWholePlanesFaceCheckAndGeometry() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], look = Look.builtIn["professional"]!
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing)
        let boxed = framed.masks.face, whole = BoxedPlane(whole: boxed.whole)
        #expect(boxed.samples!.pixels.count * 4 < whole.samples!.pixels.count, "the box is a small part of the frame")
        let coverage = StudioPipeline.faceCoverage(alpha: framed.alpha, face: boxed)
        #expect(coverage > 0.85 && coverage < 1, "\(coverage)")
        #expect(coverage == StudioPipeline.faceCoverage(alpha: framed.alpha, face: whole))
        let box = try #require(boxed.boundingBox(above: 0.5)), wholeBox = try #require(whole.boundingBox(above: 0.5))
        #expect(box == wholeBox)
        // A region reaching past the box (as the registration's window does) reads zeros there.
        let x = max(0, boxed.x0 - 7), y = max(0, boxed.y0 - 5)
        let width = min(boxed.frameWidth, boxed.x1 + 9) - x, height = min(boxed.frameHeight, boxed.y1 + 3) - y
        #expect(boxed.region(x: x, y: y, width: width, height: height) == whole.region(x: x, y: y, width: width, height: height))
        let t = framed.framing.transform, sigma = HonestyReference.detailSigma(faceWidth: framed.faceWidth)
        let a = try #require(GeometryRegistration.reference(input: image, transform: t, face: boxed, detailSigma: sigma))
        let b = try #require(GeometryRegistration.reference(input: image, transform: t, face: whole, detailSigma: sigma))
        #expect(a.box == b.box && a.window == b.window && a.weight == b.weight && a.detail == b.detail)
        let headshot = try StudioPipeline.render(image: image, framed: framed, face: face, look: look).headshot
        let moved = GeometryRegistration.displacement(output: headshot, input: image, transform: t, face: boxed, detailSigma: sigma)
        #expect(moved != nil && moved == GeometryRegistration.displacement(output: headshot, input: image, transform: t, face: whole,
                                                                            detailSigma: sigma))
    }
}

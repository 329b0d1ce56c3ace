import EchtImaging
import Testing
@testable import EchtStudio

/// The sub-pixel geometry check: an honest headshot registers to the input rendered through its
/// recorded transform within hundredths of a pixel, and a face moved, turned or rescaled by a
/// little is measured at its true size.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct GeometryRegistrationTests {
    static func render() throws -> (Image, StudioResult, FaceMasks) {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let result = try StudioPipeline.render(image: image, analysis: analysis, face: analysis.faces[0], look: Look.builtIn["professional"]!)
        let t = result.framing.transform
        let mesh = analysis.faces[0].landmarks!.mapped(depthScale: Float(1 / t.scale)) { t.outputPoint($0) }
        let masks = FaceMasks.make(mesh: mesh, width: result.framing.width, height: result.framing.height, alpha: nil)
        return (image, result, masks)
    }

    static func measure(_ output: Image, image: Image, result: StudioResult, masks: FaceMasks) -> Double? {
        GeometryRegistration.displacement(output: output, input: image, transform: result.framing.transform, face: masks.face, detailSigma: 2)
    }

    @Test func anHonestHeadshotRegistersWithinHundredthsOfAPixel() throws {
        let (_, result, _) = try Self.render()
        let error = try #require(result.honesty.geometryError)
        #expect(error < 0.15, "professional look of the astronaut: \(error) px")
        #expect(result.honesty.failures.allSatisfy { !$0.contains("recorded crop") })
    }

    /// The headshot moved by `dx` output pixels (as a faulty crop would) is measured as moved by
    /// `dx` × scale input pixels.
    @Test(arguments: [0.5, 1.5, -3.0])
    func aShiftedFaceIsMeasuredAtItsTrueSize(_ dx: Double) throws {
        let (image, result, masks) = try Self.render()
        let t = result.framing.transform
        let shifted = Warp.sampleBilinear(result.headshot, transform: SimilarityTransform(scale: 1, angle: 0, translationX: -dx, translationY: 0),
                                          width: result.headshot.width, height: result.headshot.height)
        let measured = try #require(Self.measure(shifted, image: image, result: result, masks: masks))
        #expect(abs(measured - abs(dx) * t.scale) < 0.1 + 0.05 * abs(dx) * t.scale, "shift \(dx) px → \(measured) input px")
    }

    /// A 1° turn about the frame's centre moves the face box's far corner by about r·π/180.
    @Test func aTurnedFaceIsCaught() throws {
        let (image, result, masks) = try Self.render()
        let w = Double(result.headshot.width), h = Double(result.headshot.height), a = Double.pi / 180
        let centre = SIMD2(w / 2, h / 2)
        let turn = SimilarityTransform(scale: 1, angle: a, translationX: 0, translationY: 0)
        let moved = turn.sourcePoint(-centre) + centre
        let turned = Warp.sampleBilinear(result.headshot, transform: SimilarityTransform(scale: 1, angle: a, translationX: moved.x, translationY: moved.y),
                                         width: result.headshot.width, height: result.headshot.height)
        let measured = try #require(Self.measure(turned, image: image, result: result, masks: masks))
        let box = try #require(masks.face.boundingBox(above: 0.5))
        let corners = [(box.x0, box.y0), (box.x1, box.y0), (box.x0, box.y1), (box.x1, box.y1)]
        let reach = corners.map { (SIMD2(Double($0.0), Double($0.1)) - centre) }.map { ($0 * $0).sum().squareRoot() }.max()!
        let expected = reach * a * result.framing.transform.scale
        #expect(expected > 1, "the check must be able to fail here: \(expected) px")
        #expect(abs(measured - expected) < 0.25 * expected, "1° turn → \(measured) input px, expected about \(expected)")
    }
}

import EchtImaging
import Testing
@testable import EchtStudio

/// What a framing computes once for its looks (the skin balance, the light wrap's soft matte)
/// equals what each look computed for itself before.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct SharedFramingTests {
    @Test func theSharedBalanceAndSoftMatteAreThePerLookOnes() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0]
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: Look.builtIn["professional"]!.framing)
        let balance = SkinBalance.measure(image: framed.foreground, skin: framed.masks.skin, alpha: framed.alpha)
        #expect(framed.balance == balance)
        #expect(balance != .neutral)
        let sigma = Float(max(framed.alpha.width, framed.alpha.height)) / 120
        let own = Blur.gaussianReducedSmall(framed.alpha, sigma: sigma)
        #expect(framed.softAlpha.small == own.small && framed.softAlpha.factor == own.factor)
    }

    /// The composite over the shared soft matte is the composite that blurs the matte itself.
    @Test(arguments: ["professional", "artistic", "relaxed"])
    func compositeWithTheSharedSoftMatteIsUnchanged(_ name: String) throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0], look = Look.builtIn[name]!
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing)
        let backdrop = BackdropRenderer.reduced(look.backdrop.kind == .defocus ? Look.builtIn["professional"]!.backdrop : look.backdrop,
                                                width: framed.alpha.width, height: framed.alpha.height,
                                                subject: SIMD2(Float(framed.alpha.width) / 2, Float(framed.alpha.height) / 3), light: look.light)
        let shared = Composite.over(foreground: framed.foreground, alpha: framed.alpha, backdrop: backdrop, wrap: 0.3, softAlpha: framed.softAlpha)
        let own = Composite.over(foreground: framed.foreground, alpha: framed.alpha, backdrop: backdrop, wrap: 0.3)
        #expect(shared == own)
    }
}

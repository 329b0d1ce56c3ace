import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// Pinkish skin with nothing neutral in the frame (issue #5): the skin-hue push cut red against
/// green and blue by up to 0.86×, so a grey got an olive cast (Oklab a −0.007, b +0.011 on an
/// 18 % grey), teeth and white shirts turned green and a pale blue wall cyan. Now the push only
/// warms or cools, by at most `SkinBalance.unconfirmedGreyChroma` on a grey.
@Suite struct UnconfirmedBalanceTests {
    static let grey = SIMD3<Float>(repeating: 0.18)

    /// An 18 % grey card through `gains` without their exposure, in Oklab.
    static func greyCard(_ b: SkinBalance) -> SIMD3<Float> {
        Oklab.fromLinear(grey * b.gains / powf(2, b.exposureStops))
    }

    @Test func pinkSkinAloneOnlyWarmsAGreyALittle() {
        let size = 32
        let image = Image(width: size, height: size, filledWith: [0.24, 0.15, 0.14]) // Oklab hue about 27°
        let ones = Image(width: size, height: size, filledWith: [1])
        let b = SkinBalance.measure(image: image, skin: ones, alpha: ones)
        #expect(b.skinHue < SkinBalance.skinHueBand.lowerBound)
        let card = Self.greyCard(b)
        #expect(abs(card.y) < 0.001, "the grey card was tinted: a \(card.y)")
        #expect(card.z > 0.004 && card.z <= SkinBalance.unconfirmedGreyChroma + 1e-4, "warmth \(card.z)")
        // The skin still moves towards the band and keeps its luminance.
        let skin = SIMD3<Float>(0.24, 0.15, 0.14), after = skin * b.gains / powf(2, b.exposureStops)
        #expect(Oklab.hueDegrees(Oklab.fromLinear(after)) > b.skinHue + 3)
        #expect(abs(SRGB.luminance(after.x, after.y, after.z) / SRGB.luminance(skin.x, skin.y, skin.z) - 1) < 0.01)
    }

    /// Skin greener than the band is no one's own colour: that cast is still taken out whole, tint and all.
    @Test func aGreenSkinIsStillCorrectedWithTint() {
        let image = Image(width: 32, height: 32, filledWith: [0.42, 0.36, 0.2]) // hue about 90°
        let ones = Image(width: 32, height: 32, filledWith: [1])
        let b = SkinBalance.measure(image: image, skin: ones, alpha: ones)
        #expect(b.skinHue > SkinBalance.skinHueBand.upperBound)
        #expect(Self.greyCard(b).y > 0.005, "a grey gets the magenta that takes out the green: \(Self.greyCard(b))")
    }
}

/// The same on the dev photos without a near-neutral wall: the grey stays untinted and the
/// photo's own near-neutrals (teeth, a white-and-blue shirt, a pale blue wall) turn no greener.
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct UnconfirmedBalancePhotoTests {
    static func framed(_ name: String, look: String) throws -> (image: Image, framed: FramedSubject, face: Face) {
        let (session, image, found) = try StudioFixtures.analysedDevPhoto(name)
        let face = try StudioPipeline.chooseFace(in: found, index: nil, sourceName: name)
        let style = Look.builtIn[look]!.framing
        let analysis = try found.addingMattes(for: [face], styles: [style], image: image, analyzer: session.analyzer, sourceName: name)
        return (image, try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: style, sourceName: name), face)
    }

    static func pixel(_ image: Image, _ i: Int) -> SIMD3<Float> {
        SIMD3(image.pixels[i * image.channels], image.pixels[i * image.channels + 1], image.pixels[i * image.channels + 2])
    }

    /// Baby (skin hue 27°), face paint (30°), outdoor man (21°): before the fix the grey card got
    /// Oklab a −0.007 to −0.009, b +0.011 to +0.012.
    @Test(arguments: ["portrait-baby-crying-hood-01.jpg", "portrait-facepaint-dark-skin-01.png", "portrait-outdoor-natural-light-01.png"])
    func theGreyStaysUntinted(name: String) throws {
        let f = try Self.framed(name, look: "professional").framed
        #expect(f.neutral == nil)
        let b = f.balance
        #expect(b.skinHue < SkinBalance.skinHueBand.lowerBound)
        let card = UnconfirmedBalanceTests.greyCard(b)
        #expect(abs(card.y) < 0.002, "\(name): the grey card turned green: a \(card.y)")
        #expect((card.y * card.y + card.z * card.z).squareRoot() <= SkinBalance.unconfirmedGreyChroma + 5e-4, "\(name): \(card)")
        // The skin is warmed a little towards the band, and stays a plausible (pink) skin hue.
        let after = Oklab.hueDegrees(Oklab.fromLinear(b.skinColour * b.gains))
        #expect(after > b.skinHue + 3 && after < SkinBalance.skinHueBand.lowerBound, "\(name): skin hue \(b.skinHue) → \(after)")
    }

    /// Face paint: the teeth (brightest quarter of the mouth) are near neutral in the photo (Oklab
    /// a −0.003, b −0.009); before the fix the balance turned them green (a −0.013).
    @Test func theFacePaintTeethStayNeutral() throws {
        let f = try Self.framed("portrait-facepaint-dark-skin-01.png", look: "professional").framed
        let mouth = f.masks.mouth, w = f.foreground.width
        var samples: [(Float, Int)] = []
        for y in mouth.y0..<mouth.y1 { for x in mouth.x0..<mouth.x1 where mouth[x, y] > 0.6 {
            let p = Self.pixel(f.foreground, y * w + x)
            samples.append((SRGB.luminance(p.x, p.y, p.z), y * w + x))
        } }
        let bright = samples.sorted { $0.0 > $1.0 }.prefix(samples.count / 4)
        try #require(bright.count > 20)
        let teeth = bright.map { Self.pixel(f.foreground, $0.1) }.reduce(SIMD3<Float>(0, 0, 0), +) / Float(bright.count)
        let before = Oklab.fromLinear(teeth), after = Oklab.fromLinear(teeth * f.balance.gains)
        print("teeth test: Oklab a,b \(before.y), \(before.z) → \(after.y), \(after.z)")
        #expect(after.y > before.y - 0.004, "the teeth turned green: a \(before.y) → \(after.y)")
        #expect((after.y * after.y + after.z * after.z).squareRoot() < 0.008, "the teeth are coloured: \(after)")
    }

    /// The smiling man before a pale blue stage wall (input top band sRGB ≈ 216,230,242, Oklab a
    /// −0.010): the relaxed look's wall was 218,234,234 (a −0.017, cyan); it keeps the photo's a.
    @Test func theSmilesRelaxedWallTurnsNoGreener() throws {
        let name = "portrait-2282px-smile-dark-bg-01.jpg"
        let (image, framed, face) = try Self.framed(name, look: "relaxed")
        let result = try StudioPipeline.render(image: image, framed: framed, face: face, look: Look.builtIn["relaxed"]!,
                                               options: StudioOptions(presets: [], sourceName: name))
        let out = result.headshot
        // Top-left 300×150 of the headshot, and the same place in the photo.
        var wall = SIMD3<Float>(0, 0, 0), photo = SIMD3<Float>(0, 0, 0)
        let t = framed.framing.transform
        for y in 0..<150 { for x in 0..<300 {
            wall += Self.pixel(out, y * out.width + x)
            let p = t.sourcePoint(SIMD2<Float>(Float(x), Float(y)))
            let sx = min(max(Int(p.x.rounded()), 0), image.width - 1), sy = min(max(Int(p.y.rounded()), 0), image.height - 1)
            photo += Self.pixel(image, sy * image.width + sx)
        } }
        let after = Oklab.fromLinear(wall / 45_000), before = Oklab.fromLinear(photo / 45_000)
        print("smile wall test: Oklab a,b \(before.y), \(before.z) → \(after.y), \(after.z)")
        #expect(after.y > before.y - 0.003, "the wall turned green: a \(before.y) → \(after.y)")
        #expect((after.y * after.y + after.z * after.z).squareRoot() < 0.015, "the wall is coloured: \(after)")
    }
}

import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// A plain neutral wall behind a pinkish face (issue #5): the white balance pushed the skin's hue
/// into the skin band and so turned the grey wall of the relaxed look cream-green, and the
/// exposure raised for the dim face lifted the wall by almost a stop (sRGB 175 → 241,245,228).
@Suite struct NeutralWallBalanceTests {
    static let size = 64

    /// A pinkish face (left half, Oklab hue about 27°) before a grey wall (right half).
    static func scene(wall: SIMD3<Float>) -> (image: Image, skin: Image, alpha: Image) {
        var image = Image(width: size, height: size, filledWith: [wall.x, wall.y, wall.z])
        var mask = Image(width: size, height: size, filledWith: [0])
        for y in 0..<size { for x in 0..<(size / 2) {
            image[x, y, 0] = 0.24; image[x, y, 1] = 0.15; image[x, y, 2] = 0.14; mask[x, y, 0] = 1
        } }
        return (image, mask, mask)
    }

    @Test func aNeutralWallKeepsTheSkinAsItIs() {
        let wall = SIMD3<Float>(0.44, 0.44, 0.44), s = Self.scene(wall: wall)
        let free = SkinBalance.measure(image: s.image, skin: s.skin, alpha: s.alpha)
        #expect(free.skinHue < SkinBalance.skinHueBand.lowerBound)
        // Without the wall as a reference the skin is warmed (blue cut): the wall turns yellow.
        #expect(free.gains.z < free.gains.y * 0.95)
        let b = SkinBalance.measure(image: s.image, skin: s.skin, alpha: s.alpha, neutral: wall)
        let after = wall * b.gains
        #expect(NeutralReference.chroma(after) <= SkinBalance.neutralChromaLimit + 1e-4)
        #expect(after.y <= after.x + 1e-4, "the wall turned green: \(after)")
        // The lightness of the skin is the same either way.
        let skin = SIMD3<Float>(0.24, 0.15, 0.14)
        let l = { (g: SIMD3<Float>) in SRGB.luminance(skin.x * g.x, skin.y * g.y, skin.z * g.z) }
        #expect(abs(l(b.gains) / l(free.gains) - 1) < 0.01)
    }

    @Test func theWallIsNotLiftedTowardsWhite() {
        let wall = SIMD3<Float>(0.44, 0.44, 0.44), s = Self.scene(wall: wall)
        let b = SkinBalance.measure(image: s.image, skin: s.skin, alpha: s.alpha, neutral: wall)
        #expect(b.exposureStops > 0.5) // the dim face is still lifted
        let wallAfter = wall * b.surroundingsGains
        #expect(SRGB.luminance(wallAfter.x, wallAfter.y, wallAfter.z) <= SkinBalance.neutralCeiling + 1e-3)
        #expect(SRGB.luminance(wallAfter.x, wallAfter.y, wallAfter.z) >= 0.44)
    }

    @Test func aColouredBackgroundIsNoReference() {
        var image = Image(width: 64, height: 64, filledWith: [0.1, 0.2, 0.5]) // a blue backdrop
        let none = Image(width: 64, height: 64, filledWith: [0]), all = Image(width: 64, height: 64, filledWith: [1])
        let inside = InsideRows(sourceWidth: 64, sourceHeight: 64, transform: .identity, width: 64)
        #expect(NeutralReference.measure(image: image, transform: .identity, alpha: none, inside: inside) == nil)
        image = Image(width: 64, height: 64, filledWith: [0.44, 0.44, 0.45])
        #expect(NeutralReference.measure(image: image, transform: .identity, alpha: none, inside: inside) != nil)
        #expect(NeutralReference.measure(image: image, transform: .identity, alpha: all, inside: inside) == nil) // all person
    }
}

/// The tiny glasses portrait (115×115): a smiling man before a plain grey wall (sRGB ≈ 175).
/// Relaxed look, mean of the top-left 12×12 corner: before the fix 241,246,228 (green above red,
/// a stop brighter); after 214,213,211 (neutral, light grey).
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct NeutralWallPhotoTests {
    @Test func theRelaxedWallStaysNeutralGrey() throws {
        let name = "portrait-tiny-115px-glasses-01.png"
        let (session, image, found) = try StudioFixtures.analysedDevPhoto(name)
        let face = try StudioPipeline.chooseFace(in: found, index: nil, sourceName: name)
        let look = Look.builtIn["relaxed"]!
        let analysis = try found.addingMattes(for: [face], styles: [look.framing], image: image, analyzer: session.analyzer, sourceName: name)
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing, sourceName: name)
        let result = try StudioPipeline.render(image: image, framed: framed, face: face, look: look,
                                               options: StudioOptions(presets: [], sourceName: name))
        let out = result.headshot
        var sum = SIMD3<Float>(0, 0, 0)
        for y in 0..<12 { for x in 0..<12 {
            let i = (y * out.width + x) * out.channels
            sum += SIMD3(out.pixels[i], out.pixels[i + 1], out.pixels[i + 2])
        } }
        let wall = sum / 144
        let srgb = SIMD3(SRGBTransfer.encoded(fromLinear: wall.x), SRGBTransfer.encoded(fromLinear: wall.y), SRGBTransfer.encoded(fromLinear: wall.z)) * 255
        print("neutral wall test: relaxed corner sRGB \(srgb)")
        #expect(srgb.y <= srgb.x + 1, "the wall turned green: \(srgb)")
        #expect(srgb.x - srgb.z < 12, "the wall turned cream: \(srgb)")
        #expect(srgb.y < 225, "the wall was lifted towards white: \(srgb)")
    }
}

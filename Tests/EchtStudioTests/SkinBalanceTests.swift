import EchtImaging
import EchtTestSupport
import Testing
@testable import EchtStudio

@Suite struct SkinBalanceTests {
    static func patch(_ colour: SIMD3<Float>) -> Image { Image(width: 64, height: 64, filledWith: [colour.x, colour.y, colour.z]) }
    static let ones = Image(width: 64, height: 64, filledWith: [1])

    @Test(arguments: [SIMD3<Float>(0.55, 0.32, 0.22), SIMD3(0.09, 0.045, 0.025), SIMD3(0.3, 0.17, 0.1)])
    func skinInTheBandIsLeftAlone(_ skin: SIMD3<Float>) {
        var person = Self.patch(skin)
        person[0, 0, 0] = 0.9; person[0, 0, 1] = 0.9; person[0, 0, 2] = 0.9 // something bright on the person
        let b = SkinBalance.measure(image: person, skin: Self.ones, alpha: Self.ones)
        #expect(SkinBalance.skinHueBand.contains(b.skinHue))
        #expect(abs(b.gains.x / b.gains.y - 1) < 0.01 && abs(b.gains.z / b.gains.y - 1) < 0.01)
    }

    @Test func aGreenCastIsPulledBackButLightnessKept() {
        let skin = SIMD3<Float>(0.42, 0.36, 0.2) // hue pushed towards yellow-green by the light
        var person = Self.patch(skin), skinMask = Self.ones
        for x in 0..<64 { person[x, 63, 0] = 0.85; person[x, 63, 1] = 0.85; person[x, 63, 2] = 0.85; skinMask[x, 63, 0] = 0 }
        let b = SkinBalance.measure(image: person, skin: skinMask, alpha: Self.ones)
        #expect(b.exposureStops == 0)
        #expect(b.skinHue > SkinBalance.skinHueBand.upperBound)
        let after = b.apply(to: Self.patch(skin))
        let hue = Oklab.hueDegrees(Oklab.fromLinear(SIMD3(after[1, 1, 0], after[1, 1, 1], after[1, 1, 2])))
        #expect(hue < b.skinHue - 3)
        #expect(abs(after.luminance[1, 1, 0] - Self.patch(skin).luminance[1, 1, 0]) < 0.01)
    }

    @Test func darkSkinInAWellExposedPhotoStaysDark() {
        var person = Self.patch(SIMD3(0.05, 0.028, 0.016))
        for x in 0..<64 { person[x, 63, 0] = 0.85; person[x, 63, 1] = 0.85; person[x, 63, 2] = 0.85 } // a white collar
        var skin = Self.ones
        for x in 0..<64 { skin[x, 63, 0] = 0 }
        let b = SkinBalance.measure(image: person, skin: skin, alpha: Self.ones)
        #expect(b.exposureStops == 0)
    }
}

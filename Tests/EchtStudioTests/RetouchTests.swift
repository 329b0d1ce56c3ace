import EchtImaging
import EchtTestSupport
import Testing
@testable import EchtStudio
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

@Suite struct RetouchTests {
    /// A skin patch: even skin colour × (1 + blotches at about 15 % of the face width) × pore noise.
    static func skinPatch(faceWidth: Float, seed: UInt64) -> (Image, Image) {
        let size = 200
        var rng = SeededRandom(seed: seed)
        var image = Image(width: size, height: size, filledWith: [0.5, 0.32, 0.24])
        let period = faceWidth * 0.15
        for y in 0..<size { for x in 0..<size {
            let blotch = 0.15 * sinf(Float(x) * 2 * .pi / period) * sinf(Float(y) * 2 * .pi / period)
            let pore = Float(rng.next(in: -0.06...0.06))
            for c in 0..<3 { image[x, y, c] *= (1 + blotch) * (1 + pore) }
        } }
        return (image, Image(width: size, height: size, filledWith: [1]))
    }

    /// Amplitude of a band: RMS of log-luminance between two blur scales.
    static func band(_ image: Image, fine: Float, coarse: Float) -> Float {
        let a = Blur.gaussian(image.luminance, sigma: fine), b = Blur.gaussian(image.luminance, sigma: coarse)
        var sum: Float = 0, n: Float = 0
        for y in 40..<160 { for x in 40..<160 {
            let d = logf(a[x, y, 0]) - logf(b[x, y, 0]); sum += d * d; n += 1
        } }
        return (sum / n).squareRoot()
    }

    @Test(arguments: [(RetouchStyle.Strength.light, Float(0.25)), (.medium, 0.45)])
    func evensBlotchesAndKeepsPores(_ strength: RetouchStyle.Strength, minimumReduction: Float) {
        let faceWidth: Float = 400
        let (image, mask) = Self.skinPatch(faceWidth: faceWidth, seed: 3)
        let out = Retouch.evenSkin(image, skin: mask, amount: strength.amount, faceWidth: faceWidth)
        let blotchBefore = Self.band(image, fine: faceWidth * 0.012, coarse: faceWidth * 0.06)
        let blotchAfter = Self.band(out, fine: faceWidth * 0.012, coarse: faceWidth * 0.06)
        #expect(blotchAfter < blotchBefore * (1 - minimumReduction), "blotches \(blotchBefore) → \(blotchAfter), seed 3")
        let kept = HonestyMeasures.highFrequencyEnergy(out, mask: mask, sigma: faceWidth * 0.01)
            / HonestyMeasures.highFrequencyEnergy(image, mask: mask, sigma: faceWidth * 0.01)
        #expect(kept > 0.9, "pore energy kept \(kept), seed 3")
    }

    /// Resampling can leave a sample a hair below zero in linear light. Its logarithm used to be
    /// NaN, which the running-sum blurs carried down every column below it: a hard-edged band
    /// brightened by the 2× clamp across the lower face (seen on a bearded portrait).
    @Test func aPixelBelowZeroChangesNothingButItself() {
        let faceWidth: Float = 300
        let (clean, mask) = Self.skinPatch(faceWidth: faceWidth, seed: 7)
        var dipped = clean
        for c in 0..<3 { dipped[60, 50, c] = -1e-4 }
        var zeroed = clean
        for c in 0..<3 { zeroed[60, 50, c] = 0 }
        let out = Retouch.evenSkin(dipped, skin: mask, amount: RetouchStyle.Strength.medium.amount, faceWidth: faceWidth)
        let reference = Retouch.evenSkin(zeroed, skin: mask, amount: RetouchStyle.Strength.medium.amount, faceWidth: faceWidth)
        var worst: Float = 0
        for y in 0..<200 { for x in 0..<200 where !(x == 60 && y == 50) {
            for c in 0..<3 {
                #expect(out[x, y, c].isFinite)
                worst = max(worst, abs(out[x, y, c] / reference[x, y, c] - 1))
            }
        } }
        #expect(worst < 1e-3, "largest relative change against the clean run: \(worst)")
    }

    @Test func noneChangesNothingOnSkin() {
        let (image, mask) = Self.skinPatch(faceWidth: 300, seed: 5)
        let masks = FaceMasks(skin: BoxedPlane(whole: mask), eyes: BoxedPlane(whole: Image.plane(width: 200, height: 200)),
                              mouth: BoxedPlane(whole: Image.plane(width: 200, height: 200)), face: BoxedPlane(whole: mask))
        #expect(Retouch.apply(RetouchStyle(strength: .none, eyesAndTeeth: true), image: image, masks: masks, faceWidth: 300) == image)
    }

    @Test func eyeWhitesGetLessRedButKeepTheirPlace() {
        var image = Image(width: 10, height: 10, filledWith: [0.7, 0.55, 0.55])
        image[0, 0, 0] = 0.05; image[0, 0, 1] = 0.1; image[0, 0, 2] = 0.3 // an iris pixel
        let eyes = Image(width: 10, height: 10, filledWith: [1])
        let out = Retouch.cleanEyesAndTeeth(image, eyes: eyes, mouth: Image.plane(width: 10, height: 10))
        #expect(out[5, 5, 0] - out[5, 5, 2] < image[5, 5, 0] - image[5, 5, 2])
        #expect(out[5, 5, 0] - out[5, 5, 2] > 0, "subtle: the white keeps some warmth")
        #expect(abs(out[0, 0, 2] - image[0, 0, 2]) < 0.02, "a saturated iris is left alone")
    }

    @Test("the likeness's ratios on eight lanes equal the per-pixel formula, negatives, NaN and mask zeros included", arguments: [3, 4])
    func ratioLanesEqualThePerPixelFormula(channels: Int) {
        let width = 45, meanY: Float = 0.21
        var pixels = FusedPassTests.noisy(width: width, height: 1, channels: channels, seed: 31, range: -0.05...1.2).pixels
        pixels[7] = .nan
        let mask = FusedPassTests.noisy(width: width, height: 1, channels: 1, seed: 32, range: -0.5...1).pixels.map { max($0, 0) }
        var redGreen = [Float](repeating: -7, count: width), blueGreen = redGreen, brightness = redGreen
        let done = pixels.withUnsafeBufferPointer { p in
            mask.withUnsafeBufferPointer { m in
                redGreen.withUnsafeMutableBufferPointer { a in
                    blueGreen.withUnsafeMutableBufferPointer { b in
                        brightness.withUnsafeMutableBufferPointer { c in
                            Retouch.ratios(p.baseAddress!, channels: channels, mask: m.baseAddress!, width: width, meanY: meanY,
                                           into: (a.baseAddress!, b.baseAddress!, c.baseAddress!))
                        }
                    }
                }
            }
        }
        #expect(done == 40)
        for x in 0..<done {
            let o = x * channels
            let r = Retouch.nonNegative(pixels[o]), g = Retouch.nonNegative(pixels[o + 1]), b = Retouch.nonNegative(pixels[o + 2])
            let expected: [Float] = mask[x] > 0
                ? [(r + 1e-4) / (g + 1e-4), (b + 1e-4) / (g + 1e-4), (SRGB.luminance(r, g, b) + 1e-4) / (meanY + 1e-4)] : [1, 1, 1]
            #expect([redGreen[x], blueGreen[x], brightness[x]] == expected, "pixel \(x)")
        }
    }
}

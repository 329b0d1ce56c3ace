import EchtImaging
import EchtTestSupport
import Testing

/// `Image.isBlackAndWhite`: grey within JPEG rounding is black and white; a toned print or a
/// coloured part of more than a thousandth is not.
struct BlackAndWhiteTests {
    /// A 400×300 grey ramp from sRGB codes, each pixel's channels offset by `wobble(x, y)` codes.
    func ramp(_ wobble: (Int, Int) -> SIMD3<Int> = { _, _ in .zero }) -> Image {
        var bytes: [UInt8] = []
        for y in 0..<300 {
            for x in 0..<400 {
                let grey = 10 + (x + y) * 240 / 700, w = wobble(x, y)
                for k in 0..<3 { bytes.append(UInt8(clamping: grey + w[k])) }
            }
        }
        return Image(srgbBytes: bytes, width: 400, height: 300, channels: 3)
    }

    @Test func greyWithinRoundingIsBlackAndWhite() {
        let grey = ramp().isBlackAndWhite(), oneChannel = ramp().luminance().isBlackAndWhite()
        #expect(grey && oneChannel)
        // One code up or down per channel, as a JPEG's colour rounding may leave it.
        var random = SeededRandom(seed: 7)
        let rounded = ramp { _, _ in
            SIMD3(Int(random.nextUInt64() % 3) - 1, Int(random.nextUInt64() % 3) - 1, Int(random.nextUInt64() % 3) - 1)
        }.isBlackAndWhite()
        #expect(rounded)
        // A stray tinted 8×8 block.
        let strayBlock = ramp { x, y in x / 8 == 20 && y / 8 == 10 ? SIMD3(12, 0, -12) : .zero }.isBlackAndWhite()
        #expect(strayBlock)
    }

    @Test func tonedOrPartlyColouredIsNot() {
        // Sepia: red above and blue below the grey, most in the mid-tones.
        let sepia = ramp { x, y in let t = min(x + y, 700 - x - y) / 25; return SIMD3(t, 0, -t) }.isBlackAndWhite()
        #expect(!sepia)
        // A red object on 1 % of a grey photo.
        let redObject = ramp { x, y in x < 40 && y < 30 ? SIMD3(60, -20, -20) : .zero }.isBlackAndWhite()
        #expect(!redObject)
    }
}

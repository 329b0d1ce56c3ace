import EchtImaging
import Testing
@testable import EchtVision

/// `CornerSkin` through `ContextView.lifting`: beside a body's lower corner, skin both looks
/// left out (the wide look 0.3, the first look 0) is lifted where its hue is the torso's, not
/// the door's; the door beside it, and skin-hued cells beyond `reach`, stay out.
struct CornerSkinTests {
    /// `LowerCornersTests.scene()` with a skin patch (columns 56–61, rows 44–63) beyond the
    /// corner, 0.3 in the wide look, and its colours: skin on the body and the patch, a
    /// red-brown door elsewhere but for a skin-hued patch at the top left (columns 0–3, rows 0–9).
    static func scene() -> (first: Image, wide: Image, guide: Image) {
        let (first, lowered) = LowerCornersTests.scene()
        var wide = lowered
        let n = 64, skin: [Float] = [0.35, 0.22, 0.2], door: [Float] = [0.45, 0.17, 0.08]
        var guide = [Float](repeating: 0, count: n * n * 3)
        for y in 0..<n {
            for x in 0..<n {
                let patch = x >= 56 && x < 62 && y >= 44
                if patch { wide.pixels[y * n + x] = 0.3 }
                let skinHued = (x >= 8 && x < 56 && y >= 20) || patch || (x < 4 && y < 10)
                for k in 0..<3 { guide[(y * n + x) * 3 + k] = skinHued ? skin[k] : door[k] }
            }
        }
        return (first, wide, Image(width: n, height: n, channels: 3, pixels: guide))
    }

    @Test func liftsTheSkinBesideACornerButNotTheDoor() {
        let (first, wide, guide) = Self.scene()
        let region = PixelRect(minX: 0, minY: 0, maxX: 640, maxY: 640)
        let n = 64
        let plain = ContextView.lifting(first, region: region, wide: wide, wideRegion: region).pixels
        let out = ContextView.lifting(first, region: region, wide: wide, wideRegion: region, guide: guide).pixels
        #expect(plain[50 * n + 59] < 0.5, "without colours the patch is lifted already: the test shows nothing")
        #expect(out[50 * n + 59] >= ContextView.lift && out[45 * n + 61] >= ContextView.lift, "the skin beside the corner was left out")
        #expect(out[50 * n + 63] == plain[50 * n + 63] && out[40 * n + 58] == plain[40 * n + 58], "the door beside the skin was lifted")
        #expect(out[5 * n + 1] == 0, "skin-hued cells far from the corner were lifted")
        #expect(out[60 * n + 24] == 0, "the laptop was lifted")
    }
}

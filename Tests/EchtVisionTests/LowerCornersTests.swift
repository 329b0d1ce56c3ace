import EchtImaging
import Testing
@testable import EchtVision

/// `LowerCorners` through `ContextView.lifting`: a body corner the first look lost at the
/// region's bottom, joined to the open background, is lifted; a hole the first look cut into the
/// body at the bottom (a laptop) and a lump beside the body above the bottom (a flag) are not.
struct LowerCornersTests {
    /// A 64² first look over a 640² region: the body (columns 8–55, rows 20–63) sure at 0.95,
    /// but for its lower right corner (columns 44–55, rows 48–63) at 0.05, joined to the
    /// background (0) beside it, and a laptop (columns 20–27, rows 56–63) at 0. The wide look
    /// is sure of all three and of a lump beside the body (columns 56–59, rows 24–35, 0 in the
    /// first look) but for one cell of the laptop (0.4), which leaves the laptop out of the lift
    /// as the real one's cells beside the photo's edge do.
    static func scene() -> (first: Image, wide: Image) {
        let n = 64
        var first = [Float](repeating: 0, count: n * n), wide = first
        for y in 0..<n {
            for x in 0..<n {
                let body = x >= 8 && x < 56 && y >= 20
                let corner = x >= 44 && x < 56 && y >= 48
                let laptop = x >= 20 && x < 28 && y >= 56
                let lump = x >= 56 && x < 60 && y >= 24 && y < 36
                if body && !corner && !laptop { first[y * n + x] = 0.95 }
                if corner { first[y * n + x] = 0.05 }
                if body || lump { wide[y * n + x] = laptop && x == 24 && y == n - 1 ? 0.4 : 1 }
            }
        }
        return (Image(width: n, height: n, channels: 1, pixels: first), Image(width: n, height: n, channels: 1, pixels: wide))
    }

    @Test func liftsTheBodysLowerCornerButNotALaptopOrAFlag() {
        let (first, wide) = Self.scene()
        let region = PixelRect(minX: 0, minY: 0, maxX: 640, maxY: 640)
        let out = ContextView.lifting(first, region: region, wide: wide, wideRegion: region).pixels
        let n = 64
        #expect(out[60 * n + 50] >= ContextView.lift, "the corner was left out")
        #expect(out[50 * n + 54] >= ContextView.lift, "the corner's outer edge was left out")
        #expect(out[60 * n + 24] == 0, "the laptop was lifted")
        #expect(out[30 * n + 57] == 0, "the lump beside the body was lifted")
        #expect(out[10 * n + 60] == 0 && out[60 * n + 60] == 0, "the background was lifted")
    }

    /// The wide look sampled between its cells: bilinear, clamped at its edges.
    @Test func samplesTheWideLookBilinearly() {
        let image = Image(width: 2, height: 2, channels: 1, pixels: [0, 1, 0, 1])
        #expect(abs(LowerCorners.sample(image, at: 0.25, 0.5) - 0.25) < 1e-6)
        #expect(LowerCorners.sample(image, at: -3, 0) == 0 && LowerCorners.sample(image, at: 5, 1) == 1)
    }
}

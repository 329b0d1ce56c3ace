import EchtImaging
import Testing
@testable import EchtVision

/// `ContextView.lifting`: the wide look fills an unsure body and the holes it encloses, but not
/// the first look's outline nor what lies beside it in the open background.
struct ContextViewTests {
    /// A 64² first look over a 640² region: background 0 above row 20 and beside the body; the
    /// body (columns 16–47, rows 20–63) unsure at 0.4 with a hole of 0 in its middle (rows
    /// 40–45, columns 28–35); a 0.4 lump (columns 48–51, rows 30–35) beside it, joined to the
    /// background. The wide look (the same region, 64²) is sure of the body and the lump, but for
    /// a doubted pocket (0.7, rows 50–53, columns 24–27) inside the body.
    static func scene() -> (first: Image, wide: Image) {
        let n = 64
        var first = [Float](repeating: 0, count: n * n), wide = first
        for y in 0..<n {
            for x in 0..<n {
                let body = x >= 16 && x < 48 && y >= 20
                let hole = y >= 40 && y < 46 && x >= 28 && x < 36
                let lump = x >= 48 && x < 52 && y >= 30 && y < 36
                if (body && !hole) || lump { first[y * n + x] = 0.4 }
                let pocket = y >= 50 && y < 54 && x >= 24 && x < 28
                if body || lump { wide[y * n + x] = pocket ? 0.7 : 1 }
            }
        }
        return (Image(width: n, height: n, channels: 1, pixels: first), Image(width: n, height: n, channels: 1, pixels: wide))
    }

    @Test func fillsTheBodyAndItsHolesButNotItsOutline() {
        let (first, wide) = Self.scene()
        let region = PixelRect(minX: 0, minY: 0, maxX: 640, maxY: 640)
        let out = ContextView.lifting(first, region: region, wide: wide, wideRegion: region).pixels
        let n = 64
        // Deep inside the body and in the enclosed hole: sure person.
        #expect(out[52 * n + 32] >= ContextView.lift)
        #expect(out[42 * n + 31] >= ContextView.lift, "the enclosed hole stays open")
        #expect(out[51 * n + 25] >= ContextView.lift, "the wide look's doubted pocket leaves a hole")
        // The outline (within `depth` of the background) and the lump keep the first look's values.
        #expect(out[30 * n + 17] == 0.4)
        #expect(out[22 * n + 32] == 0.4)
        #expect(out[32 * n + 49] == 0.4, "the lump beside the body was lifted")
        // Background stays background.
        #expect(out[5 * n + 5] == 0 && out[50 * n + 58] == 0)
    }

    /// The wide look's region: 1.7× as wide about the centre, 8 % higher, the same bottom.
    @Test func wideRegionReachesBesideAndAboveButNotBelow() {
        let r = ContextView.region(around: PixelRect(minX: 100, minY: 200, maxX: 300, maxY: 600))
        #expect(abs(r.minX - 30) < 1e-3 && abs(r.maxX - 370) < 1e-3)
        #expect(abs(r.minY - 168) < 1e-3 && r.maxY == 600)
    }
}

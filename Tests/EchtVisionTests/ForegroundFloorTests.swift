import EchtImaging
import Testing
@testable import EchtVision

/// The foreground estimate at dark edges whose old background changes within the blur-fusion
/// window: the wide background mean then overestimates what lies behind the edge, and the
/// compositing equation's correction pushes the dark colour below zero.
struct ForegroundFloorTests {
    /// A navy disc (radius 120, soft 8 px edge) on a mid-grey ring 25 px wide, white beyond. In
    /// the soft edge (true alpha 0.2–0.8) the old estimate was darker than a third of the navy's
    /// luminance for 41 % of the pixels (clamped at 0 in red and green) — a dark ragged fringe on
    /// a charcoal backdrop; now for none (0 of 3592).
    @Test func darkEdgeBeforeAChangingBackgroundDoesNotTurnBlack() {
        let w = 480, h = 400
        let navy = SIMD3<Float>(0.01, 0.012, 0.04)
        var truth = [Float](repeating: 0, count: w * h), pixels = [Float](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let dx = Float(x) + 0.5 - 240, dy = Float(y) + 0.5 - 200
                let d = (dx * dx + dy * dy).squareRoot()
                let a = min(max((120 - d) / 8 + 0.5, 0), 1)
                let background: SIMD3<Float> = d < 145 ? SIMD3(0.25, 0.25, 0.25) : SIMD3(0.9, 0.9, 0.9)
                let colour = navy * a + background * (1 - a)
                truth[y * w + x] = a
                for k in 0..<3 { pixels[(y * w + x) * 3 + k] = colour[k] }
            }
        }
        var coarse = Raster(width: w, height: h, channels: 1, values: truth).boxBlurred(radius: 4).resized(width: 256, height: 256)
        coarse.values = coarse.values.map { min(max($0, 0), 1) }
        let matte = MatteRefiner().refine(coarseMask: Image(width: 256, height: 256, channels: 1, pixels: coarse.values),
                                          photo: Image(width: w, height: h, channels: 3, pixels: pixels))
        var far = 0, n = 0
        for i in 0..<(w * h) where truth[i] > 0.2 && truth[i] < 0.8 && matte.alpha.pixels[i] > 0.1 {
            let f = SIMD3(matte.foreground.pixels[i * 3], matte.foreground.pixels[i * 3 + 1], matte.foreground.pixels[i * 3 + 2])
            if (f * SIMD3(0.2126, 0.7152, 0.0722)).sum() < (navy * SIMD3(0.2126, 0.7152, 0.0722)).sum() / 3 { far += 1 }
            n += 1
        }
        #expect(n > 500, "\(n) pixels in the soft edge")
        #expect(Float(far) / Float(max(n, 1)) < 0.05, "\(far) of \(n) edge pixels darker than a third of the navy")
    }
}

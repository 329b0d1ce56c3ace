import EchtImaging
import EchtTestSupport
import Testing
@testable import EchtStudio

@Suite struct EdgeCleanupTests {
    /// A person (a disc with a soft, noisy edge and hair-like partial strands) in colours that
    /// vary across it, over a background colour that leaks into the edge pixels.
    static func subject(width: Int, height: Int) -> (alpha: Image, foreground: Image) {
        var rng = SeededRandom(seed: 21)
        var alpha = [Float](repeating: 0, count: width * height), colour = [Float](repeating: 0, count: width * height * 3)
        let cx = Float(width) / 2, cy = Float(height) * 0.6, r = Float(min(width, height)) * 0.35
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x, d = ((Float(x) - cx) * (Float(x) - cx) + (Float(y) - cy) * (Float(y) - cy)).squareRoot()
                let strands = (x / 3) % 4 == 0 ? Float(12) : 0
                alpha[i] = min(1, max(0, (r + strands - d) / 6 + Float(rng.next(in: -0.05...0.05))))
                let background: SIMD3<Float> = [0.9, 0.85, 0.8], person = SIMD3<Float>(Float(x) / Float(width), 0.3, Float(y) / Float(height))
                let mixed = person * alpha[i] + background * (1 - alpha[i])
                for c in 0..<3 { colour[i * 3 + c] = mixed[c] + Float(rng.next(in: -0.02...0.02)) }
            }
        }
        return (Image(width: width, height: height, channels: 1, pixels: alpha), Image(width: width, height: height, channels: 3, pixels: colour))
    }

    /// With a wide blur the person's nearby colours come from a shrunk copy; what shows (colour
    /// times the choked alpha) stays within a sixth of an 8-bit level of the full-size cleanup,
    /// the alpha is the same bit for bit, and the edge colours still move well away from the
    /// background's.
    @Test func reducedCleanupMatchesFullSize() {
        let (alpha, foreground) = Self.subject(width: 301, height: 257)
        let sigma: Float = 19
        #expect(EdgeCleanup.reduction(sigma: sigma) == 2)
        let full = EdgeCleanup.applyFull(alpha: alpha, foreground: foreground, sigma: sigma)
        let reduced = EdgeCleanup.applyReduced(alpha: alpha, foreground: foreground, sigma: sigma, factor: 2)
        #expect(reduced.alpha == full.alpha)
        var worst: Float = 0, moved: Float = 0
        for i in 0..<(alpha.width * alpha.height) {
            let a = full.alpha.pixels[i]
            for c in 0..<3 {
                worst = max(worst, abs(reduced.foreground.pixels[i * 3 + c] - full.foreground.pixels[i * 3 + c]) * a)
                moved = max(moved, abs(full.foreground.pixels[i * 3 + c] - foreground.pixels[i * 3 + c]) * a)
            }
        }
        #expect(worst < 1.0 / 255 / 6, "largest visible difference \(worst * 255) levels")
        #expect(moved > 10.0 / 255, "the cleanup changes the edge colours (\(moved * 255) levels)")
    }

    /// A narrow blur (under 16 pixels) runs at full size: `apply` is `applyFull`, bit for bit.
    @Test func narrowBlurRunsAtFullSize() {
        let (alpha, foreground) = Self.subject(width: 120, height: 90)
        #expect(EdgeCleanup.reduction(sigma: 15.9) == 1)
        let applied = EdgeCleanup.apply(alpha: alpha, foreground: foreground, sigma: 15.9)
        let full = EdgeCleanup.applyFull(alpha: alpha, foreground: foreground, sigma: 15.9)
        #expect(applied.alpha == full.alpha && applied.foreground == full.foreground)
    }
}

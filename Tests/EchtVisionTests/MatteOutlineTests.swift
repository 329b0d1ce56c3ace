import EchtImaging
import Foundation
import Testing
@testable import EchtVision

/// The outline where the photo gives no colour cue (a dark sweater on a dark background): alpha
/// falls back to the 256² coarse mask there, and its 0.5 contour must be a smooth curve, not
/// the stair-steps of the mask's grid. Today the guided filter's box (4 working pixels, about
/// two mask cells on a 2300 px photo) hides the grid: 0.76 px worst, 0.19 px rms. With its
/// radius cut to the 2 px minimum (`radiusFraction` 1/640) steps show: 1.9 px worst, 0.38 rms.
struct MatteOutlineTests {
    static let side = 2304, centre = SIMD2<Float>(1152, 1152), radius: Float = 800

    /// A dark disc on an almost identical dark background (no colour cue), and its coarse mask:
    /// the true disc's coverage of each cell of a 256² grid (9 px cells, as on the 2282 px dev
    /// portrait), its contrast raised ×3 to be as near-binary as a confident model's mask, so
    /// any stair-steps come from the refinement's upsampling.
    static func scene() -> (photo: Image, coarse: Image) {
        let n = side, cells = 256, cell = n / cells
        var truth = [Float](repeating: 0, count: n * n), pixels = [Float](repeating: 0, count: n * n * 3)
        let person = SIMD3<Float>(0.020, 0.022, 0.030), background = SIMD3<Float>(0.018, 0.020, 0.026)
        for y in 0..<n {
            for x in 0..<n {
                let v = SIMD2(Float(x), Float(y)) + 0.5 - centre
                let a = min(max(radius - (v * v).sum().squareRoot() + 0.5, 0), 1)
                let grain = Float((x * 37 + y * 91) % 7) / 6 - 0.5
                let c = person * (1 + 0.1 * grain) * a + background * (1 - 0.1 * grain) * (1 - a)
                truth[y * n + x] = a
                for k in 0..<3 { pixels[(y * n + x) * 3 + k] = c[k] }
            }
        }
        var coarse = [Float](repeating: 0, count: cells * cells)
        for i in 0..<(n * n) { coarse[(i / n / cell) * cells + (i % n) / cell] += truth[i] / Float(cell * cell) }
        coarse = coarse.map { min(max(($0 - 0.5) * 3 + 0.5, 0), 1) }
        return (Image(width: n, height: n, channels: 3, pixels: pixels), Image(width: cells, height: cells, channels: 1, pixels: coarse))
    }

    /// The radius of alpha's 0.5 crossing at `count` angles round the disc (outwards, 0.05 px steps).
    static func contour(_ alpha: Image, count: Int = 720) -> [Float] {
        (0..<count).map { k in
            let angle = 2 * Float.pi * Float(k) / Float(count), dir = SIMD2(cos(angle), sin(angle))
            var previous = sample(alpha, centre + dir * (radius - 20)), r = radius - 20
            while r < radius + 20 {
                let next = sample(alpha, centre + dir * (r + 0.05))
                if previous >= 0.5 && next < 0.5 { return r + 0.05 * (previous - 0.5) / max(previous - next, 1e-6) }
                previous = next; r += 0.05
            }
            return .nan
        }
    }

    /// Bilinear sample of a 1-channel image at `p` (pixel centres at +0.5).
    static func sample(_ image: Image, _ p: SIMD2<Float>) -> Float {
        let x = min(max(p.x - 0.5, 0), Float(image.width - 1)), y = min(max(p.y - 0.5, 0), Float(image.height - 1))
        let x0 = Int(x), y0 = Int(y), x1 = min(x0 + 1, image.width - 1), y1 = min(y0 + 1, image.height - 1)
        let fx = x - Float(x0), fy = y - Float(y0), w = image.width, v = image.pixels
        let top = v[y0 * w + x0] + (v[y0 * w + x1] - v[y0 * w + x0]) * fx
        let bottom = v[y1 * w + x0] + (v[y1 * w + x1] - v[y1 * w + x0]) * fx
        return top + (bottom - top) * fy
    }

    /// With no colour cue the 0.5 contour must be a circle within 1 px (steps and lumps of the
    /// 9 px grid would show as a ripple round it) and keep the disc's size within 1.5 px.
    @Test func outlineWithoutColourCueIsASmoothCurve() {
        let s = Self.scene()
        let matte = MatteRefiner().refine(coarseMask: s.coarse, photo: s.photo)
        let radii = Self.contour(matte.alpha)
        #expect(!radii.contains { $0.isNaN }, "alpha has no 0.5 crossing within 20 px of the edge at some angles")
        let mean = radii.reduce(0, +) / Float(radii.count)
        let deviation = radii.map { abs($0 - mean) }.max()!
        let rms = (radii.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(radii.count)).squareRoot()
        print(String(format: "disc outline: mean radius %.2f (true %.0f), deviation max %.2f px, rms %.2f px", mean, Self.radius, deviation, rms))
        #expect(deviation <= 1, "the 0.5 contour strays \(deviation) px from a circle (rms \(rms))")
        #expect(abs(mean - Self.radius) <= 1.5, "mean radius \(mean) px, true \(Self.radius)")
    }
}

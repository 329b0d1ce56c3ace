import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtStudio

/// The fringe correction works only in windows around the blown stretches of the outline; these
/// check that it still finds every ring pixel and gives what the full-frame computation gives.
struct EdgeFringeWindowTests {
    /// The ring found on rows of bits is exactly the set of non-person pixels that the chamfer
    /// distance of the non-person map puts within 4 of the person, on frames whose width is and
    /// is not a multiple of 64 and whose person touches the frame's edges.
    @Test(arguments: [(150, 90), (128, 70), (65, 40)])
    func theRingIsTheChamferBand(size: (Int, Int)) {
        let (width, height) = size
        let alpha = Self.scene(width: width, height: height, scale: Float(width) / 400).alpha
        let person = alpha.pixels.map { $0 >= 0.5 }
        let outside = DistanceField.chamfer(person.map { !$0 }, width: width, height: height)
        let expected = (0..<(width * height)).filter { outside[$0] > 0 && outside[$0] <= 4 }
        var found: [Int] = []
        EdgeFringe.ring(alpha) { found.append($0) }
        #expect(expected.count > 100)
        #expect(found == expected, "\(found.count) ring pixels found, \(expected.count) by the chamfer")
    }

    /// A frame lit by blown light along one shoulder only (and, mirrored, the other): the windowed
    /// correction changes the same pixels as the full-frame one and the same way (the wide blur of
    /// the person's colour, run on a window, may differ in the last bits of its running sums).
    @Test(arguments: [(Float(150), false), (Float(150), true), (Float(260), false), (Float(90), true)])
    func aBlownStretchGivesTheFullFrameResult(faceWidth: Float, mirrored: Bool) {
        let width = 400, height = 480
        var (alpha, foreground) = Self.scene(width: width, height: height, scale: 1)
        var photo = Image(width: width, height: height, filledWith: [0.3, 0.32, 0.35])
        for y in 300..<440 {
            for x in 300..<width { for k in 0..<3 { photo.pixels[(y * width + x) * 3 + k] = 1 } }
        }
        if mirrored { alpha = alpha.mirrored(); foreground = foreground.mirrored(); photo = photo.mirrored() }
        let reference = Self.fullFrame(alpha: alpha, foreground: foreground, photo: photo, transform: .identity, faceWidth: faceWidth)
        let windowed = EdgeFringe.apply(alpha: alpha, foreground: foreground, photo: photo, transform: .identity, faceWidth: faceWidth)
        let delta = zip(reference.foreground.pixels, windowed.foreground.pixels).map { abs($0 - $1) }.max()!
        #expect(reference.changed > 200, "the scene has a fringe to correct (\(reference.changed) px)")
        #expect(windowed.changed == reference.changed)
        #expect(delta < 1e-5, "max |Δ| \(delta)")
    }

    /// A head and shoulders with soft edges, warm skin over brown cloth, and a light-blue bloom on
    /// the outermost 5 pixels; `scale` shrinks the 400 × 480 layout.
    static func scene(width: Int, height: Int, scale s: Float) -> (alpha: Image, foreground: Image) {
        var alpha = [Float](repeating: 0, count: width * height), fg = [Float](repeating: 0, count: width * height * 3)
        func ellipse(_ x: Float, _ y: Float, _ cx: Float, _ cy: Float, _ rx: Float, _ ry: Float) -> Float {
            let f = ((x - cx * s) / (rx * s)) * ((x - cx * s) / (rx * s)) + ((y - cy * s) / (ry * s)) * ((y - cy * s) / (ry * s))
            return (1 - f.squareRoot()) * min(rx, ry) * s
        }
        for y in 0..<height {
            for x in 0..<width {
                let px = Float(x) + 0.5, py = Float(y) + 0.5
                let head = ellipse(px, py, 200, 180, 70, 90), body = ellipse(px, py, 200, 560, 190, 220)
                let neck = min(px - 170 * s, 230 * s - px, py - 250 * s, 360 * s - py)
                let d = max(head, body, neck), i = y * width + x
                alpha[i] = min(max(0.5 + d / 1.5, 0), 1)
                let texture = 0.03 * sin(px * 0.37) * cos(py * 0.23)
                var c = head >= body ? SIMD3<Float>(0.55, 0.38, 0.3) : SIMD3<Float>(0.25, 0.22, 0.2)
                c += SIMD3(repeating: texture)
                let bloom = min(max(1 - d / 5, 0), 1) * 0.7
                c += bloom * (SIMD3<Float>(0.6, 0.7, 0.95) - c)
                fg[i * 3] = c.x; fg[i * 3 + 1] = c.y; fg[i * 3 + 2] = c.z
            }
        }
        return (Image(width: width, height: height, channels: 1, pixels: alpha), Image(width: width, height: height, channels: 3, pixels: fg))
    }

    /// The correction as first written, over the whole frame: the reference the windows must match.
    static func fullFrame(alpha: Image, foreground: Image, photo: Image, transform: SimilarityTransform,
                          faceWidth: Float) -> (foreground: Image, changed: Int) {
        let width = alpha.width, height = alpha.height, n = width * height
        let depth = max(2, 0.1 * faceWidth), ringWidth: Float = 4
        let person = alpha.pixels.map { $0 >= 0.5 }
        let outside = DistanceField.chamfer(person.map { !$0 }, width: width, height: height)
        var near = [Float](repeating: 0, count: n)
        var any = false
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                guard alpha.pixels[i] < 0.02, outside[i] > 0, outside[i] <= ringWidth,
                      EdgeFringe.sample(photo, transform.sourcePoint(SIMD2<Double>(Double(x) + 0.5, Double(y) + 0.5))).max() >= EdgeFringe.blown
                else { continue }
                near[i] = 1; any = true
            }
        }
        guard any else { return (foreground, 0) }
        let inside = DistanceField.chamfer(person, width: width, height: height)
        Blur.gaussianInPlace(&near, width: width, height: height, channels: 1, sigma: max(1, 0.03 * faceWidth))
        var deep = [Float](repeating: 0, count: n * 4)
        for i in 0..<n where alpha.pixels[i] >= 0.98 && inside[i] > 1.5 * depth {
            for k in 0..<3 { deep[i * 4 + k] = foreground.pixels[i * 3 + k] }
            deep[i * 4 + 3] = 1
        }
        let interior = Blur.gaussianReduced(Image(width: width, height: height, channels: 4, pixels: deep),
                                            sigma: max(1, 0.12 * faceWidth)).pixels
        var f = foreground.pixels, changed = 0
        for i in 0..<n {
            let a = alpha.pixels[i], d = inside[i]
            guard a > 0.05, d <= depth, near[i] > 0.02, interior[i * 4 + 3] > 0.02 else { continue }
            let s = SIMD3(interior[i * 4], interior[i * 4 + 1], interior[i * 4 + 2]) / interior[i * 4 + 3]
            let p = SIMD3(f[i * 3], f[i * 3 + 1], f[i * 3 + 2])
            let pSum = p.sum(), sSum = s.sum()
            guard pSum > 1e-6, sSum > 1e-6 else { continue }
            let interiorBlue = s.z / sSum, excess = p.z / pSum - interiorBlue
            guard excess > EdgeFringe.excessStart else { continue }
            let taper = min(max((depth - d) / (0.5 * depth), 0), 1)
            let w = taper * min((excess - EdgeFringe.excessStart) / EdgeFringe.excessStart, 1)
            guard w > 0 else { continue }
            let lp = (p * EdgeFringe.luminance).sum(), ls = (s * EdgeFringe.luminance).sum()
            guard ls > 1e-6 else { continue }
            let lt = ls + EdgeFringe.keptLight * max(lp - ls, 0) + min(lp - ls, 0)
            let k = min(max((interiorBlue - 1 / 3) / 0.15, 0), 1)
            let target = k * s * (lt / ls) + (1 - k) * SIMD3(repeating: lt)
            let q = p + w * (target - p)
            f[i * 3] = max(q.x, 0); f[i * 3 + 1] = max(q.y, 0); f[i * 3 + 2] = max(q.z, 0)
            changed += 1
        }
        return (Image(width: width, height: height, channels: 3, pixels: f), changed)
    }
}

import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtStudio

@Suite struct StudioBlurTests {
    /// A box filter by its definition: the mean of the 2r+1 clamped neighbours along x, then y.
    static func referenceBox(_ data: [Float], width: Int, height: Int, channels: Int, radius: Int) -> [Float] {
        var across = data, out = data
        for y in 0..<height { for x in 0..<width { for c in 0..<channels {
            var sum: Float = 0
            for k in -radius...radius { sum += data[(y * width + min(max(x + k, 0), width - 1)) * channels + c] }
            across[(y * width + x) * channels + c] = sum / Float(2 * radius + 1)
        } } }
        for y in 0..<height { for x in 0..<width { for c in 0..<channels {
            var sum: Float = 0
            for k in -radius...radius { sum += across[(min(max(y + k, 0), height - 1) * width + x) * channels + c] }
            out[(y * width + x) * channels + c] = sum / Float(2 * radius + 1)
        } } }
        return out
    }

    static func noise(count: Int, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { _ in Float(rng.next(in: 0...1)) }
    }

    @Test("the row and column-strip box passes equal the box filter's definition, edges clamped",
          arguments: [(37, 23, 1, 3), (300, 9, 3, 4), (5, 70, 3, 9), (129, 64, 4, 1), (3, 3, 1, 6)])
    func boxMatchesDefinition(width: Int, height: Int, channels: Int, radius: Int) {
        let input = Self.noise(count: width * height * channels, seed: UInt64(width * 31 + radius))
        var fast = input
        Blur.boxInPlace(&fast, width: width, height: height, channels: channels, radius: radius)
        let expected = Self.referenceBox(input, width: width, height: height, channels: channels, radius: radius)
        let worst = zip(fast, expected).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-5)
    }

    @Test("the Gaussian is the cascade of its three box filters")
    func gaussianIsThreeBoxes() {
        let (w, h, c): (Int, Int, Int) = (280, 90, 3)
        let input = Self.noise(count: w * h * c, seed: 7)
        var fast = input
        Blur.gaussianInPlace(&fast, width: w, height: h, channels: c, sigma: 6)
        var expected = input
        for radius in Blur.boxRadii(sigma: 6) {
            expected = Self.referenceBox(expected, width: w, height: h, channels: c, radius: radius)
        }
        #expect(zip(fast, expected).map { abs($0 - $1) }.max()! < 1e-5)
    }

    @Test("a wide blur computed small and upsampled stays within two 8-bit levels of the full one away from the frame edge")
    func reducedBlurMatchesFull() {
        // A hard-edged disc with pore-scale noise: the worst case for a shrunken blur.
        let (w, h) = (400, 300)
        var rng = SeededRandom(seed: 3)
        var image = Image(width: w, height: h, channels: 3, pixels: [Float](repeating: 0, count: w * h * 3))
        for y in 0..<h { for x in 0..<w {
            let inside: Float = hypotf(Float(x) - 180, Float(y) - 140) < 90 ? 0.8 : 0.1
            for c in 0..<3 { image[x, y, c] = inside + Float(rng.next(in: -0.1...0.1)) }
        } }
        for sigma: Float in [16, 40] {
            let full = Blur.gaussian(image, sigma: sigma), small = Blur.gaussianReduced(image, sigma: sigma)
            // Within `sigma` of the frame edge both repeat edge pixels, the full blur single pixels
            // and the small one block means, so there they differ by the edge pixels' own noise.
            let margin = Int(sigma)
            var worst: Float = 0
            for y in margin..<(h - margin) { for x in margin..<(w - margin) { for c in 0..<3 {
                worst = max(worst, abs(full[x, y, c] - small[x, y, c]))
            } } }
            #expect(worst < 2 / 255, "sigma \(sigma): largest difference \(worst * 255) levels")
        }
    }
}

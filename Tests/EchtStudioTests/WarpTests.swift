import EchtImaging
import Testing
@testable import EchtStudio

@Suite struct WarpTests {
    static func ramp(width: Int, height: Int) -> Image {
        var rng = SeededRandom(seed: 11)
        return Image(width: width, height: height, channels: 3,
                     pixels: (0..<(width * height * 3)).map { _ in Float(rng.next(in: 0...1)) })
    }

    /// A region partly or wholly outside the image repeats the edge pixels, as a per-pixel
    /// clamped copy would.
    @Test(arguments: [(-3, -2, 8, 5), (10, 4, 12, 9), (-20, 0, 5, 3), (17, 9, 4, 2), (2, 1, 5, 4)])
    func regionRepeatsTheEdges(x0: Int, y0: Int, width: Int, height: Int) {
        let image = Self.ramp(width: 17, height: 9)
        let region = image.region(x0: x0, y0: y0, width: width, height: height)
        for y in 0..<height { for x in 0..<width { for c in 0..<3 {
            #expect(region[x, y, c] == image[min(max(x0 + x, 0), 16), min(max(y0 + y, 0), 8), c])
        } } }
    }

    /// Sampling a window of an image in place gives exactly what sampling a copy of it gives,
    /// rotated or not.
    @Test(arguments: [0.0, 0.13])
    func samplingAWindowInPlaceEqualsSamplingItsCopy(angle: Double) {
        let image = Self.ramp(width: 41, height: 37)
        let t = SimilarityTransform(scale: 1.1, angle: angle, translationX: 3.3, translationY: -1.7)
        let copy = image.region(x0: 6, y0: 5, width: 30, height: 28)
        let inPlace = Warp.sampleBilinear(image, transform: t, width: 26, height: 24, window: (6, 5, 30, 28))
        #expect(inPlace == Warp.sampleBilinear(copy, transform: t, width: 26, height: 24))
    }

    /// The matte's alpha and foreground warped together equal each warped alone: sampled in one
    /// pass at scales that need no pre-blur, each rendered alone (blurred or shrunk) otherwise;
    /// frames reaching past the photo's edges included.
    @Test(arguments: [(1.12, 0.14, 5.0), (1.12, 0.0, 5.0), (1.6, 0.14, 5.0), (2.3, -0.2, -9.0), (1.05, 0.1, -30.0)])
    func alphaAndForegroundWarpedTogetherEqualEachAlone(scale: Double, angle: Double, shift: Double) {
        let colour = Self.ramp(width: 97, height: 83)
        var rng = SeededRandom(seed: 3)
        let alpha = Image(width: 97, height: 83, channels: 1, pixels: (0..<(97 * 83)).map { _ in Float(rng.next(in: 0...1)) })
        let t = SimilarityTransform(scale: scale, angle: angle, translationX: shift, translationY: 7)
        let (a, f) = Warp.render(alpha, colour, transform: t, width: 48, height: 60)
        #expect(a == Warp.render(alpha, transform: t, width: 48, height: 60))
        #expect(f == Warp.render(colour, transform: t, width: 48, height: 60))
    }

    /// The framed matte made in one pass equals the photo's inside mask, the matte's alpha and
    /// foreground rendered, the alpha clamped and cut to the matte's region, bit for bit: alpha
    /// beyond 0...1, a region smaller than the photo, frames past both, and the separate path
    /// (unrotated, pre-blurred, shrunk) included.
    @Test(arguments: [(1.12, 0.14, 5.0, true), (1.12, 0.14, 5.0, false), (0.9, -0.2, -9.0, false), (1.04, 0.1, -30.0, true),
                      (1.12, 0.0, 5.0, false), (1.6, 0.14, 5.0, false), (2.3, -0.2, -9.0, true)])
    func framedMatteEqualsItsParts(scale: Double, angle: Double, shift: Double, regionHoldsFrame: Bool) {
        let colour = Self.ramp(width: 97, height: 83)
        var rng = SeededRandom(seed: 4)
        let alpha = Image(width: 97, height: 83, channels: 1, pixels: (0..<(97 * 83)).map { _ in Float(rng.next(in: -0.2...1.2)) })
        let t = SimilarityTransform(scale: scale, angle: angle, translationX: shift + 11, translationY: 13)
        var local = t
        local.translationX -= 11; local.translationY -= 6
        let framed = Warp.renderMatte(alpha: alpha, foreground: colour, transform: local, width: 70, height: 80,
                                      photo: (90, 75, t), regionHoldsFrame: regionHoldsFrame)
        let inside = Warp.insideMask(sourceWidth: 90, sourceHeight: 75, transform: t, width: 70, height: 80)
        let inRegion = regionHoldsFrame ? inside : Warp.insideMask(sourceWidth: 97, sourceHeight: 83, transform: local, width: 70, height: 80)
        var expected = Warp.render(alpha, transform: local, width: 70, height: 80)
        for i in expected.pixels.indices { expected.pixels[i] = min(1, max(0, expected.pixels[i])) * inRegion.pixels[i] }
        #expect(framed.inside == inside)
        #expect(framed.alpha == expected)
        #expect(framed.foreground == Warp.render(colour, transform: local, width: 70, height: 80))
        #expect(inside.pixels.contains(0) && inside.pixels.contains(1) && (regionHoldsFrame || inRegion != inside), "the frame crosses the edges")
    }

    /// Shrinking a window in place gives exactly the shrink of the window copied out first.
    @Test(arguments: [1, 3])
    func boxShrinkOfAWindowEqualsShrinkOfItsCopy(channels: Int) {
        var rng = SeededRandom(seed: 5)
        let image = Image(width: 23, height: 19, channels: channels, pixels: (0..<(23 * 19 * channels)).map { _ in Float(rng.next(in: 0...1)) })
        let window = Warp.downsampleBox(image, factor: 3, x0: 4, y0: 2, width: 17, height: 16)
        let reference = Self.blockAverages(image.region(x0: 4, y0: 2, width: 17, height: 16), factor: 3)
        #expect(window.width == 6 && window.height == 6)
        #expect(window.pixels == reference, "bit for bit, partial blocks included")
    }

    /// The row-wise box shrink (one channel four blocks at a time, three and four channels in
    /// registers, three channels by 2 a block at a time) equals block-at-a-time averaging bit for bit, for windows and whole images.
    @Test(arguments: [1, 3, 4])
    func boxShrinkEqualsBlockAtATimeAverages(channels: Int) {
        var rng = SeededRandom(seed: UInt64(11 + channels))
        let (w, h) = (103, 58)
        let image = Image(width: w, height: h, channels: channels, pixels: (0..<(w * h * channels)).map { _ in Float(rng.next(in: 0...1)) })
        for factor in [2, 3, 4, 5, 7, 8, 30] {
            let whole = Warp.downsampleBox(image, factor: factor)
            #expect(whole.width == (w + factor - 1) / factor && whole.height == (h + factor - 1) / factor)
            #expect(whole.pixels == Self.blockAverages(image, factor: factor), "whole image, factor \(factor)")
            let window = Warp.downsampleBox(image, factor: factor, x0: 5, y0: 3, width: 91, height: 50)
            #expect(window.pixels == Self.blockAverages(image.region(x0: 5, y0: 3, width: 91, height: 50), factor: factor),
                    "window, factor \(factor)")
            // An odd height and an even width: a last row of half blocks, full blocks to the right edge.
            let odd = Warp.downsampleBox(image, factor: factor, x0: 2, y0: 4, width: 96, height: 53)
            #expect(odd.pixels == Self.blockAverages(image.region(x0: 2, y0: 4, width: 96, height: 53), factor: factor),
                    "odd window, factor \(factor)")
        }
    }

    /// The plain definition of the box shrink: each block summed from zero row by row, left to
    /// right, then divided by its size (partial blocks by what they hold).
    static func blockAverages(_ image: Image, factor: Int) -> [Float] {
        let (w, h, channels) = (image.width, image.height, image.channels)
        var reference = [Float]()
        for by in stride(from: 0, to: h, by: factor) { for bx in stride(from: 0, to: w, by: factor) { for c in 0..<channels {
            var sum: Float = 0
            for y in by..<min(by + factor, h) { for x in bx..<min(bx + factor, w) { sum += image[x, y, c] } }
            reference.append(sum / Float((min(by + factor, h) - by) * (min(bx + factor, w) - bx)))
        } } }
        return reference
    }

    @Test func identityIsExact() {
        let image = Self.ramp(width: 17, height: 9)
        #expect(Warp.render(image, transform: .identity, width: 17, height: 9) == image)
    }

    @Test func quarterTurnMovesPixelsExactly() {
        let image = Self.ramp(width: 6, height: 4)
        // Output (u, v) → source (x, y) = R(90°)(u, v) + (6, 0): output is 4 wide, 6 high.
        let t = SimilarityTransform(scale: 1, angle: .pi / 2, translationX: 6, translationY: 0)
        let out = Warp.render(image, transform: t, width: 4, height: 6)
        for v in 0..<6 { for u in 0..<4 {
            let s = t.sourcePoint(SIMD2<Double>(Double(u) + 0.5, Double(v) + 0.5))
            let (x, y) = (Int(s.x.rounded(.down)), Int(s.y.rounded(.down)))
            for c in 0..<3 { #expect(abs(out[u, v, c] - image[x, y, c]) < 1e-5) }
        } }
    }

    @Test func shrinkingAveragesInsteadOfAliasing() {
        // A one-pixel checkerboard shrunk 4× must come out mid-grey, not black or white.
        var board = Image(width: 64, height: 64, filledWith: [0])
        for y in 0..<64 { for x in 0..<64 where (x + y) % 2 == 0 { board[x, y, 0] = 1 } }
        let out = Warp.render(board, transform: SimilarityTransform(scale: 4, angle: 0.1, translationX: 4, translationY: 0), width: 12, height: 12)
        for v in out.pixels { #expect(abs(v - 0.5) < 0.06) }
    }

    @Test func insideMaskMarksThePhoto() {
        let t = SimilarityTransform(scale: 1, angle: 0, translationX: -5, translationY: 0)
        let mask = Warp.insideMask(sourceWidth: 10, sourceHeight: 10, transform: t, width: 10, height: 10)
        #expect(mask[2, 5, 0] == 0)
        #expect(mask[8, 5, 0] == 1)
    }
}

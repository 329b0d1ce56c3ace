import EchtImaging
import EchtTestSupport
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

    /// The framed matte made in one pass equals the matte's alpha and foreground rendered, the
    /// alpha clamped and cut to the matte's region (or the photo's, when the region holds the
    /// frame), bit for bit: alpha beyond 0...1, a region smaller than the photo, frames past
    /// both, enlarging frames, and the separate path (unrotated,
    /// pre-blurred, shrunk) included.
    @Test(arguments: [(1.12, 0.14, 5.0, true, 70), (1.12, 0.14, 5.0, false, 70), (0.9, -0.2, -9.0, false, 70),
                      (1.04, 0.1, -30.0, true, 70), (1.12, 0.0, 5.0, false, 70), (1.6, 0.14, 5.0, false, 70),
                      (2.3, -0.2, -9.0, true, 70), (0.3, 0.12, -2.0, true, 290), (0.3, -0.12, -2.0, false, 290)])
    func framedMatteEqualsItsParts(scale: Double, angle: Double, shift: Double, regionHoldsFrame: Bool, width: Int) {
        let colour = Self.ramp(width: 97, height: 83)
        var rng = SeededRandom(seed: 4)
        let alpha = Image(width: 97, height: 83, channels: 1, pixels: (0..<(97 * 83)).map { _ in Float(rng.next(in: -0.2...1.2)) })
        let t = SimilarityTransform(scale: scale, angle: angle, translationX: shift + 11, translationY: 13)
        var local = t
        local.translationX -= 11; local.translationY -= 6
        let height = width * 8 / 7
        let framed = Warp.renderMatte(alpha: alpha, foreground: colour, transform: local, width: width, height: height,
                                      photo: (90, 75, t), regionHoldsFrame: regionHoldsFrame)
        let inside = Warp.insideMask(sourceWidth: 90, sourceHeight: 75, transform: t, width: width, height: height)
        let inRegion = regionHoldsFrame ? inside : Warp.insideMask(sourceWidth: 97, sourceHeight: 83, transform: local, width: width, height: height)
        var expected = Warp.render(alpha, transform: local, width: width, height: height)
        for i in expected.pixels.indices { expected.pixels[i] = min(1, max(0, expected.pixels[i])) * inRegion.pixels[i] }
        #expect(framed.alpha.pixels.map(\.bitPattern) == expected.pixels.map(\.bitPattern))
        #expect(framed.foreground == Warp.render(colour, transform: local, width: width, height: height))
        #expect(inside.pixels.contains(0) && inside.pixels.contains(1) && (regionHoldsFrame || inRegion != inside), "the frame crosses the edges")
    }

    /// The rotated warps fetch ahead the rows about two or three output rows further down read:
    /// 3 for the framing's 1.3× shrink turned 8°, more for larger shrinks (at most 8), at least 2,
    /// none without a turn (the unturned paths read row by row).
    @Test func prefetchDistanceFollowsTheRowStep() {
        let turn = 8 * Double.pi / 180
        #expect(Warp.prefetchRows(SimilarityTransform(scale: 1.3, angle: turn, translationX: 0, translationY: 0)) == 3)
        #expect(Warp.prefetchRows(SimilarityTransform(scale: 2.6, angle: -turn, translationX: 0, translationY: 0)) == 6)
        #expect(Warp.prefetchRows(SimilarityTransform(scale: 9, angle: turn, translationX: 0, translationY: 0)) == 8)
        #expect(Warp.prefetchRows(SimilarityTransform(scale: 0.2, angle: turn, translationX: 0, translationY: 0)) == 2)
        #expect(Warp.prefetchRows(SimilarityTransform(scale: 1.3, angle: 0, translationX: 0, translationY: 0)) == 0)
    }

    /// The inside runs of each row hold exactly the pixels `insideMask` marks: frames turned by
    /// any angle (a quarter and a half turn included), shrinking and enlarging, partly, wholly
    /// and not at all inside the source.
    @Test(arguments: [(1.0, 0.0, -5.0, 0.0), (1.3, 0.2, 4.0, -6.0), (0.7, -1.1, 30.0, 10.0), (2.0, Double.pi / 2, 40.0, -3.0),
                      (1.0, Double.pi, 35.0, 38.0), (0.4, 2.5, 20.0, 25.0), (1.0, 0.0, 500.0, 0.0), (0.9, -0.02, 0.0, 0.0)])
    func insideRowsMatchTheInsideMask(scale: Double, angle: Double, shiftX: Double, shiftY: Double) {
        let t = SimilarityTransform(scale: scale, angle: angle, translationX: shiftX, translationY: shiftY)
        let (w, h) = (53, 47)
        let mask = Warp.insideMask(sourceWidth: 31, sourceHeight: 29, transform: t, width: w, height: h)
        let rows = InsideRows(sourceWidth: 31, sourceHeight: 29, transform: t, width: w)
        var mismatches = 0
        for y in 0..<h {
            let span = rows.span(row: y)
            for x in 0..<w where (mask[x, y, 0] == 1) != span.contains(x) { mismatches += 1 }
        }
        #expect(mismatches == 0)
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

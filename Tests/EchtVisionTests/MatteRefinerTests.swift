import EchtImaging
import Testing
@testable import EchtVision

/// The matte refiner on synthetic scenes whose true alpha and foreground are known.
struct MatteRefinerTests {
    /// A 240×200 scene: a disc of radius 60 in one colour over a textured other colour, with
    /// a soft (feathered) alpha, and a coarse 256² mask that is the disc blurred heavily.
    static func scene() -> (photo: Image, alpha: [Float], coarse: Image, foreground: SIMD3<Float>) {
        let w = 240, h = 200
        let fg = SIMD3<Float>(0.6, 0.35, 0.25)
        var alpha = [Float](repeating: 0, count: w * h), pixels = [Float](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let d = ((Float(x) + 0.5 - 120) * (Float(x) + 0.5 - 120) + (Float(y) + 0.5 - 100) * (Float(y) + 0.5 - 100)).squareRoot()
                let a = min(max((60 - d) / 3 + 0.5, 0), 1)
                let bg = SIMD3<Float>(0.1, 0.3 + 0.2 * Float((x / 8 + y / 8) % 2), 0.6)
                let c = fg * a + bg * (1 - a)
                alpha[y * w + x] = a
                for k in 0..<3 { pixels[(y * w + x) * 3 + k] = c[k] }
            }
        }
        var coarse = Raster(width: w, height: h, channels: 1, values: alpha).boxBlurred(radius: 10).resized(width: 256, height: 256)
        coarse.values = coarse.values.map { min(max($0, 0), 1) }
        return (Image(width: w, height: h, channels: 3, pixels: pixels), alpha,
                Image(width: 256, height: 256, channels: 1, pixels: coarse.values), fg)
    }

    @Test func refinedAlphaIsCloserToTruthThanCoarseMask() {
        let s = Self.scene()
        let matte = MatteRefiner().refine(coarseMask: s.coarse, photo: s.photo)
        #expect(matte.alpha.width == 240 && matte.alpha.height == 200 && matte.alpha.channels == 1)
        let upsampled = Raster(width: 256, height: 256, channels: 1, values: s.coarse.pixels).resized(width: 240, height: 200).values
        func error(_ a: [Float]) -> Float { zip(a, s.alpha).map { abs($0 - $1) }.reduce(0, +) / Float(a.count) }
        #expect(error(matte.alpha.pixels) < 0.65 * error(upsampled), "refined \(error(matte.alpha.pixels)) vs coarse \(error(upsampled))")
        #expect(matte.alpha.pixels.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    /// A window limits the full-resolution pass to part of the photo: the matte starts at the
    /// window's (outward-rounded, clipped) corner and holds exactly the whole-photo matte's values
    /// there, also across the disc's soft edge; a window reaching past the photo is clipped.
    @Test(arguments: [PixelRect(minX: 30.4, minY: 17.6, maxX: 181.2, maxY: 140.1), PixelRect(minX: -20, minY: 90, maxX: 300, maxY: 260)])
    func windowedMatteEqualsWholeMatteInside(window: PixelRect) {
        let s = Self.scene()
        let whole = MatteRefiner().refine(coarseMask: s.coarse, photo: s.photo)
        let part = MatteRefiner().refine(coarseMask: s.coarse, photo: s.photo, window: window)
        let x0 = max(0, Int(window.minX.rounded(.down))), y0 = max(0, Int(window.minY.rounded(.down)))
        let x1 = min(240, Int(window.maxX.rounded(.up))), y1 = min(200, Int(window.maxY.rounded(.up)))
        #expect(part.originX == x0 && part.originY == y0)
        #expect(part.alpha.width == x1 - x0 && part.alpha.height == y1 - y0)
        #expect(part.fits(photoWidth: 240, photoHeight: 200))
        var alphaDifferences = 0, foregroundDifferences = 0, edge = 0
        for y in y0..<y1 {
            for x in x0..<x1 {
                let i = y * 240 + x, j = (y - y0) * part.alpha.width + (x - x0)
                if whole.alpha.pixels[i] != part.alpha.pixels[j] { alphaDifferences += 1 }
                if whole.alpha.pixels[i] > 0.05 && whole.alpha.pixels[i] < 0.95 { edge += 1 }
                for k in 0..<3 where whole.foreground.pixels[i * 3 + k] != part.foreground.pixels[j * 3 + k] { foregroundDifferences += 1 }
                #expect(part.coverage(x: x, y: y) == whole.coverage(x: x, y: y))
            }
        }
        #expect(alphaDifferences == 0 && foregroundDifferences == 0, "\(alphaDifferences) alpha, \(foregroundDifferences) colour samples differ")
        #expect(edge > 100, "the window holds the soft edge (\(edge) pixels)")
        #expect(part.coverage(x: x1, y: y0) == 0 || x1 == 240)
    }

    @Test func foregroundRemovesOldBackgroundAtSoftEdges() {
        let s = Self.scene()
        let matte = MatteRefiner().refine(coarseMask: s.coarse, photo: s.photo)
        var photoError: Float = 0, estimateError: Float = 0, n: Float = 0
        for i in 0..<(240 * 200) where s.alpha[i] > 0.2 && s.alpha[i] < 0.8 {
            for k in 0..<3 {
                photoError += abs(s.photo.pixels[i * 3 + k] - s.foreground[k])
                estimateError += abs(matte.foreground.pixels[i * 3 + k] - s.foreground[k])
            }
            n += 3
        }
        #expect(n > 0)
        #expect(estimateError / n < 0.5 * photoError / n, "foreground error \(estimateError / n) vs photo \(photoError / n)")
    }

    @Test func upsampledGoldenMaskKeepsMean() throws {
        guard ModelGolden.available else { return }
        let mask = try ModelGolden.floats("selfie_mask")
        let up = Raster(width: 256, height: 256, channels: 1, values: mask).resized(width: 512, height: 512)
        let mean = up.values.reduce(0, +) / Float(up.values.count)
        let fraction = Float(up.values.filter { $0 > 0.5 }.count) / Float(up.values.count)
        #expect(abs(mean - 0.54185) < 1e-4 && abs(fraction - 0.54466) < 1e-4)
    }
}

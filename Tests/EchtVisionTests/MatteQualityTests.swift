import EchtTestSupport
import EchtImaging
import Foundation
import Testing
@testable import EchtVision

/// The fused full-resolution pass, the coarse-mask bounds, and the matte of a real portrait.
struct MatteQualityTests {
    /// The fused pass gives the same alpha and foreground as upsampling the grid to full size
    /// first and applying the formulas pixel by pixel, at heights that do not split evenly into
    /// the pass's row bands (115 rows crashed the 115-px dev portrait: a band began past the end).
    @Test(arguments: [61, 115, 7, 1])
    func fusedPassMatchesExplicitUpsampling(height h: Int) {
        let w = 97, gw = 23, gh = min(17, h), c = FullResolutionPass.gridChannels
        var photo = Raster(width: w, height: h, channels: 3)
        for i in photo.values.indices { photo.values[i] = Float((i * 7919) % 1000) / 900 } // a little above 1 too
        var grid = Raster(width: gw, height: gh, channels: c)
        for i in 0..<(gw * gh) {
            for k in 0..<c { grid.values[i * c + k] = Float(((i + 3) * (k + 5) * 104_729) % 1000) / 1000 }
            grid.values[i * c + 3] -= 0.8                     // b: alpha spans 0...1
            grid.values[i * c + 10] *= 0.3                    // lower bound
            grid.values[i * c + 11] = 0.7 + 0.3 * grid.values[i * c + 11] // upper bound
        }
        let fused = FullResolutionPass.run(photo: photo, grid: grid, threads: 2)
        let up = grid.resized(width: w, height: h)
        var alphaError: Float = 0, foregroundError: Float = 0
        for i in 0..<(w * h) {
            let g = Array(up.values[(i * c)..<(i * c + c)])
            let im = (0..<3).map { photo.values[i * 3 + $0] }
            var v = g[3]
            for k in 0..<3 { v += g[k] * SRGB.encode(min(max(im[k], 0), 1)) }
            let a = min(max(v, g[10]), g[11])
            alphaError = max(alphaError, abs(a - fused.alpha[i]))
            for k in 0..<3 {
                let f = min(max(g[4 + k] + g[12] * a * (im[k] - a * g[4 + k] - (1 - a) * g[7 + k]), ForegroundEstimator.floor * min(4 * (1 - a), 1) * g[4 + k]), max(1, im[k]))
                foregroundError = max(foregroundError, abs(f - fused.foreground[i * 3 + k]))
            }
        }
        #expect(alphaError < 2e-3 && foregroundError < 5e-3, "alpha \(alphaError), foreground \(foregroundError)")
        #expect(FullResolutionPass.run(photo: photo, grid: grid, threads: 1).alpha == fused.alpha)
    }

    /// A dark disc beside an old background that is the same dark colour on its left half:
    /// colour alone cannot separate them, so the refined alpha must follow the coarse mask there
    /// instead of bleeding into the background.
    @Test func alphaDoesNotBleedIntoSimilarlyColouredBackground() {
        let w = 240, h = 200
        let subject = SIMD3<Float>(0.03, 0.03, 0.06)
        var truth = [Float](repeating: 0, count: w * h), pixels = [Float](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let d = ((Float(x) + 0.5 - 120) * (Float(x) + 0.5 - 120) + (Float(y) + 0.5 - 100) * (Float(y) + 0.5 - 100)).squareRoot()
                let a = min(max(60 - d + 0.5, 0), 1)
                let background = x < 120 ? SIMD3<Float>(0.035, 0.03, 0.065) : SIMD3<Float>(0.9, 0.9, 0.85)
                let colour = subject * a + background * (1 - a)
                truth[y * w + x] = a
                for k in 0..<3 { pixels[(y * w + x) * 3 + k] = colour[k] }
            }
        }
        var coarse = Raster(width: w, height: h, channels: 1, values: truth).boxBlurred(radius: 12).boxBlurred(radius: 12).resized(width: 256, height: 256)
        coarse.values = coarse.values.map { min(max($0, 0), 1) }
        let matte = MatteRefiner().refine(coarseMask: Image(width: 256, height: 256, channels: 1, pixels: coarse.values),
                                          photo: Image(width: w, height: h, channels: 3, pixels: pixels))
        var leak: Float = 0, count: Float = 0, error: Float = 0
        for y in 0..<h {
            for x in 0..<120 {
                let d = ((Float(x) + 0.5 - 120) * (Float(x) + 0.5 - 120) + (Float(y) + 0.5 - 100) * (Float(y) + 0.5 - 100)).squareRoot()
                error += abs(matte.alpha.pixels[y * w + x] - truth[y * w + x])
                if d > 78 { leak += matte.alpha.pixels[y * w + x]; count += 1 }
            }
        }
        #expect(leak / count < 0.01, "mean alpha \(leak / count) in the dark background ≥ 18 px from the subject")
        #expect(error / Float(120 * h) < 0.03, "mean alpha error \(error / Float(120 * h)) on the ambiguous half")
    }

    /// The official portrait: solid alpha inside the face and the suit, none in the corners, and
    /// no partial alpha more than a few pixels away from the person's outline.
    @Test(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil, "needs ../shared/photos/dev and the models"))
    func officialPortraitMatteIsSolidInsideAndClearOutside() throws {
        let url = Fixtures.devPhotos!.appendingPathComponent("portrait-official-studio-obama-01.jpg")
        let photo = try ImageFile.decode(contentsOf: url).image
        let analysis = try VisionModels.analyzer!.analyse(photo, matte: true)
        let matte = try #require(analysis.matte)
        let face = try #require(analysis.faces.first).face.detection.box
        let alpha = matte.alpha
        func at(_ x: Float, _ y: Float) -> Float { alpha.pixels[Int(y) * alpha.width + Int(x)] }
        #expect(at(face.center.x, face.center.y) > 0.97)
        let chestY = min(face.maxY + (face.maxY - face.minY), Float(alpha.height - 5))
        #expect(at(face.center.x, chestY) > 0.97)
        for (x, y) in [(5, 5), (alpha.width - 6, 5)] { #expect(alpha.pixels[y * alpha.width + x] < 0.02) }
        // Columns beside the head, above the shoulders, are old background: no partial alpha there.
        let left = Int(face.minX) - Int((face.maxX - face.minX) * 0.6), top = Int(face.minY)
        var haze: Float = 0, n: Float = 0
        for y in top..<(top + Int((face.maxY - face.minY) * 0.5)) where left > 10 {
            for x in 5..<left { haze += alpha.pixels[y * alpha.width + x]; n += 1 }
        }
        #expect(n > 0 && haze / n < 0.02, "mean alpha \(haze / max(n, 1)) left of the head")
        // The dark-blue flag beside the right shoulder resembles the suit: it must stay background.
        let side = face.maxX - face.minX
        var flag: Float = 0, m: Float = 0
        for y in Int(face.maxY + 0.7 * side)..<min(alpha.height, Int(face.maxY + 1.6 * side)) {
            for x in Int(face.maxX + 0.81 * side)..<min(alpha.width, Int(face.maxX + 0.97 * side)) { flag += alpha.pixels[y * alpha.width + x]; m += 1 }
        }
        #expect(m > 0 && flag / m < 0.05, "mean alpha \(flag / max(m, 1)) over the flag beside the right shoulder")
    }
}

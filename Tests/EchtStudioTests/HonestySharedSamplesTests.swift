import EchtImaging
import Testing
@testable import EchtStudio

/// The geometry registration's samples (position, weight, reference detail) are found once per
/// framing, with the reference, and the frame's provenance sums run eight lanes at a time: on
/// every look of a large dev portrait the figures must be those of the per-look computation,
/// bit for bit.
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct HonestySharedSamplesTests {
    /// The fit as every look ran it before the samples moved into the reference: over every
    /// `step`-th pixel of the window, skipping zero weights, position and weight formed there.
    static func perLookFit(moved: [Float], reference: [Float], weight: [Float], width w: Int, height h: Int, step: Int) -> [Double]? {
        var p = [0.0, 0.0, 0.0, 0.0]
        let cx = Double(w) / 2, cy = Double(h) / 2
        for _ in 0..<20 {
            var row0 = SIMD4<Double>.zero, row1 = SIMD4<Double>.zero, row2 = SIMD4<Double>.zero, row3 = SIMD4<Double>.zero
            var gradient = SIMD4<Double>.zero
            func tap(_ i: Int) -> SIMD4<Float> {
                SIMD4(moved[i], (moved[i + 1] - moved[i - 1]) / 2, (moved[i + w] - moved[i - w]) / 2, 0)
            }
            for y in stride(from: 0, to: h, by: step) {
                for x in stride(from: 0, to: w, by: step) where weight[y * w + x] > 0 {
                    let u = Double(x) + 0.5 - cx, v = Double(y) + 0.5 - cy
                    let sx = Double(x) + p[0] + p[2] * u - p[3] * v, sy = Double(y) + p[1] + p[3] * u + p[2] * v
                    guard sx >= 1, sy >= 1, sx < Double(w - 2), sy < Double(h - 2) else { continue }
                    let ix = Int(sx), iy = Int(sy), tx = Float(sx - Double(ix)), ty = Float(sy - Double(iy))
                    let k0 = iy * w + ix, k1 = k0 + w
                    let w00: Float = (1 - tx) * (1 - ty), w10: Float = tx * (1 - ty), w01: Float = (1 - tx) * ty, w11: Float = tx * ty
                    var s: SIMD4<Float> = tap(k0) * w00
                    s += tap(k0 + 1) * w10
                    s += tap(k1) * w01
                    s += tap(k1 + 1) * w11
                    let value = Double(s.x), gx = Double(s.y), gy = Double(s.z)
                    let j = SIMD4(gx, gy, gx * u + gy * v, -gx * v + gy * u)
                    let kj = Double(weight[y * w + x]) * j
                    gradient += kj * (value - Double(reference[y * w + x]))
                    row0 += kj.x * j; row1 += kj.y * j; row2 += kj.z * j; row3 += kj.w * j
                }
            }
            let hessian = [row0, row1, row2, row3].flatMap { [$0.x, $0.y, $0.z, $0.w] }
            guard let step = GeometryRegistration.solve(hessian, [gradient.x, gradient.y, gradient.z, gradient.w]) else { return nil }
            for r in 0..<4 { p[r] -= step[r] }
            guard p.allSatisfy(\.isFinite), abs(p[0]) < 20, abs(p[1]) < 20, abs(p[2]) < 0.2, abs(p[3]) < 0.2 else { return nil }
            if abs(step[0]) + abs(step[1]) < 1e-4, abs(step[2]) + abs(step[3]) < 1e-7 { break }
        }
        return p
    }

    /// The frame's provenance as one running sum over every pixel, inside mask at hand.
    static func perPixelProvenance(alpha: Image, inside: Image) -> (Bool, Double) {
        var ok = true, generated = 0.0
        for i in 0..<alpha.pixels.count {
            if alpha.pixels[i] > 0.02, inside.pixels[i] < 0.5 { ok = false }
            generated += Double(1 - min(1, max(0, alpha.pixels[i])))
        }
        return (ok, generated / Double(alpha.pixels.count))
    }

    @Test func theSharedSamplesAndLaneSumsGiveThePerLookFigures() throws {
        let name = "portrait-xlarge-4600px-beard-cluttered-01.jpg"
        let (_, image, face, looks, styles, analysis) = try StudioFixtures.defaultLooksAnalysis(name)
        for style in styles {
            let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: style, sourceName: name)
            let reference = try #require(framed.honesty.registration)
            let w = reference.window.width, h = reference.window.height
            // Large enough that the fit samples every second pixel, and the frame's edge cuts rows.
            #expect(GeometryRegistration.sampleStep(width: w, height: h) == 2)
            let t = framed.framing.transform
            let mask = Warp.insideMask(sourceWidth: image.width, sourceHeight: image.height, transform: t,
                                       width: framed.framing.width, height: framed.framing.height)
            #expect(mask.pixels.contains(0))
            let (ok, share) = Self.perPixelProvenance(alpha: framed.alpha, inside: mask)
            #expect(framed.honesty.onlyBackdropGenerated == ok)
            #expect(framed.honesty.generatedShare.bitPattern == share.bitPattern, "\(framed.honesty.generatedShare) vs \(share)")
            for look in looks where look.framing == style {
                let result = try StudioPipeline.render(image: image, framed: framed, face: face, look: look)
                let window = reference.window
                let moved = GeometryRegistration.detail(
                    result.headshot.region(x0: window.x0, y0: window.y0, width: w, height: h), sigma: reference.detailSigma)
                let shared = try #require(GeometryRegistration.fit(moved: moved, samples: reference.samples, width: w, height: h))
                let perLook = try #require(Self.perLookFit(moved: moved, reference: reference.detail, weight: reference.weight,
                                                           width: w, height: h, step: 2))
                #expect(shared.map(\.bitPattern) == perLook.map(\.bitPattern), "\(look.name): \(shared) vs \(perLook)")
                #expect(result.honesty.geometryError != nil)
            }
        }
    }
}

import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtStudio

/// The grade's eight-lane path against the per-pixel definition.
@Suite struct ToneCurveLanesTests {
    /// The grade pixel by pixel, as `ColourGrade.apply` defines it (colour grades, no clarity).
    static func gradedPixelByPixel(_ grade: Grade, _ image: Image) -> Image {
        let curve = ToneCurve(contrast: grade.contrast, blackLift: grade.blackLift)
        let exposure = powf(2, grade.exposure)
        let warm = SIMD3<Float>(1 + 0.12 * grade.warmth, 1 + 0.01 * grade.warmth, 1 - 0.14 * grade.warmth)
        var out = image
        let c = image.channels
        for i in 0..<(image.width * image.height) {
            var v = SIMD3(out.pixels[i * c], out.pixels[i * c + 1], out.pixels[i * c + 2]) * exposure * warm
            if grade.saturation != 1 {
                let y = SRGB.luminance(v.x, v.y, v.z)
                v = SIMD3(repeating: y) + (v - SIMD3(repeating: y)) * grade.saturation
            }
            for k in 0..<3 { out.pixels[i * c + k] = curve.map(v[k]) }
        }
        return out
    }

    @Test("eight pixels at a time equal the per-pixel grade bit for bit, odd widths, edges of the curve and alpha included",
          arguments: [3, 4])
    func lanesEqualPixelByPixel(channels: Int) {
        var rng = SeededRandom(seed: UInt64(40 + channels))
        let (w, h) = (37, 9)
        var pixels = (0..<(w * h * channels)).map { _ in Float(rng.next(in: -0.2...4.6)) }
        // The clamp's edges: negative zero, zero, the table's top and just under it.
        for (k, value) in [Float(-0.0), 0, 4, 3.9999998, 1e-30, -1e-30].enumerated() { pixels[k * 5] = value }
        let image = Image(width: w, height: h, channels: channels, pixels: pixels)
        let grades = [Look.builtIn["professional"]!.grade, Look.builtIn["artistic"]!.grade, Look.builtIn["relaxed"]!.grade,
                      Grade(exposure: 0.3, warmth: 0.5, saturation: 0.7, contrast: 0.2, blackLift: 0.03)]
        for grade in grades {
            #expect(ColourGrade.apply(grade, to: image) == Self.gradedPixelByPixel(grade, image), "\(grade)")
        }
    }
}

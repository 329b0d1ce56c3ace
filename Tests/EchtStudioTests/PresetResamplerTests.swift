@testable import EchtImaging
@testable import EchtStudio
import EchtTestSupport
import Foundation
import Testing

/// The preset resampler gives `Warp.render`'s pixels up to float rounding, on real pixels.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.samplePortrait.path), "needs the sample portrait (make setup)"))
struct PresetResamplerTests {
    static func portrait(channels: Int) throws -> Image {
        let decoded = try ImageFile.decode(contentsOf: Fixtures.samplePortrait).image
        let rgb = decoded.channels == 3 ? decoded : decoded.rgb()
        switch channels {
        case 3: return rgb
        case 1: return rgb.luminance()
        default: return rgb.addingAlpha(rgb.luminance())
        }
    }

    /// The largest difference between two images of one size.
    static func largestDifference(_ a: Image, _ b: Image) -> Float {
        precondition(a.width == b.width && a.height == b.height && a.channels == b.channels)
        return zip(a.pixels, b.pixels).map { abs($0 - $1) }.max() ?? 0
    }

    /// Every path of `Warp.render` without a turn: a one-pass blur (1.6, 1.9, the window partly
    /// outside the photo at 1.6), no blur (1.02, 1.3), too small a blur (1.1), an upscale (0.7)
    /// and a frame reaching past the photo's corner; box shrinks by 2 and 4 (2.4, 4.8, 2.9: the
    /// square presets' kind) are `Warp.render`'s own.
    @Test(arguments: [(1.6, 10.3, -5.7, 300, 300), (1.9, 2.0, 3.0, 250, 260), (1.6, 40.0, 30.0, 200, 150),
                      (1.02, 1.5, 2.5, 400, 400), (1.3, 0.0, 0.0, 350, 380), (1.1, 3.0, 3.0, 300, 300),
                      (2.4, 5.0, 5.0, 200, 200), (4.8, 0.0, 0.0, 100, 100), (2.9, -20.0, 13.5, 160, 190),
                      (0.7, 12.0, 8.0, 300, 280), (1.5, 380.0, 400.0, 120, 110)])
    func equalsWarpRender(scale: Double, tx: Double, ty: Double, width: Int, height: Int) throws {
        let image = try Self.portrait(channels: 3)
        let transform = SimilarityTransform(scale: scale, angle: 0, translationX: tx, translationY: ty)
        let ours = PresetResampler.render(image, transform: transform, width: width, height: height)
        #expect(Self.largestDifference(ours, Warp.render(image, transform: transform, width: width, height: height)) < 2e-6)
    }

    /// One and four channels: still `Warp.render`'s pixels.
    @Test(arguments: [1, 4])
    func otherChannelCountsEqualWarpRender(channels: Int) throws {
        let image = try Self.portrait(channels: channels)
        for scale in [1.75, 1.3] {
            let transform = SimilarityTransform(scale: scale, angle: 0, translationX: 7.25, translationY: -3.5)
            #expect(Self.largestDifference(PresetResampler.render(image, transform: transform, width: 140, height: 145),
                                           Warp.render(image, transform: transform, width: 140, height: 145)) < 2e-6)
        }
    }

    /// A turned cut, and one that shrinks by 2 or more, is `Warp.render` itself.
    @Test(arguments: [(1.7, 0.05), (2.4, 0.0)])
    func turnedOrShrunkCutsAreWarpRender(scale: Double, angle: Double) throws {
        let image = try Self.portrait(channels: 3)
        let transform = SimilarityTransform(scale: scale, angle: angle, translationX: 20.5, translationY: 4.25)
        #expect(SeparableResampler.render(image, transform: transform, width: 160, height: 170) == nil)
        #expect(PresetResampler.render(image, transform: transform, width: 160, height: 170)
            == Warp.render(image, transform: transform, width: 160, height: 170))
    }

    /// Each output sample's weights keep a flat field flat (they sum to 1) and stay inside the window.
    @Test(arguments: [(300, [Int](), 1.0), (300, [1], 1.6), (301, [1, 1, 2], 1.9), (7, [2], 1.5)])
    func weightsSumToOneInsideTheWindow(length: Int, radii: [Int], scale: Double) {
        let out = Int(Double(length) / scale)
        let grid = BilinearGrid(transform: SimilarityTransform(scale: scale, angle: 0, translationX: 0, translationY: 0),
                                width: out, columns: length, rows: length)
        let axis = SeparableResampler.Axis(length: length, radii: radii, bilinear: grid.unrotatedColumns())
        #expect(axis.start.count == out)
        for i in 0..<out {
            let sum = axis.weights[i * axis.taps ..< (i + 1) * axis.taps].reduce(0, +)
            #expect(abs(sum - 1) < 1e-5)
            #expect(axis.start[i] >= 0 && axis.start[i] + axis.taps <= length)
        }
    }
}

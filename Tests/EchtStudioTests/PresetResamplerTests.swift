@testable import EchtImaging
@testable import EchtStudio
import EchtTestSupport
import Foundation
import Testing

/// The preset resampler gives `Warp.render`'s pixels exactly, on real pixels.
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

    /// Scales that take the blurred-window path (1.6, 1.9, the window partly outside the photo;
    /// rotated 1.7) and ones that go to `Warp.render` as they are (no blur at 1.02 and 1.3, too
    /// small a blur at 1.1, box-downsampled at 2.4 and 4.8): all equal to `Warp.render`.
    @Test(arguments: [(1.6, 0.0, 10.3, -5.7, 300, 300), (1.9, 0.0, 2.0, 3.0, 250, 260), (1.7, 0.05, 20.5, 4.25, 260, 270),
                      (1.6, 0.0, 40.0, 30.0, 200, 150), (1.02, 0.0, 1.5, 2.5, 400, 400), (1.3, 0.0, 0.0, 0.0, 350, 380),
                      (1.1, 0.0, 3.0, 3.0, 300, 300), (2.4, 0.0, 5.0, 5.0, 200, 200), (4.8, 0.0, 0.0, 0.0, 100, 100)])
    func equalsWarpRender(scale: Double, angle: Double, tx: Double, ty: Double, width: Int, height: Int) throws {
        let image = try Self.portrait(channels: 3)
        let transform = SimilarityTransform(scale: scale, angle: angle, translationX: tx, translationY: ty)
        let ours = PresetResampler.render(image, transform: transform, width: width, height: height)
        #expect(ours == Warp.render(image, transform: transform, width: width, height: height))
    }

    /// One and four channels take the general per-channel path: still `Warp.render`'s pixels.
    @Test(arguments: [1, 4])
    func otherChannelCountsEqualWarpRender(channels: Int) throws {
        let image = try Self.portrait(channels: channels)
        let transform = SimilarityTransform(scale: 1.75, angle: 0, translationX: 7.25, translationY: -3.5)
        #expect(PresetResampler.render(image, transform: transform, width: 280, height: 290)
            == Warp.render(image, transform: transform, width: 280, height: 290))
    }

    /// The blurred window itself equals a copy blurred in place by `Blur`, also for a radius of 2
    /// and a window only a few rows high (the ring's edge rows repeat).
    @Test(arguments: [(1, 0, 0, 512, 512), (1, 30, 40, 200, 3), (2, 5, 7, 101, 90), (3, 100, 100, 50, 2)])
    func blurredWindowEqualsBlurInPlace(radius: Int, x0: Int, y0: Int, width: Int, height: Int) throws {
        let image = try Self.portrait(channels: 3)
        var copy = image.region(x0: x0, y0: y0, width: width, height: height)
        Blur.boxInPlace(&copy.pixels, width: width, height: height, channels: 3, radius: radius)
        #expect(PresetResampler.boxBlurredWindow(image, x0: x0, y0: y0, width: width, height: height, radius: radius) == copy)
    }
}

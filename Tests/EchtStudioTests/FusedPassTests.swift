import EchtImaging
import EchtTestSupport
import Testing
@testable import EchtStudio
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The per-look passes that were merged or narrowed for speed give what the separate,
/// whole-frame passes gave.
@Suite struct FusedPassTests {
    static func noisy(width: Int, height: Int, channels: Int, seed: UInt64, range: ClosedRange<Double> = 0.02...0.9) -> Image {
        var rng = SeededRandom(seed: seed)
        return Image(width: width, height: height, channels: channels,
                     pixels: (0..<(width * height * channels)).map { _ in Float(rng.next(in: range)) })
    }

    @Test func balanceAndLightInOnePassEqualTheTwoPasses() {
        let image = Self.noisy(width: 40, height: 30, channels: 3, seed: 1)
        let gain = Self.noisy(width: 40, height: 30, channels: 1, seed: 2, range: 0.5...1.5)
        let balance = SkinBalance(gains: SIMD3(1.07, 0.98, 0.91), skinColour: .zero, skinHue: 0, exposureStops: 0)
        #expect(MeshLight.apply(gain, to: image, balance: balance.gains) == MeshLight.apply(gain, to: balance.apply(to: image)))
    }

    @Test(arguments: [Look.builtIn["professional"]!, Look.builtIn["artistic"]!, Look.builtIn["relaxed"]!])
    func clarityAndGradeInOnePassEqualTheTwoPasses(_ look: Look) {
        let image = Self.noisy(width: 64, height: 120, channels: 3, seed: 3)
        let mask = Self.noisy(width: 64, height: 120, channels: 1, seed: 4, range: 0...1)
        let twoPasses = ColourGrade.apply(look.grade, to: ColourGrade.clarity(look.light.clarity, image: image, mask: mask))
        #expect(ColourGrade.apply(look.grade, clarity: look.light.clarity, mask: mask, to: image) == twoPasses)
    }

    @Test(arguments: [Look.builtIn["professional"]!, Look.builtIn["artistic"]!, Look.builtIn["relaxed"]!])
    func theClarityGainsEqualTheFullSizeBaseLayer(_ look: Look) {
        // A frame tall enough for the local mean to be blurred at a fifth of its size.
        let image = Self.noisy(width: 90, height: 2400, channels: 3, seed: 12)
        let mask = Self.noisy(width: 90, height: 2400, channels: 1, seed: 13, range: -0.3...1)
            .pixels.map { max($0, 0) }
        let n = image.width * image.height, amount = look.light.clarity
        // The logarithm and exponential are `VectorMath`'s (see VectorMathTests for them against logf/expf).
        var logLuma = (0..<n).map { i in
            max(0, SRGB.luminance(image.pixels[i * 3], image.pixels[i * 3 + 1], image.pixels[i * 3 + 2])) + 1e-3
        }
        logLuma.withUnsafeMutableBufferPointer { VectorMath.logInPlace($0) }
        let base = Blur.gaussianReduced(Image(width: image.width, height: image.height, channels: 1, pixels: logLuma), sigma: 40)
        let expected = (0..<n).map { i -> Float in
            mask[i] == 0 ? 1 : VectorMath.exp(.init(repeating: amount * 0.6 * max(-1, min(1, logLuma[i] - base.pixels[i])) * mask[i]))[0]
        }
        let gains = ColourGrade.clarityGains(amount, image: image, mask: Image(width: image.width, height: image.height, channels: 1, pixels: mask))
        #expect(gains == expected)
    }

    /// The texture figure of the honesty report, over the whole frame by its definition.
    static func wholeFrameEnergy(_ image: Image, mask: Image, sigma: Float) -> Double {
        let n = image.width * image.height
        var logLuma = (0..<n).map { i in
            logf(max(SRGB.luminance(image.pixels[i * 3], image.pixels[i * 3 + 1], image.pixels[i * 3 + 2]), 0) + 2e-3)
        }
        let base = Blur.gaussian(Image(width: image.width, height: image.height, channels: 1, pixels: logLuma), sigma: sigma)
        var energy = 0.0, weight = 0.0
        for i in 0..<n where mask.pixels[i] > 0.5 {
            logLuma[i] -= base.pixels[i]
            energy += Double(logLuma[i] * logLuma[i] * mask.pixels[i]); weight += Double(mask.pixels[i])
        }
        return energy / weight
    }

    @Test("the texture measure reads only the mask's box and gives the whole frame's figure",
          arguments: [(Float(1.2), 30, 40), (3.5, 0, 0), (6, 150, 5), (0.6, 90, 100)])
    func textureMeasureInTheMaskBox(sigma: Float, x0: Int, y0: Int) {
        let image = Self.noisy(width: 180, height: 140, channels: 3, seed: 5)
        var mask = Image.plane(width: 180, height: 140)
        for y in y0..<min(140, y0 + 35) { for x in x0..<min(180, x0 + 28) { mask[x, y, 0] = 0.6 + Float((x + y) % 5) * 0.1 } }
        let fast = HonestyMeasures.highFrequencyEnergy(image, mask: mask, sigma: sigma)
        let reference = Self.wholeFrameEnergy(image, mask: mask, sigma: sigma)
        #expect(abs(fast / reference - 1) < 1e-5, "\(fast) against \(reference)")
    }

    @Test(arguments: [Float(0.8), 2.5, 7, 19])
    func aWindowBlursLikeTheWholeImageBeyondTheReach(sigma: Float) {
        let image = Self.noisy(width: 160, height: 150, channels: 1, seed: 6)
        let whole = Blur.gaussian(image, sigma: sigma)
        let reach = Blur.reach(sigma: sigma)
        let x0 = 20, y0 = 10, w = 40 + 2 * reach, h = 30 + 2 * reach
        let window = Blur.gaussian(image.region(x0: x0, y0: y0, width: w, height: h), sigma: sigma)
        var worst: Float = 0
        for y in reach..<(h - reach) { for x in reach..<(w - reach) {
            worst = max(worst, abs(window[x, y, 0] - whole[x0 + x, y0 + y, 0]))
        } }
        #expect(worst < 1e-5)
    }
}

/// The geometry check's fit on a large face sums every second row and column.
@Suite struct RegistrationSamplingTests {
    @Test func largeBoxesAreSampledAndSmallOnesAreNot() {
        #expect(GeometryRegistration.sampleStep(width: 400, height: 500) == 1)
        #expect(GeometryRegistration.sampleStep(width: 1182, height: 1329) == 2)
        #expect(GeometryRegistration.sampleStep(width: 2000, height: 2400) == 4)
    }

    @Test(arguments: [(0.3, -0.2), (-1.5, 0.7)])
    func aSampledFitFindsTheShiftOfTheFullFit(dx: Double, dy: Double) throws {
        let size = 600
        // Fine texture: blurred noise, unit RMS after the detail filter.
        var texture = FusedPassTests.noisy(width: size, height: size, channels: 1, seed: 9, range: 0...1)
        texture = Blur.gaussian(texture, sigma: 1.2)
        let moved = Warp.sampleBilinear(texture, transform: SimilarityTransform(scale: 1, angle: 0, translationX: dx, translationY: dy),
                                        width: size, height: size)
        var weight = [Float](repeating: 0, count: size * size)
        for y in 0..<size { for x in 0..<size where (x - 300) * (x - 300) + (y - 300) * (y - 300) < 250 * 250 { weight[y * size + x] = 1 } }
        let reference = GeometryRegistration.detail(texture, sigma: 4), movedDetail = GeometryRegistration.detail(moved, sigma: 4)
        let full = try #require(GeometryRegistration.fit(moved: movedDetail, reference: reference, weight: weight, width: size, height: size, step: 1))
        let sampled = try #require(GeometryRegistration.fit(moved: movedDetail, reference: reference, weight: weight, width: size, height: size, step: 2))
        // `moved` at x is the texture at x + d, so `moved` must be read at x − d to match.
        #expect(abs(full[0] + dx) < 0.02 && abs(full[1] + dy) < 0.02, "full fit \(full)")
        #expect(abs(sampled[0] - full[0]) < 0.005 && abs(sampled[1] - full[1]) < 0.005, "sampled \(sampled) against full \(full)")
    }
}

import EchtImaging
import Testing
@testable import EchtStudio

/// Painted backdrops are made at a quarter of the frame's size and upsampled as they are
/// composited: that must be indistinguishable from painting every pixel.
@Suite struct ReducedBackdropTests {
    /// 8-bit sRGB code value of a linear sample, as the encoder writes it.
    static func code(_ value: Float) -> Float { (SRGB.encode(min(max(value, 0), 1)) * 255).rounded() }

    @Test(arguments: ["professional", "artistic", "corporate"])
    func quarterSizePaintMatchesFullSizePaint(_ name: String) {
        let look = Look.builtIn[name]!
        let width = 1920, height = 2400, subject = SIMD2<Float>(960, 920)
        let reduced = BackdropRenderer.reduced(look.backdrop, width: width, height: height, subject: subject, light: look.light)
        #expect(reduced.factor == BackdropRenderer.paintedReduction)
        let fast = reduced.full()
        let full = BackdropRenderer.painted(look.backdrop, width: width, height: height, subject: subject, light: look.light,
                                            canvas: look.backdrop.kind == .canvas)
        var worst: Float = 0, worstCode: Float = 0
        for i in 0..<full.pixels.count {
            worst = max(worst, abs(fast.pixels[i] / full.pixels[i] - 1))
            worstCode = max(worstCode, abs(Self.code(fast.pixels[i]) - Self.code(full.pixels[i])))
        }
        #expect(worst < 3e-3, "largest relative difference \(worst)")
        #expect(worstCode <= 1, "largest 8-bit difference \(worstCode)")
    }

    /// Banding shows as steps of more than one 8-bit level between neighbours (or flat runs
    /// the full-size paint does not have); upsampling must add neither.
    @Test(arguments: ["professional", "artistic"])
    func upsampledCanvasHasNoSteps(_ name: String) {
        let look = Look.builtIn[name]!
        let width = 960, height = 1200
        let fast = BackdropRenderer.reduced(look.backdrop, width: width, height: height, subject: SIMD2(480, 460), light: look.light).full()
        var largestStep: Float = 0
        for y in 0..<height { for x in 1..<width { for c in 0..<3 {
            largestStep = max(largestStep, abs(Self.code(fast[x, y, c]) - Self.code(fast[x - 1, y, c])))
        } } }
        for y in 1..<height { for x in stride(from: 0, to: width, by: 7) { for c in 0..<3 {
            largestStep = max(largestStep, abs(Self.code(fast[x, y, c]) - Self.code(fast[x, y - 1, c])))
        } } }
        #expect(largestStep <= 1, "neighbouring pixels differ by \(largestStep) levels")
    }

    @Test func solidBackdropsStayFullSizeAndExact() {
        let reduced = BackdropRenderer.reduced(Look.builtIn["white"]!.backdrop, width: 30, height: 40, subject: SIMD2(15, 15), light: .init())
        #expect(reduced.factor == 1)
        #expect(reduced.full().pixels.allSatisfy { $0 == 1 })
    }

    @Test func compositeOverTheSmallBackdropMatchesCompositeOverItsUpsampledCopy() {
        let width = 240, height = 300
        let backdrop = BackdropRenderer.reduced(Look.builtIn["artistic"]!.backdrop, width: width, height: height,
                                                subject: SIMD2(120, 110), light: Look.builtIn["artistic"]!.light)
        var alpha = Image.plane(width: width, height: height)
        for y in 0..<height { for x in 0..<width {
            let d = ((Float(x) - 120) * (Float(x) - 120) + (Float(y) - 200) * (Float(y) - 200)).squareRoot()
            alpha[x, y, 0] = min(1, max(0, (90 - d) / 6))
        } }
        let person = Image(width: width, height: height, filledWith: [0.3, 0.2, 0.15])
        let fast = Composite.over(foreground: person, alpha: alpha, backdrop: backdrop, wrap: 0.3)
        let reference = Composite.over(foreground: person, alpha: alpha, backdrop: backdrop.full(), wrap: 0.3)
        var worst: Float = 0
        for i in 0..<fast.pixels.count { worst = max(worst, abs(fast.pixels[i] - reference.pixels[i])) }
        #expect(worst < 2e-3, "largest difference \(worst)")
        // Without light wrap only the upsampling is left, and it is the same.
        let plain = Composite.over(foreground: person, alpha: alpha, backdrop: backdrop, wrap: 0)
        #expect(plain == Composite.over(foreground: person, alpha: alpha, backdrop: backdrop.full(), wrap: 0))
    }
}

import EchtImaging
import Testing
@testable import EchtStudio

/// The canvas mottle is sampled once per framing (`CanvasNoise`) and shared by its canvas looks:
/// a canvas painted from the shared noise must be the one each look painted for itself.
@Suite struct CanvasNoiseTests {
    @Test func valuesAreTheSeededFractalAtTheBlockCentres() {
        let width = 203, height = 257, every = 4
        let noise = CanvasNoise(width: width, height: height, every: every), fractal = ValueNoise(seed: 0x5EED)
        let sw = (width + every - 1) / every, sh = (height + every - 1) / every
        #expect(noise.values.count == sw * sh)
        for (x, y) in [(0, 0), (sw - 1, 0), (17, 33), (sw - 1, sh - 1)] {
            let px = (Float(x) + 0.5) * 4, py = (Float(y) + 0.5) * 4
            #expect(noise.values[y * sw + x] == fractal.fractal(x: px / Float(height), y: py / Float(height)))
        }
        #expect(Set(noise.values).count > 100, "the mottle must vary")
    }

    @Test("a canvas painted from the framing's shared noise equals one painting its own", arguments: ["professional", "artistic"])
    func sharedNoisePaintsTheSameCanvas(_ name: String) {
        let look = Look.builtIn[name]!, width = 901, height = 1126, subject = SIMD2<Float>(450, 420)
        let own = BackdropRenderer.reduced(look.backdrop, width: width, height: height, subject: subject, light: look.light)
        let shared = CanvasNoise(width: width, height: height, every: BackdropRenderer.paintedReduction)
        let fromShared = BackdropRenderer.reduced(look.backdrop, width: width, height: height, subject: subject, light: look.light,
                                                  noise: shared)
        #expect(fromShared.small == own.small)
        // Noise made for another frame is not used.
        let other = CanvasNoise(width: width, height: height + 40, every: BackdropRenderer.paintedReduction)
        let fromOther = BackdropRenderer.reduced(look.backdrop, width: width, height: height, subject: subject, light: look.light,
                                                 noise: other)
        #expect(fromOther.small == own.small)
    }
}

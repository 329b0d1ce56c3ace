import EchtTestSupport
import Testing
@testable import EchtVision

/// The bucketed nearest-sample question answers as a scan of every sample does, to the bit.
struct ChromaSamplesTests {
    /// The nearest of `samples` to `c`, by scanning them all (the question's meaning).
    static func scanned(_ c: SIMD3<Float>, _ samples: [SIMD3<Float>]) -> Float {
        var best = Float.infinity
        for s in samples { let d = s - c; best = min(best, (d * d).sum()) }
        return best.squareRoot()
    }

    /// Random chromaticities (on the simplex and off it, as near-black cells give), random radii
    /// from a hundredth to twice the bucket side, and queries placed exactly on samples.
    @Test func nearestWithinARadiusIsTheScannedNearest() {
        var rng = SeededRandom(seed: 11)
        func colour() -> SIMD3<Float> {
            let r = Float(rng.next(in: 0...1)), g = Float(rng.next(in: 0...1))
            return rng.next(in: 0...1) < 0.8 ? BackdropLookalikes.chroma(SIMD3(r, g, Float(rng.next(in: 0...1)))) : SIMD3(r, g, 0.5)
        }
        let samples = (0..<400).map { _ in colour() }
        let filed = ChromaSamples(samples, side: 0.05)
        var found = 0, missing = 0
        for k in 0..<4000 {
            let c = k % 10 == 0 ? samples[k % samples.count] : colour()
            let radius = Float(rng.next(in: 0.0005...0.1))
            let truth = Self.scanned(c, samples)
            if let d = filed.nearest(c, within: radius) {
                #expect(d.bitPattern == truth.bitPattern && d <= radius)
                found += 1
            } else {
                #expect(truth > radius)
                missing += 1
            }
        }
        #expect(found > 500 && missing > 500, "both answers asked (\(found) found, \(missing) none)")
        #expect(ChromaSamples([], side: 0.05).isEmpty && ChromaSamples([], side: 0.05).nearest(SIMD3(0.3, 0.3, 0.4), within: 1) == nil)
    }
}

import EchtTestSupport
import Testing
@testable import EchtVision

/// The nearest-sample scan eight samples at a time answers as the one-at-a-time scan, to the bit.
struct ChromaSamplesTests {
    /// The nearest of `samples` to `c`, one sample at a time (the question's meaning).
    static func scanned(_ c: SIMD3<Float>, _ samples: [SIMD3<Float>]) -> Float {
        var best = Float.infinity
        for s in samples { let d = s - c; best = min(best, (d * d).sum()) }
        return best.squareRoot()
    }

    /// Random chromaticities (on the simplex and off it, as near-black cells give), sample counts
    /// that fill the last block of eight and ones that do not, and queries placed on samples.
    @Test(arguments: [1, 7, 8, 9, 364, 785])
    func theNearestIsTheScannedNearest(count: Int) {
        var rng = SeededRandom(seed: UInt64(count))
        func colour() -> SIMD3<Float> {
            let r = Float(rng.next(in: 0...1)), g = Float(rng.next(in: 0...1))
            return rng.next(in: 0...1) < 0.8 ? BackdropLookalikes.chroma(SIMD3(r, g, Float(rng.next(in: 0...1)))) : SIMD3(r, g, 0.5)
        }
        let samples = (0..<count).map { _ in colour() }
        let laidOut = ChromaSamples(samples)
        #expect(!laidOut.isEmpty)
        for k in 0..<2000 {
            let c = k % 10 == 0 ? samples[k % samples.count] : colour()
            #expect(laidOut.nearest(c).bitPattern == Self.scanned(c, samples).bitPattern)
        }
    }

    /// No samples: empty, and nothing is near.
    @Test func noSamplesAreInfinitelyFar() {
        let none = ChromaSamples([])
        #expect(none.isEmpty && none.nearest(SIMD3(0.3, 0.3, 0.4)) == .infinity)
    }
}

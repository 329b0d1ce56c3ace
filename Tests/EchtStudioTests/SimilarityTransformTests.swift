import EchtTestSupport
import Testing
@testable import EchtStudio

@Suite struct SimilarityTransformTests {
    static let cases: [SimilarityTransform] = [
        .identity,
        SimilarityTransform(scale: 2.5, angle: 0.2, translationX: 100, translationY: -40),
        SimilarityTransform(scale: 0.75, angle: -0.26, translationX: -3.5, translationY: 12),
    ]

    @Test(arguments: cases)
    func outputAndSourcePointsAreInverse(_ t: SimilarityTransform) {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<100 {
            let p = SIMD2(rng.next(in: -500...500), rng.next(in: -500...500))
            let back = t.outputPoint(t.sourcePoint(p))
            #expect(abs(back.x - p.x) < 1e-9 && abs(back.y - p.y) < 1e-9, "seed 7, point \(p)")
        }
    }

    @Test func compositionEqualsApplyingInTurn() {
        let outer = Self.cases[1], inner = Self.cases[2]
        let both = outer.composed(with: inner)
        for p in [SIMD2<Double>(0, 0), SIMD2(10, 3), SIMD2(-7, 250)] {
            let expected = outer.sourcePoint(inner.sourcePoint(p)), got = both.sourcePoint(p)
            #expect(abs(expected.x - got.x) < 1e-9 && abs(expected.y - got.y) < 1e-9)
        }
    }

    @Test func distancesScaleUniformly() {
        let t = Self.cases[1]
        let a = t.sourcePoint(SIMD2<Double>(0, 0)), b = t.sourcePoint(SIMD2<Double>(3, 4))
        #expect(abs(((a - b) * (a - b)).sum().squareRoot() - 5 * t.scale) < 1e-9)
    }
}

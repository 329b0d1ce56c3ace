import Foundation
import Testing
@testable import EchtStudio

/// The eight-wide logarithm and exponential against the C library's `logf` and `expf`.
@Suite struct VectorMathTests {
    /// Units in the last place between `a` and the reference `b` (both finite, same sign).
    static func ulps(_ a: Float, _ b: Float) -> Int {
        abs(Int(a.bitPattern) - Int(b.bitPattern))
    }

    @Test("log is within two units in the last place of logf from 1e-6 to 1e6, odd-length buffers included")
    func logMatchesLibrary() {
        // Geometric steps over twelve decades, plus the values near one where log is near zero.
        var inputs = (0..<20_001).map { Float(pow(10, -6 + 12 * Double($0) / 20_000)) }
        inputs += (0..<2_001).map { 1 + Float($0 - 1_000) * 1e-5 }
        var fast = inputs
        fast.withUnsafeMutableBufferPointer { VectorMath.logInPlace($0) }
        let worst = zip(fast, inputs).map { a, x -> Float in
            let reference = logf(x)
            // Near one the result is tiny: compare absolutely there, in ulps elsewhere.
            return abs(reference) < 1e-3 ? abs(a - reference) / 1e-10 : Float(Self.ulps(a, reference))
        }.max()!
        #expect(worst <= 2, "worst \(worst)")
        #expect(inputs.count % 8 != 0, "a tail shorter than eight values is tested")
    }

    @Test("exp is within two units in the last place of expf from −87 to 10, exactly one at zero, zero far below")
    func expMatchesLibrary() {
        var inputs = (0..<30_001).map { -87 + 97 * Float($0) / 30_000 } + [0, -0.0, 1e-8, -1e-8]
        var fast = inputs
        fast.withUnsafeMutableBufferPointer { VectorMath.expInPlace($0) }
        let worst = zip(fast, inputs).map { Self.ulps($0, expf($1)) }.max()!
        #expect(worst <= 2, "worst \(worst)")
        #expect(fast[30_001] == 1 && fast[30_002] == 1, "the clarity's gain outside its mask is exactly one")
        inputs = [-88, -100, -1e6]
        inputs.withUnsafeMutableBufferPointer { VectorMath.expInPlace($0) }
        #expect(inputs == [0, 0, 0])
    }
}

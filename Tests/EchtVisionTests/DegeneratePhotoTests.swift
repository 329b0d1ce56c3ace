import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// Photos no face fits in are answered at once: a strip a few pixels wide is not searched, and
/// the mesh confirms no more than `Options.mostCandidates` detections however many the noise
/// of a long strip gives (an 8×6000 strip had 977 and took 40 s).
@Suite(.enabled(if: VisionModels.available, "needs the models and a working interpreter"))
struct DegeneratePhotoTests {
    /// Deterministic noise, `width`×`height`, sRGB-like values in linear light.
    static func noise(width: Int, height: Int) -> Image {
        var state: UInt32 = 12345
        let pixels = (0..<(width * height * 3)).map { _ -> Float in
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 8) / Float(1 << 24)
        }
        return Image(width: width, height: height, channels: 3, pixels: pixels)
    }

    @Test func aStripNarrowerThanTheSmallestFaceIsNotSearched() throws {
        let detector = VisionModels.analyzer!.detector
        #expect(try detector.detectCandidates(in: Self.noise(width: 8, height: 3000)).isEmpty)
        #expect(try detector.detectCandidates(in: Self.noise(width: 3000, height: 15)).isEmpty)
    }

    @Test func theMeshConfirmsAtMostTheMostCandidates() throws {
        var options = PortraitAnalyzer.Options()
        options.mostCandidates = 5
        let analyzer = try PortraitAnalyzer(modelsDirectory: Fixtures.modelsDirectory, options: options)
        let strip = Self.noise(width: 30, height: 1500)
        let all = try analyzer.detector.detectCandidates(in: strip).count
        #expect(all > 5, "the strip gives more detections than the limit: \(all)")
        let (faces, unconfirmed) = try analyzer.search(strip)
        #expect(faces.count + unconfirmed.count <= 5)
    }
}

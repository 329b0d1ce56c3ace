import EchtImaging
import Testing
@testable import EchtStudio

/// `Image.boundingBox(above:)` searches rows eight samples at a time; it must find exactly the
/// box a sample-by-sample scan finds.
struct BoundingBoxTests {
    /// The box by looking at every sample.
    static func scanned(_ plane: Image, above threshold: Float) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
        var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1
        for y in 0..<plane.height {
            for x in 0..<plane.width where plane.pixels[y * plane.width + x] > threshold {
                x0 = min(x0, x); x1 = max(x1, x + 1); y0 = min(y0, y); y1 = max(y1, y + 1)
            }
        }
        return x1 < 0 ? nil : (x0, y0, x1, y1)
    }

    /// Sparse planes of every width from 1 to 40 (rows shorter than, equal to and between the
    /// eight-sample steps), with samples at, just above and below the threshold, and NaN.
    @Test func findsTheBoxEverySampleGives() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0, empty = 0
        for width in 1...40 {
            for trial in 0..<30 {
                let height = 1 + trial % 5
                var plane = Image.plane(width: width, height: height)
                let hits = trial % 4
                for _ in 0..<hits {
                    let i = Int.random(in: 0..<(width * height), using: &generator)
                    plane.pixels[i] = [Float(0.5), 0.50001, 1, .nan][Int.random(in: 0..<4, using: &generator)]
                }
                if trial == 29 { plane.pixels[0] = 1; plane.pixels[width * height - 1] = 1 }
                let expected = Self.scanned(plane, above: 0.5), found = plane.boundingBox(above: 0.5)
                #expect(found.map { [$0.x0, $0.y0, $0.x1, $0.y1] } == expected.map { [$0.x0, $0.y0, $0.x1, $0.y1] }, "\(width)x\(height)")
                checked += 1
                if expected == nil { empty += 1 }
            }
        }
        #expect(empty > 0 && empty < checked)
    }
}

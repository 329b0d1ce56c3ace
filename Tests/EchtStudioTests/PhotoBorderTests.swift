import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtStudio

/// `PhotoBorder.find`: plain, neutral margins with a step into the picture are borders; a
/// clipped white backdrop the head rises into, a blue sky or a thin line are not.
struct PhotoBorderTests {
    /// A 300×400 "picture" of mid-tone texture, with (x, y) → colour overriding it where not nil.
    func picture(_ paint: (Int, Int) -> SIMD3<Float>? = { _, _ in nil }) -> Image {
        var random = SeededRandom(seed: 3)
        var image = Image(width: 300, height: 400, filledWith: [0, 0, 0])
        for y in 0..<400 {
            for x in 0..<300 {
                let colour = paint(x, y) ?? SIMD3(0.1, 0.2, 0.15) * Float(0.5 + random.next(in: 0...1))
                for k in 0..<3 { image[x, y, k] = colour[k] }
            }
        }
        return image
    }

    @Test func aPlainMarginOrBarsAreABorder() {
        let white = picture { x, y in x < 20 || x >= 280 || y < 20 || y >= 380 ? SIMD3(repeating: 0.95) : nil }
        #expect(PhotoBorder.find(in: white) == PhotoBorder(top: 20, bottom: 20, left: 20, right: 20))
        let bars = picture { _, y in y < 50 || y >= 370 ? SIMD3(repeating: 0) : nil }
        #expect(PhotoBorder.find(in: bars) == PhotoBorder(top: 50, bottom: 30, left: 0, right: 0))
    }

    @Test func whatIsNoBorder() {
        #expect(PhotoBorder.find(in: picture()) == nil)
        // A clipped white backdrop: the head (a dark disc) rises into lines still mostly white.
        let highKey = picture { x, y in
            let dx = Float(x - 150), dy = Float(y - 200)
            return y < 200 && dx * dx + dy * dy > 120 * 120 ? SIMD3(repeating: 1) : nil
        }
        #expect(PhotoBorder.find(in: highKey) == nil)
        // A blue sky down to a straight horizon.
        let sky = picture { _, y in y < 100 ? SIMD3(0.2, 0.4, 0.9) : nil }
        #expect(PhotoBorder.find(in: sky) == nil)
        // A 2-px line round the picture.
        let line = picture { x, y in x < 2 || x >= 298 || y < 2 || y >= 398 ? SIMD3(repeating: 1) : nil }
        #expect(PhotoBorder.find(in: line) == nil)
    }

    /// No dev photo has a border (each keeps all its pixels).
    @Test(.enabled(if: Fixtures.devPhotos != nil, "needs ../shared/photos/dev"))
    func noDevPhotoHasABorder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.devPhotos!.path).filter { $0.hasSuffix(".jpg") || $0.hasSuffix(".png") }
        #expect(names.count >= 20)
        for name in names {
            let image = try ImageFile.decode(contentsOf: Fixtures.devPhotos!.appendingPathComponent(name)).image
            #expect(PhotoBorder.find(in: image) == nil, "\(name)")
        }
    }
}

@testable import EchtImaging
import EchtTestSupport
import Testing

@Suite struct ResizeTests {
    @Test func resizeHitsTheRequestedSizeAndKeepsFlatColour() throws {
        let flat = Image(width: 97, height: 61, filledWith: [0.25, 0.5, 0.75])
        for (width, height) in [(50, 31), (194, 122), (33, 77), (1, 1)] {
            let resized = try flat.resized(width: width, height: height)
            #expect(resized.width == width && resized.height == height)
            #expect(ImageCompare.maxDifference(resized, Image(width: width, height: height, filledWith: [0.25, 0.5, 0.75])) < 1e-4)
        }
    }

    @Test func downscaleThenCompareWithBoxAverage() throws {
        // A 2x2 checkerboard of 0 and 1 halved must average to 0.5 in linear light.
        var checker = Image(width: 64, height: 64, filledWith: [0])
        for y in 0..<64 { for x in 0..<64 where (x + y) % 2 == 0 { checker[x, y, 0] = 1 } }
        let half = try checker.resized(width: 32, height: 32)
        let centre = half[16, 16, 0]
        #expect(abs(centre - 0.5) < 0.02, "centre \(centre)")
    }

    @Test func transparentPixelsDoNotBleedColour() throws {
        // Left half opaque red, right half fully transparent green: no green may appear.
        var image = Image(width: 32, height: 8, filledWith: [1, 0, 0, 1])
        for y in 0..<8 { for x in 16..<32 { image[x, y, 0] = 0; image[x, y, 1] = 1; image[x, y, 3] = 0 } }
        let resized = try image.resized(width: 16, height: 4)
        for x in 0..<16 where resized[x, 2, 3] > 0.05 {
            #expect(resized[x, 2, 1] < 0.02, "green bled into x=\(x)")
        }
    }

    @Test func rejectsNonPositiveSizes() {
        let image = Image(width: 4, height: 4, filledWith: [0.5])
        #expect(throws: ImagingError.self) { try image.resized(width: 0, height: 4) }
    }
}

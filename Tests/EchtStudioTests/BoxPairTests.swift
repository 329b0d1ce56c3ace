import EchtImaging
import Testing
@testable import EchtStudio

/// The input preview and the input's tile shrink the photo by two box factors in one banded pass
/// (`Warp.downsampleBox(_:factors:_:)`): the same values as two whole-image shrinks.
@Suite struct BoxPairTests {
    @Test("one banded pass by two factors equals two whole-image shrinks",
          arguments: [(2, 4, 3), (4, 2, 3), (3, 7, 3), (2, 2, 3), (3, 5, 1), (2, 3, 4)])
    func bandedPairEqualsTwoShrinks(_ first: Int, _ second: Int, _ channels: Int) {
        // Wide rows make bands of a few dozen rows, so the image holds many, the last one partial.
        let image = FusedPassTests.noisy(width: 1501, height: 203, channels: channels, seed: 31)
        let rowBytes = image.width * channels * 4
        #expect(Warp.boxPairBandBytes / rowBytes < image.height / 2, "the test image must span several bands")
        let (a, b) = Warp.downsampleBox(image, factors: first, second)
        #expect(a == Warp.downsampleBox(image, factor: first))
        #expect(b == Warp.downsampleBox(image, factor: second))
    }

    @Test func inputThumbnailsEqualTheTwoThumbnails() throws {
        let image = FusedPassTests.noisy(width: 300, height: 4000, channels: 3, seed: 33)
        let (preview, tile) = try ContactSheet.inputThumbnails(image)
        #expect(ContactSheet.boxFactor(image, height: 960) == 2 && ContactSheet.boxFactor(image, height: 480) == 4)
        #expect(preview == (try ContactSheet.thumbnail(image, height: 960)))
        #expect(tile == (try ContactSheet.thumbnail(image, height: 480)))
    }
}

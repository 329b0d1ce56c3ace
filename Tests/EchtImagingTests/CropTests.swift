import EchtImaging
import EchtTestSupport
import Testing

/// `Image.cropped`: the block's pixels, row by row, every channel.
struct CropTests {
    @Test(arguments: [1, 3, 4])
    func aCropIsTheBlocksPixels(channels: Int) {
        var random = SeededRandom(seed: 11)
        let image = Image(width: 37, height: 23, channels: channels,
                          pixels: (0..<(37 * 23 * channels)).map { _ in Float(random.next(in: 0...1)) })
        let crop = image.cropped(x: 5, y: 7, width: 19, height: 11)
        #expect(crop.width == 19 && crop.height == 11 && crop.channels == channels)
        var same = true
        for y in 0..<11 { for x in 0..<19 { for c in 0..<channels where crop[x, y, c] != image[x + 5, y + 7, c] { same = false } } }
        #expect(same)
        #expect(image.cropped(x: 0, y: 0, width: 37, height: 23) == image)
    }
}

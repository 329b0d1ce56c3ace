import EchtImaging
import Testing
@testable import EchtStudio

/// `Warp.downsampleBox` of three and four channels (`Warp.boxBlocks`): each block's mean is its
/// samples summed row by row, left to right, from zero, divided by their count, to the bit,
/// including the partial blocks of the last row and column and windows inside the image.
@Suite struct BoxBlocksTests {
    @Test("block means in the promised order", arguments: [(3, 3), (3, 4), (3, 7), (4, 3), (4, 5), (4, 2)])
    func blockMeansInOrder(_ channels: Int, _ factor: Int) {
        let image = FusedPassTests.noisy(width: 203, height: 61, channels: channels, seed: 41)
        for (x0, y0, width, height) in [(0, 0, 203, 61), (5, 3, 190, 50), (11, 7, 1, 2), (0, 0, 2, 1)] {
            let shrunk = Warp.downsampleBox(image, factor: factor, x0: x0, y0: y0, width: width, height: height)
            #expect(shrunk == reference(image, factor: factor, x0: x0, y0: y0, width: width, height: height))
        }
    }

    /// One block at a time, one channel at a time.
    private func reference(_ image: Image, factor f: Int, x0: Int, y0: Int, width: Int, height: Int) -> Image {
        let c = image.channels, w = (width + f - 1) / f, h = (height + f - 1) / f
        var out = [Float](repeating: 0, count: w * h * c)
        for oy in 0..<h {
            for ox in 0..<w {
                let ys = oy * f, ye = min(ys + f, height), xs = ox * f, xe = min(xs + f, width)
                for k in 0..<c {
                    var sum: Float = 0
                    for y in ys..<ye { for x in xs..<xe { sum += image.pixels[((y0 + y) * image.width + x0 + x) * c + k] } }
                    out[(oy * w + ox) * c + k] = sum / Float((ye - ys) * (xe - xs))
                }
            }
        }
        return Image(width: w, height: h, channels: c, pixels: out)
    }
}

@testable import EchtImaging
import EchtTestSupport
import Foundation
import Testing

/// Every EXIF orientation, applied on decode, gives the same upright pixels.
@Suite struct OrientationTests {
    /// The stored pixels that orientation `tag` turns into `upright` (the inverse of the
    /// EXIF display transform), computed here by index arithmetic, independent of libvips.
    static func stored(_ upright: Image, orientation tag: Int) -> Image {
        let (w, h, n) = (upright.width, upright.height, upright.channels)
        let swaps = tag >= 5
        let sw = swaps ? h : w, sh = swaps ? w : h
        var out = Image(width: sw, height: sh, filledWith: [Float](repeating: 0, count: n))
        for y in 0..<sh {
            for x in 0..<sw {
                // Where stored pixel (x, y) is displayed.
                let (dx, dy): (Int, Int)
                switch tag {
                case 2: (dx, dy) = (w - 1 - x, y)
                case 3: (dx, dy) = (w - 1 - x, h - 1 - y)
                case 4: (dx, dy) = (x, h - 1 - y)
                case 5: (dx, dy) = (y, x)
                case 6: (dx, dy) = (w - 1 - y, x)
                case 7: (dx, dy) = (w - 1 - y, h - 1 - x)
                case 8: (dx, dy) = (y, h - 1 - x)
                default: (dx, dy) = (x, y)
                }
                for c in 0..<n { out[x, y, c] = upright[dx, dy, c] }
            }
        }
        return out
    }

    @Test(arguments: 1...8)
    func orientationGivesUprightPixels(tag: Int) throws {
        let upright = try TestImages.smallAstronaut(width: 48, height: 32)
        let stored = Self.stored(upright, orientation: tag)
        let vips = try TestImages.vips(bytes: stored.srgbBytes(), width: stored.width, height: stored.height, bands: 3)
        vips.set("orientation", int: tag)
        // TIFF: lossless and stores the orientation tag natively.
        let decoded = try ImageFile.decode(data: try vips.encoded(.tiff), name: "orientation-\(tag).tif")
        #expect(decoded.info.orientation == tag, "the test file must carry orientation \(tag)")
        #expect(decoded.info.uprightWidth == 48 && decoded.info.uprightHeight == 32)
        let identical = decoded.image == upright
        #expect(identical, "orientation \(tag) did not give the upright pixels")
    }

    @Test func jpegOrientationSixIsRotated() throws {
        // The same through JPEG (the usual camera case), compared with a PSNR bound.
        let upright = try TestImages.smallAstronaut(width: 48, height: 32)
        let stored = Self.stored(upright, orientation: 6)
        let vips = try TestImages.vips(bytes: stored.srgbBytes(), width: stored.width, height: stored.height, bands: 3)
        vips.set("orientation", int: 6)
        let decoded = try ImageFile.decode(data: try vips.encoded(.jpeg(quality: 98)))
        #expect(decoded.info.orientation == 6)
        #expect(ImageCompare.psnr(decoded.image, upright) > 35)
    }
}

@testable import EchtImaging
import EchtTestSupport
import Foundation
import Testing

/// An upright file without alpha is decoded through libvips' sequential access (rows streamed
/// into the conversion); the pixels must be those of the whole-image (random access) read.
@Suite struct SequentialDecodeTests {
    /// The file's pixels read through the random-access load, as `decode` read every file before.
    static func randomAccessPixels(_ url: URL) throws -> Image {
        try WorkingSpaceConversion.image(from: ImageFile.open(url, options: DecodeOptions()).vips)
    }

    /// JPEG (baseline, as Echt writes it) and PNG with and without alpha: the same pixels bit
    /// for bit; only the files without alpha take the sequential read.
    @Test(arguments: [(OutputFormat.jpeg, false), (.png, false), (.png, true)])
    func sequentialDecodeEqualsRandomAccess(format: OutputFormat, alpha: Bool) throws {
        var image = try TestImages.smallAstronaut(width: 300, height: 200)
        if alpha {
            var rgba = [Float](repeating: 0, count: image.width * image.height * 4)
            for i in 0..<(image.width * image.height) {
                for k in 0..<3 { rgba[i * 4 + k] = image.pixels[i * 3 + k] }
                rgba[i * 4 + 3] = Float(i % 256) / 255
            }
            image = Image(width: image.width, height: image.height, channels: 4, pixels: rgba)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("echt-sequential-\(UUID().uuidString).\(format == .jpeg ? "jpg" : "png")")
        defer { try? FileManager.default.removeItem(at: url) }
        try ImageFile.encode(image, options: EncodeOptions(format: format, quality: 90)).write(to: url)
        let opened = try ImageFile.open(url, options: DecodeOptions())
        #expect(WorkingSpaceConversion.readsPixelsOnce(opened.vips) == !alpha)
        let decoded = try ImageFile.decode(contentsOf: url).image
        #expect(decoded.channels == (alpha ? 4 : 3))
        #expect(decoded.pixels.map(\.bitPattern) == (try Self.randomAccessPixels(url)).pixels.map(\.bitPattern))
    }

    /// A real camera file (a progressive 14 MP JPEG): the same pixels either way.
    @Test(.enabled(if: Fixtures.devPhotos != nil, "needs /work/shared/photos/dev"))
    func sequentialDecodeOfAProgressivePhotoEqualsRandomAccess() throws {
        let url = try #require(Fixtures.devPhotos).appendingPathComponent("portrait-xlarge-4600px-beard-cluttered-01.jpg")
        let decoded = try ImageFile.decode(contentsOf: url).image
        #expect(decoded.width == 3061 && decoded.height == 4600)
        #expect(decoded.pixels == (try Self.randomAccessPixels(url)).pixels)
    }
}

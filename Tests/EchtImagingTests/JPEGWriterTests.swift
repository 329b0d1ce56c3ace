@testable import EchtImaging
import EchtTestSupport
import Foundation
import Testing

/// Echt's JPEG writer (libjpeg directly) writes the bytes libvips' jpegsave writes.
@Suite struct JPEGWriterTests {
    /// A linear-light image with ramps, noise and out-of-range values (RGB, or RGBA with a ramp of alpha).
    static func image(width: Int, height: Int, channels: Int) -> Image {
        var state: UInt32 = 0x2545_F491
        var pixels = [Float](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    state = state &* 1_664_525 &+ 1_013_904_223
                    let noise = Float(state >> 8) / Float(1 << 24) - 0.5
                    let value = c == 3 ? Float(x) / Float(max(width - 1, 1))
                        : Float((x * (c + 1) + y * 2) % 97) / 90 + 0.08 * noise - 0.02
                    pixels[(y * width + x) * channels + c] = value
                }
            }
        }
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Sizes with odd edges (partial 8×8 and 16×16 blocks), qualities on either side of 90 (where
    /// libvips stops subsampling chroma), RGB and RGBA (flattened over white by both).
    /// Ours also starts with a JFIF header stating 300 dpi (which libvips does not write), so
    /// that a signed file, whose EXIF the signing drops, keeps its resolution.
    @Test(arguments: [(1, 1), (17, 9), (401, 397), (1920, 2400)], [3, 4])
    func sameBytesAsLibvipsAfterTheJFIFHeader(size: (Int, Int), channels: Int) throws {
        let image = Self.image(width: size.0, height: size.1, channels: channels)
        for quality in [50, 88, 89, 90, 92, 100] {
            let ours = try ImageFile.encode(image, options: EncodeOptions(format: .jpeg, quality: quality))
            let theirs = try ImageFile.encode(image, options: EncodeOptions(format: .jpeg, quality: quality, jpegEncoder: .libvips))
            let expected = theirs.prefix(2) + Data(Self.jfifAt300dpi) + theirs.dropFirst(2)
            #expect(ours == expected, "\(size.0)×\(size.1)×\(channels) at quality \(quality): \(ours.count) against \(theirs.count) + 18 bytes")
        }
    }

    /// APP0 "JFIF\0", version 1.01, density unit 1 (dots per inch), 300 × 300, no thumbnail.
    static let jfifAt300dpi: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 1, 0x01, 0x2C, 0x01, 0x2C, 0, 0]

    /// Both writers' EXIF says 300 dpi (300000/1000, as libvips writes it), the print size the notes quote.
    @Test func exifSays300dpi() throws {
        let image = Self.image(width: 17, height: 9, channels: 3)
        for encoder in [JPEGEncoder.echt, .libvips] {
            let file = [UInt8](try ImageFile.encode(image, options: EncodeOptions(format: .jpeg, jpegEncoder: encoder)))
            let exif = try #require((0..<(file.count - 6)).first { Array(file[$0..<($0 + 6)]) == Array("Exif".utf8) + [0, 0] })
            let tiff = exif + 6
            func long(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(file[tiff + at + $1]) << (8 * $1) } }
            #expect(long(0x56) == 300_000 && long(0x5A) == 1000 && long(0x5E) == 300_000 && long(0x62) == 1000, "\(encoder)")
        }
    }

    /// The EXIF block carries the size as libvips writes it.
    @Test func exifBlockHoldsTheSize() {
        let block = JPEGWriter.exifBlock(width: 1920, height: 70_000 % 65_536)
        #expect(block.count == 186)
        #expect(Array(block[0..<6]) == Array("Exif".utf8) + [0, 0])
        #expect(Array(block[166..<170]) == [0x80, 0x07, 0, 0])
        #expect(Array(block[178..<182]) == [0x70, 0x11, 0, 0])
    }

    /// Camera fields still go through libvips, which writes them into EXIF.
    @Test func exifFieldsGoToLibvips() throws {
        let image = Self.image(width: 32, height: 24, channels: 3)
        var options = EncodeOptions(format: .jpeg, quality: 92)
        options.metadata.cameraMake = "Echt"
        #expect(try ImageEncoder.ownJPEG(image, options: options, destination: "test") == nil)
        #expect(try ImageEncoder.ownJPEG(image, options: EncodeOptions(format: .jpeg), destination: "test") != nil)
    }
}

@testable import EchtImaging
import EchtTestSupport
import Foundation
import Testing

/// Encode → decode round trips on the astronaut sample, with stated quality bounds.
@Suite struct RoundTripTests {
    static let astronaut = Fixtures.samplePortrait

    @Test func astronautDecodesAsUprightSRGB() throws {
        let decoded = try ImageFile.decode(contentsOf: Self.astronaut)
        #expect(decoded.info.format == .png)
        #expect(decoded.image.width == 512 && decoded.image.height == 512 && decoded.image.channels == 3)
        #expect(decoded.info.bitDepth == 8)
        // Linear light: the mean of sRGB-encoded mid-tones is above the linear mean.
        let mean = decoded.image.pixels.reduce(0, +) / Float(decoded.image.pixels.count)
        #expect(mean > 0.05 && mean < 0.6)
    }

    /// Lossless formats must give back the 8-bit codes exactly; lossy ones stay above a PSNR floor.
    @Test(arguments: [
        (OutputFormat.png, 8, Double.infinity),
        (.jpeg, 8, 38.0),
        (.webp, 8, 36.0),
        (.heic, 8, 34.0),
    ])
    func roundTrip(format: OutputFormat, bitDepth: Int, minimumPSNR: Double) throws {
        let original = try ImageFile.decode(contentsOf: Self.astronaut).image
        let data = try ImageFile.encode(original, options: EncodeOptions(format: format, quality: 92, bitDepth: bitDepth))
        let decoded = try ImageFile.decode(data: data)
        #expect(decoded.image.width == original.width && decoded.image.height == original.height)
        let psnr = ImageCompare.psnr(original, decoded.image)
        #expect(psnr >= minimumPSNR, "\(format) round trip PSNR \(psnr) dB below \(minimumPSNR) dB")
    }

    @Test func sixteenBitPNGKeepsSixteenBitPrecision() throws {
        // A smooth ramp needs more than 256 levels; 16-bit PNG must keep them.
        let width = 1024
        let ramp = (0..<width).map { Float($0) / Float(width - 1) }
        let image = Image(width: width, height: 1, channels: 1, pixels: ramp)
        let data = try ImageFile.encode(image, options: EncodeOptions(format: .png, bitDepth: 16))
        let decoded = try ImageFile.decode(data: data)
        #expect(decoded.info.bitDepth == 16)
        let error = ImageCompare.maxDifference(image, decoded.image)
        #expect(error < 2e-4, "16-bit PNG max error \(error)")
    }

    @Test func alphaSurvivesPNGAndJPEGFlattensOverWhite() throws {
        var image = Image(width: 8, height: 8, filledWith: [0.2, 0.4, 0.6, 1])
        for y in 0..<8 { for x in 0..<4 { image[x, y, 3] = 0 } }
        let png = try ImageFile.decode(data: try ImageFile.encode(image, options: EncodeOptions(format: .png))).image
        #expect(png.channels == 4)
        #expect(png[0, 0, 3] == 0 && png[7, 7, 3] == 1)
        #expect(abs(png[7, 7, 1] - 0.4) < 0.005)
        let jpeg = try ImageFile.decode(data: try ImageFile.encode(image, options: EncodeOptions(format: .jpeg, quality: 100))).image
        #expect(jpeg.channels == 3)
        #expect(jpeg[0, 0, 0] > 0.95, "transparent pixels should become white in JPEG")
    }

    @Test func jpegCarriesSRGBProfileAndChosenExif() throws {
        let image = Image(width: 16, height: 16, filledWith: [0.5, 0.5, 0.5])
        let metadata = ImageMetadata(cameraMake: "Echt Camera Co", cameraModel: "Model 7", captureDate: "2024:05:06 07:08:09")
        let data = try ImageFile.encode(image, options: EncodeOptions(format: .jpeg, metadata: metadata))
        let info = try ImageFile.decode(data: data).info
        #expect(info.iccProfileDescription?.lowercased().contains("srgb") == true, "profile: \(String(describing: info.iccProfileDescription))")
        #expect(info.metadata.cameraMake == "Echt Camera Co")
        #expect(info.metadata.cameraModel == "Model 7")
        #expect(info.metadata.captureDate == "2024:05:06 07:08:09")
        #expect(!info.hasGPS)
    }
}

@testable import EchtImaging
import EchtTestSupport
import Foundation
import Testing

/// EXIF carried into outputs, GPS stripped by default, C2PA detection, file formats.
@Suite struct MetadataTests {
    let scratch = ScratchFolder("metadata")
    static let here = GPSLocation(latitude: 52.520008, longitude: -13.404954)

    @Test func gpsIsStrippedByDefaultAndKeptOnRequest() throws {
        let image = try TestImages.smallAstronaut()
        let metadata = ImageMetadata(cameraMake: "Fujifilm", cameraModel: "X-T4", captureDate: "2023:10:01 12:00:00", location: Self.here)
        // A camera file with GPS (written through the same EXIF path with keepGPS).
        let withGPS = try ImageFile.encode(image, options: EncodeOptions(format: .jpeg, metadata: metadata, keepGPS: true))
        let input = try ImageFile.decode(data: withGPS, name: "camera.jpg")
        #expect(input.info.hasGPS)
        let location = try #require(input.info.metadata.location)
        #expect(abs(location.latitude - Self.here.latitude) < 1e-5 && abs(location.longitude - Self.here.longitude) < 1e-5)

        // Re-encoding with the input's metadata and default options drops GPS, keeps the camera.
        let output = try ImageFile.encode(input.image, options: EncodeOptions(format: .jpeg, metadata: input.info.metadata))
        let result = try ImageFile.decode(data: output).info
        #expect(!result.hasGPS)
        #expect(result.metadata.location == nil)
        #expect(result.metadata.cameraMake == "Fujifilm" && result.metadata.cameraModel == "X-T4")
        #expect(result.metadata.captureDate == "2023:10:01 12:00:00")
    }

    @Test(arguments: [OutputFormat.png, .webp, .heic])
    func otherFormatsCarryProfileAndCamera(format: OutputFormat) throws {
        let image = try TestImages.smallAstronaut()
        let metadata = ImageMetadata(cameraMake: "Leica", cameraModel: "Q2", location: Self.here)
        let info = try ImageFile.decode(data: try ImageFile.encode(image, options: EncodeOptions(format: format, metadata: metadata))).info
        #expect(info.iccProfileDescription != nil)
        #expect(!info.hasGPS)
    }

    /// Every readable format decodes to the same pixels within a stated bound (lossless
    /// formats exact; libjxl 0.7's lossless mode is off by one code in rare pixels).
    @Test(arguments: [
        ("tiff", VipsSaver.tiff, ImageFormat.tiff, Double.infinity),
        ("jxl", .jxl(quality: 100, lossless: true), .jxl, 60),
        ("webp", .webp(quality: 100, lossless: true), .webp, .infinity),
        ("heic", .heic(quality: 95), .heif, 34),
        ("jpeg", .jpeg(quality: 95), .jpeg, 36),
        ("png", .png(bitDepth: 8), .png, .infinity),
    ])
    func decodesEveryFormat(name: String, saver: VipsSaver, format: ImageFormat, minimumPSNR: Double) throws {
        let original = try TestImages.smallAstronaut()
        let vips = try TestImages.vips(bytes: original.srgbBytes(), width: original.width, height: original.height, bands: 3)
        let decoded = try ImageFile.decode(data: try vips.encoded(saver), name: "sample.\(name)")
        #expect(decoded.info.format == format)
        let psnr = ImageCompare.psnr(decoded.image, original)
        #expect(psnr >= minimumPSNR, "\(name): PSNR \(psnr) dB")
    }

    @Test func greyAndGreyAlphaDecode() throws {
        let grey = try TestImages.vips(bytes: [0, 128, 255, 64], width: 2, height: 2, bands: 1, interpretation: 1)
        let decoded = try ImageFile.decode(data: try grey.encoded(.png(bitDepth: 8))).image
        #expect(decoded.channels == 1 && decoded[1, 0, 0] == SRGBTransfer.linearFromByte[128])
        let greyAlpha = try TestImages.vips(bytes: [128, 255, 128, 0], width: 2, height: 1, bands: 2, interpretation: 1)
        let rgba = try ImageFile.decode(data: try greyAlpha.encoded(.png(bitDepth: 8))).image
        #expect(rgba.channels == 4 && rgba[1, 0, 3] == 0 && rgba[0, 0, 3] == 1 && rgba[0, 0, 2] == SRGBTransfer.linearFromByte[128])
    }

    @Test func c2paManifestIsDetectedInJPEGAndPNG() throws {
        let image = Image(width: 8, height: 8, filledWith: [0.5, 0.5, 0.5])
        let jpeg = [UInt8](try ImageFile.encode(image, options: EncodeOptions(format: .jpeg)))
        #expect(!C2PAScanner.containsManifest(Data(jpeg)))
        // Insert an APP11 segment with a minimal JUMBF superbox labelled "c2pa" after SOI.
        let jumbf: [UInt8] = [0x4A, 0x50, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01] + [0, 0, 0, 0x20] + Array("jumb".utf8)
            + [0, 0, 0, 0x18] + Array("jumd".utf8) + Array(repeating: 0, count: 16) + Array("c2pa".utf8) + [0]
        let segment: [UInt8] = [0xFF, 0xEB, UInt8((jumbf.count + 2) >> 8), UInt8((jumbf.count + 2) & 0xFF)] + jumbf
        let signed = Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
        #expect(C2PAScanner.containsManifest(Data(signed)))
        #expect(try ImageFile.decode(data: Data(signed)).info.hasC2PAManifest)

        let png = [UInt8](try ImageFile.encode(image, options: EncodeOptions(format: .png)))
        #expect(!C2PAScanner.containsManifest(Data(png)))
        // A caBX chunk right after IHDR (8 signature + 25 IHDR bytes).
        let payload = Array("jumb".utf8)
        var chunk: [UInt8] = [0, 0, 0, UInt8(payload.count)] + Array("caBX".utf8) + payload
        let crc = CRC32.checksum(chunk[4...])
        chunk += (0..<4).map { UInt8(truncatingIfNeeded: crc >> (24 - 8 * $0)) }
        let pngSigned = Array(png[0..<33]) + chunk + Array(png[33...])
        #expect(C2PAScanner.containsManifest(Data(pngSigned)))
        #expect(try ImageFile.decode(data: Data(pngSigned)).info.hasC2PAManifest)
    }

    @Test func atomicWriteRefusesToOverwriteUnlessAsked() throws {
        let url = scratch.file("out.jpg")
        let image = Image(width: 8, height: 8, filledWith: [0.2, 0.3, 0.4])
        try ImageFile.write(image, to: url)
        #expect(throws: ImagingError.outputExists(path: url.path)) { try ImageFile.write(image, to: url) }
        try ImageFile.write(Image(width: 4, height: 4, filledWith: [0.9, 0.9, 0.9]), to: url, overwrite: true)
        #expect(try ImageFile.info(contentsOf: url).width == 4)
        // No temporary files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        #expect(leftovers == ["out.jpg"])
        #expect(throws: ImagingError.self) { try AtomicFile.write(Data([1]), to: scratch.file("no/such/folder/x.bin")) }
    }

    @Test func iccDescriptionIsReadFromBothProfileVersions() throws {
        #expect(ICCProfile.description(of: try TestImages.profile("srgb"))?.lowercased().contains("srgb") == true)
        #expect(ICCProfile.description(of: try TestImages.profile("p3"))?.contains("P3") == true)
        #expect(ICCProfile.description(of: Data([1, 2, 3])) == nil)
    }
}

@testable import EchtImaging
import CVipsShim
import EchtTestSupport
import Foundation

/// Builds encoded test files with libvips: oriented, profiled, CMYK, 16-bit.
enum TestImages {
    /// An 8-bit libvips image from interleaved bytes.
    static func vips(bytes: [UInt8], width: Int, height: Int, bands: Int,
                     interpretation: Int32 = Int32(ECHT_INTERPRETATION_sRGB)) throws -> VipsImageRef {
        try bytes.withUnsafeBytes { raw in
            try VipsImageRef.fromMemory(raw, width: width, height: height, bands: bands,
                                        format: Int32(ECHT_FORMAT_UCHAR), interpretation: interpretation, source: "test")
        }
    }

    /// A 16-bit libvips image from interleaved samples.
    static func vips(uint16 samples: [UInt16], width: Int, height: Int, bands: Int,
                     interpretation: Int32 = Int32(ECHT_INTERPRETATION_RGB16)) throws -> VipsImageRef {
        try samples.withUnsafeBytes { raw in
            try VipsImageRef.fromMemory(raw, width: width, height: height, bands: bands,
                                        format: Int32(ECHT_FORMAT_USHORT), interpretation: interpretation, source: "test")
        }
    }

    /// A libvips built-in profile; fails the test when missing.
    static func profile(_ name: String) throws -> Data {
        guard let data = VipsRuntime.builtInProfile(name) else { throw TestFailure("libvips has no built-in \(name) profile") }
        return data
    }

    /// The astronaut sample scaled down, as 8-bit sRGB bytes (RGB).
    static func smallAstronaut(width: Int = 96, height: Int = 64) throws -> Image {
        let decoded = try ImageFile.decode(contentsOf: Fixtures.samplePortrait).image
        return Image(srgbBytes: try decoded.resized(width: width, height: height).srgbBytes(), width: width, height: height, channels: 3)
    }
}

/// A test precondition that did not hold.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

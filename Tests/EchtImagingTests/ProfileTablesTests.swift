import CVipsShim
import Foundation
import Testing
@testable import EchtImaging

/// 8-bit RGB through a matrix-shaper profile: the per-channel tables give the whole lcms
/// conversion's values (within their tolerance), and are used by the decoder; other profiles
/// are left to lcms.
struct ProfileTablesTests {
    /// libvips' built-in Display P3 profile.
    static let p3 = VipsRuntime.builtInProfile("p3")

    /// Random 8-bit RGB pixels, tagged with `profile`, converted the whole way through lcms (as
    /// `WorkingSpaceConversion` does without tables).
    static func throughLCMS(_ bytes: [UInt8], profile: Data) throws -> [Float] {
        let image = try bytes.withUnsafeBytes { raw throws(ImagingError) in
            try VipsImageRef.fromMemory(raw, width: bytes.count / 3, height: 1, bands: 3, format: Int32(ECHT_FORMAT_UCHAR),
                                        interpretation: Int32(ECHT_INTERPRETATION_sRGB), source: "test pixels")
        }
        image.set("icc-profile-data", blob: profile)
        var samples = try image.iccImported(fallbackProfile: "srgb").colourspace(Int32(ECHT_INTERPRETATION_scRGB)).floatPixels()
        PCSCorrection.apply(to: &samples)
        return samples
    }

    static func randomBytes(_ count: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in state = state &* 1_664_525 &+ 1_013_904_223; return UInt8(truncatingIfNeeded: state >> 13) }
    }

    @Test func displayP3IsAMatrixShaperWithTablesCloseToLCMS() throws {
        let profile = try #require(Self.p3, "libvips has a built-in p3 profile")
        #expect(ICCProfile.isMatrixShaper(profile))
        let tables = try #require(ProfileTables.tables(for: profile))
        let bytes = Self.randomBytes(3 * 5000, seed: 99)
        let fast = bytes.withUnsafeBytes { tables.convert($0) }
        let whole = try Self.throughLCMS(bytes, profile: profile)
        let worst = zip(fast, whole).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= ProfileTables.tolerance)
        // The primaries and white are a channel's own entries (plus black): lcms' values exactly.
        let corners: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0]
        let exact = try Self.throughLCMS(corners, profile: profile)
        #expect(corners.withUnsafeBytes { tables.convert($0) } == exact)
    }

    /// A photo tagged with a matrix-shaper profile decodes through the tables: the same pixels
    /// as `ProfileTables.convert` of its bytes, within the tolerance of the whole conversion.
    @Test func theDecoderUsesTheTables() throws {
        let profile = try #require(Self.p3, "libvips has a built-in p3 profile")
        let (width, height) = (37, 23)
        let bytes = Self.randomBytes(width * height * 3, seed: 7)
        let image = try bytes.withUnsafeBytes { raw throws(ImagingError) in
            try VipsImageRef.fromMemory(raw, width: width, height: height, bands: 3, format: Int32(ECHT_FORMAT_UCHAR),
                                        interpretation: Int32(ECHT_INTERPRETATION_sRGB), source: "test photo")
        }
        image.set("icc-profile-data", blob: profile)
        let decoded = try WorkingSpaceConversion.image(from: image)
        let tables = try #require(ProfileTables.tables(for: profile))
        #expect(decoded.pixels == bytes.withUnsafeBytes { tables.convert($0) })
    }

    /// Profiles that are not RGB curves and a matrix get no tables.
    @Test func otherProfilesGetNone() throws {
        if let cmyk = VipsRuntime.builtInProfile("cmyk") {
            #expect(!ICCProfile.isMatrixShaper(cmyk))
            #expect(ProfileTables.tables(for: cmyk) == nil)
        }
        #expect(!ICCProfile.isMatrixShaper(Data(repeating: 0, count: 200)))
        #expect(ProfileTables.tables(for: Data([1, 2, 3])) == nil)
    }
}

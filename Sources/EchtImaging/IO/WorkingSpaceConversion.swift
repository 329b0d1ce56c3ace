import CVipsShim
import Foundation

/// Turns an opened libvips image into `Image`'s working space (see `Image`).
///
/// - Orientation: `autorot` applies all eight EXIF orientations.
/// - Colour with an ICC profile (RGB or CMYK): imported through the profile (relative
///   colorimetric) to CIE XYZ float, then to scRGB (linear light, sRGB primaries) without
///   clipping, then corrected for libvips' D50→D65 hand-over (see `PCSCorrection`). 8-bit RGB
///   through a matrix-shaper profile takes the same values from per-channel tables measured
///   through that conversion (`ProfileTables`).
/// - CMYK without a profile: imported through libvips' built-in CMYK profile.
/// - Untagged RGB, RGB tagged with an sRGB profile, and all grey images: the exact sRGB
///   curve through a lookup table (lossless for Echt's own 8- and 16-bit outputs).
/// - Alpha: scaled to 0...1 and kept straight; grey + alpha becomes RGBA.
enum WorkingSpaceConversion {
    static func image(from opened: VipsImageRef) throws(ImagingError) -> Image {
        let upright = try opened.autorotated()
        let bands = upright.bands
        let colourBands = colourBandCount(of: upright)
        let hasAlpha = bands > colourBands
        let isCMYK = Int(upright.interpretation) == Int(ECHT_INTERPRETATION_CMYK) && bands >= 4
        let colour = bands == colourBands ? upright : try upright.bands(from: 0, count: colourBands)
        let profile = upright.blob("icc-profile-data")
        // An sRGB profile adds nothing to the exact sRGB curve below but lcms' table rounding.
        let needsProfile = profile.map { !ICCProfile.describesSRGB($0) } ?? false

        var samples: [Float]
        var channels: Int
        if colourBands >= 3 && (needsProfile || isCMYK) {
            if !isCMYK, colourBands == 3, Int(colour.format) == Int(ECHT_FORMAT_UCHAR), let profile,
               let tables = ProfileTables.tables(for: profile) {
                // A matrix-shaper profile: lcms' own values, one table entry per channel.
                samples = try colour.withPixels { tables.convert($0) }
            } else {
                let xyz = try colour.iccImported(fallbackProfile: isCMYK ? "cmyk" : "srgb")
                let linear = try xyz.colourspace(Int32(ECHT_INTERPRETATION_scRGB))
                samples = try linear.floatPixels()
                PCSCorrection.apply(to: &samples)
            }
            channels = 3
        } else {
            samples = try linearSamples(colour)
            channels = colourBands
        }

        let width = upright.width, height = upright.height
        if hasAlpha {
            let alpha = try alphaSamples(try upright.bands(from: colourBands, count: 1))
            samples = interleave(samples, channels: channels, alpha: alpha, pixelCount: width * height)
            channels = 4
        }
        return Image(width: width, height: height, channels: channels, pixels: samples)
    }

    /// The colour bands of `image`: 4 for CMYK, 1 for grey, else 3; any band beyond them is alpha.
    private static func colourBandCount(of image: VipsImageRef) -> Int {
        let bands = image.bands
        if Int(image.interpretation) == Int(ECHT_INTERPRETATION_CMYK) && bands >= 4 { return 4 }
        return bands <= 2 ? 1 : 3
    }

    /// Whether `image(from:)` reads the pixels of `image` in one pass, top to bottom (it has no
    /// alpha band, which is read apart), so they may come from a sequential load.
    static func readsPixelsOnce(_ image: VipsImageRef) -> Bool {
        image.bands == colourBandCount(of: image)
    }

    /// Linear light from sRGB-encoded samples of any integer or float format.
    private static func linearSamples(_ image: VipsImageRef) throws(ImagingError) -> [Float] {
        switch Int(image.format) {
        case Int(ECHT_FORMAT_UCHAR):
            let table = SRGBTransfer.linearFromByte
            return try image.withPixels { raw in lookUp(raw, in: table) }
        case Int(ECHT_FORMAT_USHORT):
            let table = SRGBTransfer.linearFromUInt16
            return try image.withPixels { raw in raw.bindMemory(to: UInt16.self).map { table[Int($0)] } }
        default:
            if Int(image.interpretation) == Int(ECHT_INTERPRETATION_scRGB) {
                return try image.cast(Int32(ECHT_FORMAT_FLOAT)).floatPixels()
            }
            // Other formats (signed, 32-bit, double): let libvips rescale to 16-bit sRGB first.
            let space = image.bands == 1 ? ECHT_INTERPRETATION_GREY16 : ECHT_INTERPRETATION_RGB16
            return try linearSamples(try image.colourspace(Int32(space)).cast(Int32(ECHT_FORMAT_USHORT)))
        }
    }

    /// `table[byte]` for every byte of `raw`; a large image's bytes are split into bands
    /// converted concurrently (a 12-MP photo holds 36 M samples).
    static func lookUp(_ raw: UnsafeRawBufferPointer, in table: [Float]) -> [Float] {
        let n = raw.count, bands = n >= 1 << 20 ? 16 : 1, band = (n + bands - 1) / max(bands, 1)
        guard n > 0 else { return [] }
        return [Float](unsafeUninitializedCapacity: n) { out, count in
            table.withUnsafeBufferPointer { lookup in
                let shared = LookUpPointers(source: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), target: out.baseAddress!,
                                            table: lookup.baseAddress!)
                let work: @Sendable (Int) -> Void = { k in
                    for i in (k * band)..<min(n, (k + 1) * band) { shared.target[i] = shared.table[Int(shared.source[i])] }
                }
                if bands > 1 { Concurrently.forEach(bands, work) } else { work(0) }
            }
            count = n
        }
    }

    /// Alpha scaled to 0...1 from the band's numeric range.
    private static func alphaSamples(_ image: VipsImageRef) throws(ImagingError) -> [Float] {
        switch Int(image.format) {
        case Int(ECHT_FORMAT_UCHAR):
            return try image.withPixels { raw in raw.map { Float($0) / 255 } }
        case Int(ECHT_FORMAT_USHORT):
            return try image.withPixels { raw in raw.bindMemory(to: UInt16.self).map { Float($0) / 65535 } }
        default:
            let scale: Float = Int(image.interpretation) == Int(ECHT_INTERPRETATION_scRGB) ? 1 : 1 / 255
            return try image.cast(Int32(ECHT_FORMAT_FLOAT)).floatPixels().map { min(max($0 * scale, 0), 1) }
        }
    }

    /// Colour samples (1 or 3 channels) plus alpha into RGBA.
    private static func interleave(_ colour: [Float], channels: Int, alpha: [Float], pixelCount: Int) -> [Float] {
        var result = [Float](repeating: 0, count: pixelCount * 4)
        result.withUnsafeMutableBufferPointer { out in
            colour.withUnsafeBufferPointer { source in
                for i in 0..<pixelCount {
                    for c in 0..<3 { out[i * 4 + c] = source[i * channels + (channels == 1 ? 0 : c)] }
                    out[i * 4 + 3] = alpha[i]
                }
            }
        }
        return result
    }
}

/// The pointers of one `lookUp`, shared by its bands; each band writes its own samples.
private struct LookUpPointers: @unchecked Sendable {
    let source: UnsafePointer<UInt8>
    let target: UnsafeMutablePointer<Float>
    let table: UnsafePointer<Float>
}

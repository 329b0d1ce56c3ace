import Foundation

extension ImageFile {
    /// Encodes working-space pixels into file bytes in memory.
    /// 8-bit RGB(A) PNG and colour JPEG without EXIF fields come from Echt's own writers (ISA-L igzip,
    /// libjpeg), everything else from libvips.
    public static func encode(_ image: Image, options: EncodeOptions = EncodeOptions(), name: String = "image data") throws(ImagingError) -> Data {
        if let png = try ImageEncoder.ownPNG(image, options: options, destination: name) { return png }
        if let jpeg = try ImageEncoder.ownJPEG(image, options: options, destination: name) { return jpeg }
        let prepared = try ImageEncoder.prepare(image, options: options, destination: name)
        switch options.format {
        case .jpeg: return try prepared.encoded(.jpeg(quality: options.quality))
        case .png: return try prepared.encoded(.png(bitDepth: options.bitDepth))
        case .webp: return try prepared.encoded(.webp(quality: options.quality, lossless: options.lossless))
        case .heic: return try prepared.encoded(.heic(quality: options.quality))
        }
    }

    /// Encodes `colour` with a separate straight `alpha` plane as one RGBA file: the same bytes as
    /// `encode` of the two interleaved, but 8-bit PNG from RGB and one-channel alpha is converted
    /// straight from the planes, without an interleaved float copy. Sizes must match.
    public static func encode(_ colour: Image, alpha: Image, options: EncodeOptions = EncodeOptions(),
                              name: String = "image data") throws(ImagingError) -> Data {
        guard colour.width == alpha.width, colour.height == alpha.height else {
            throw .invalidParameter(name: "alpha size", expected: "\(colour.width)×\(colour.height)", received: "\(alpha.width)×\(alpha.height)")
        }
        if let png = try ImageEncoder.ownPNG(colour, alpha: alpha, options: options, destination: name) { return png }
        return try encode(colour.addingAlpha(alpha), options: options, name: name)
    }

    /// Encodes and writes atomically to `url` (format from `options`); refuses to replace an
    /// existing file unless `overwrite` is true.
    public static func write(_ image: Image, to url: URL, options: EncodeOptions = EncodeOptions(), overwrite: Bool = false) throws(ImagingError) {
        if !overwrite && FileManager.default.fileExists(atPath: url.path) { throw .outputExists(path: url.path) }
        let data = try encode(image, options: options, name: url.path)
        try AtomicFile.write(data, to: url, overwrite: overwrite)
    }
}

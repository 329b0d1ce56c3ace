import CVipsShim
import Foundation

/// Working-space pixels to encoded bytes (libvips does the codec work, except 8-bit RGB(A)
/// PNG and colour JPEG without EXIF fields, which `PNGWriter` and `JPEGWriter` write).
///
/// Colour becomes 8- or 16-bit sRGB with libvips' sRGB ICC profile embedded; grey images
/// stay one channel. JPEG has no alpha, so transparent pixels are composited over white.
/// EXIF holds only the fields in `EncodeOptions.metadata` (GPS only with `keepGPS`).
enum ImageEncoder {
    /// The resolution every file states (JFIF, EXIF, PNG pHYs): 300 pixels per inch, the print
    /// size the studio's notes quote, so a print shop or layout program sizes a headshot as said.
    static let pixelsPerInch = 300

    /// libvips' built-in sRGB profile, loaded once.
    static let srgbProfile: Data? = VipsRuntime.builtInProfile("srgb")

    /// The libvips image ready to save: encoded samples plus ICC and EXIF fields.
    static func prepare(_ image: Image, options: EncodeOptions, destination: String) throws(ImagingError) -> VipsImageRef {
        try VipsRuntime.start()
        try options.validate()
        var source = image
        if options.format == .jpeg && image.hasAlpha { source = flattenedOverWhite(image) }
        let vips = try encodedSamples(source, bitDepth: options.bitDepth, destination: destination)
        if source.channels >= 3, let profile = srgbProfile {
            vips.set("icc-profile-data", blob: profile)
            vips.set(ExifFields.colorSpace, string: "1")  // EXIF ColorSpace 1 = sRGB
        }
        writeExif(options.metadata, keepGPS: options.keepGPS, into: vips)
        vips.setResolution(pixelsPerInch: Double(pixelsPerInch))
        return vips
    }

    /// Straight-alpha RGBA composited over white, as RGB.
    static func flattenedOverWhite(_ image: Image) -> Image {
        var rgb = [Float](repeating: 0, count: image.width * image.height * 3)
        image.pixels.withUnsafeBufferPointer { source in
            for i in 0..<(image.width * image.height) {
                let alpha = source[i * 4 + 3]
                for c in 0..<3 { rgb[i * 3 + c] = source[i * 4 + c] * alpha + (1 - alpha) }
            }
        }
        return Image(width: image.width, height: image.height, channels: 3, pixels: rgb)
    }

    private static func encodedSamples(_ image: Image, bitDepth: Int, destination: String) throws(ImagingError) -> VipsImageRef {
        let channels = image.channels
        let isGrey = channels == 1
        if bitDepth == 16 {
            var samples = [UInt16](repeating: 0, count: image.pixels.count)
            for (i, value) in image.pixels.enumerated() {
                samples[i] = (!isGrey && i % channels == 3) ? UInt16((min(max(value, 0), 1) * 65535).rounded())
                    : SRGBTransfer.uint16(fromLinear: value)
            }
            let space = isGrey ? ECHT_INTERPRETATION_GREY16 : ECHT_INTERPRETATION_RGB16
            return try wrap(samples, image, format: Int32(ECHT_FORMAT_USHORT), space: Int32(space), destination: destination)
        }
        let samples = bytes8(image)
        let space = isGrey ? ECHT_INTERPRETATION_B_W : ECHT_INTERPRETATION_sRGB
        return try wrap(samples, image, format: Int32(ECHT_FORMAT_UCHAR), space: Int32(space), destination: destination)
    }

    /// 8-bit sRGB-encoded samples, interleaved: colour through the transfer table, alpha linear
    /// (`Image.srgbBytes`, vectorised by `SRGBByteEncoder`).
    static func bytes8(_ image: Image) -> [UInt8] { image.srgbBytes() }

    /// The PNG file from Echt's own writer (RGBA with colour 0 under alpha 0, `TransparentColour`),
    /// or nil when libvips must write it: 16-bit, grey,
    /// EXIF fields to carry (the writer writes none, like libvips for these outputs),
    /// or `options.pngEncoder` asks for libvips.
    static func ownPNG(_ image: Image, options: EncodeOptions, destination: String) throws(ImagingError) -> Data? {
        guard image.channels >= 3, try ownPNGApplies(options) else { return nil }
        var samples = bytes8(image)
        if image.channels == 4 { TransparentColour.clear(&samples) }
        return try png(samples, width: image.width, height: image.height, channels: image.channels,
                       options: options, destination: destination)
    }

    /// As `ownPNG` for RGB `colour` with a separate one-channel `alpha`: the RGBA file's bytes
    /// converted straight from the two planes (colour 0 under alpha 0 as the conversion goes).
    /// Nil when libvips must write it.
    static func ownPNG(_ colour: Image, alpha: Image, options: EncodeOptions, destination: String) throws(ImagingError) -> Data? {
        guard colour.channels == 3, alpha.channels == 1, colour.width == alpha.width, colour.height == alpha.height,
              try ownPNGApplies(options) else { return nil }
        let count = colour.width * colour.height
        let samples = [UInt8](unsafeUninitializedCapacity: count * 4) { out, written in
            colour.pixels.withUnsafeBufferPointer { rgb in
                alpha.pixels.withUnsafeBufferPointer { SRGBByteEncoder.encode(rgb: rgb, alpha: $0, into: out) }
            }
            written = count * 4
        }
        return try png(samples, width: colour.width, height: colour.height, channels: 4, options: options, destination: destination)
    }

    /// The JPEG file from `JPEGWriter` (libjpeg directly), or nil when libvips must write it:
    /// EXIF fields to carry, or `options.jpegEncoder` asks for libvips. RGBA is flattened over
    /// white first, as for libvips; grey is converted to RGB by neither, so it goes to libvips.
    static func ownJPEG(_ image: Image, options: EncodeOptions, destination: String) throws(ImagingError) -> Data? {
        guard options.format == .jpeg, options.jpegEncoder == .echt, image.channels == 3 || image.channels == 4,
              !carriesExif(options) else { return nil }
        try VipsRuntime.start()
        try options.validate()
        let source = image.hasAlpha ? flattenedOverWhite(image) : image
        return try bytes8(source).withUnsafeBufferPointer { samples in
            Result { () throws(ImagingError) in
                try JPEGWriter.encode(samples, width: source.width, height: source.height, quality: options.quality,
                                      iccProfile: srgbProfile, source: destination)
            }
        }.get()
    }

    /// Whether `options` has EXIF fields to write (camera, capture date, or a location kept).
    private static func carriesExif(_ options: EncodeOptions) -> Bool {
        let metadata = options.metadata
        return metadata.cameraMake != nil || metadata.cameraModel != nil || metadata.captureDate != nil
            || (options.keepGPS && metadata.location != nil)
    }

    /// Whether Echt's own writer writes this PNG (8-bit, no EXIF fields, `.echt` encoder); validates the options.
    private static func ownPNGApplies(_ options: EncodeOptions) throws(ImagingError) -> Bool {
        guard options.format == .png, options.bitDepth == 8, !carriesExif(options), case .echt = options.pngEncoder else { return false }
        try VipsRuntime.start()
        try options.validate()
        return true
    }

    private static func png(_ samples: [UInt8], width: Int, height: Int, channels: Int, options: EncodeOptions,
                            destination: String) throws(ImagingError) -> Data {
        guard case .echt(let filter, let level) = options.pngEncoder else { preconditionFailure("checked by ownPNGApplies") }
        return try samples.withUnsafeBufferPointer { buffer in
            Result { () throws(ImagingError) in
                try PNGWriter.encode(buffer, width: width, height: height, channels: channels,
                                     iccProfile: srgbProfile, filter: filter, level: level, source: destination)
            }
        }.get()
    }

    private static func wrap<T>(_ samples: [T], _ image: Image, format: Int32, space: Int32,
                                destination: String) throws(ImagingError) -> VipsImageRef {
        let result: Result<VipsImageRef, ImagingError> = samples.withUnsafeBytes { bytes in
            Result { () throws(ImagingError) in
                try VipsImageRef.fromMemory(bytes, width: image.width, height: image.height, bands: image.channels,
                                            format: format, interpretation: space, source: destination)
            }
        }
        return try result.get()
    }

    /// Sets libvips "exif-ifdN-Tag" fields; libvips builds a fresh EXIF block from them on save.
    static func writeExif(_ metadata: ImageMetadata, keepGPS: Bool, into image: VipsImageRef) {
        if let make = metadata.cameraMake { image.set(ExifFields.make, string: make) }
        if let model = metadata.cameraModel { image.set(ExifFields.model, string: model) }
        if let date = metadata.captureDate {
            image.set(ExifFields.dateTimeOriginal, string: date)
            image.set(ExifFields.dateTime, string: date)
        }
        if keepGPS, let location = metadata.location {
            image.set(ExifFields.gpsLatitudeRef, string: location.latitude < 0 ? "S" : "N")
            image.set(ExifFields.gpsLatitude, string: rationalDegrees(abs(location.latitude)))
            image.set(ExifFields.gpsLongitudeRef, string: location.longitude < 0 ? "W" : "E")
            image.set(ExifFields.gpsLongitude, string: rationalDegrees(abs(location.longitude)))
        }
    }

    /// "d/1 m/1 s/10000" as libvips parses EXIF rationals.
    static func rationalDegrees(_ value: Double) -> String {
        let degrees = value.rounded(.down)
        let minutesTotal = (value - degrees) * 60
        let minutes = minutesTotal.rounded(.down)
        let seconds = ((minutesTotal - minutes) * 60 * 10000).rounded()
        return "\(Int(degrees))/1 \(Int(minutes))/1 \(Int(seconds))/10000"
    }
}

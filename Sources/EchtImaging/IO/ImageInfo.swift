/// What a file's header says about it, read without decoding the pixels.
public struct ImageInfo: Sendable, Equatable, Codable {
    /// The file path (or the in-memory source's name).
    public var path: String
    /// The container format.
    public var format: ImageFormat
    /// The libvips loader that recognised it (e.g. "jpegload").
    public var loader: String
    /// Stored width in pixels (before the EXIF orientation is applied).
    public var width: Int
    /// Stored height in pixels (before the EXIF orientation is applied).
    public var height: Int
    /// Samples per pixel as stored (e.g. 3 for RGB, 4 for RGBA or CMYK).
    public var channels: Int
    /// Bits per sample as decoded (8, 16 or 32).
    public var bitDepth: Int
    /// The colour model as stored: "rgb", "grey", "cmyk" or another libvips name.
    public var colourModel: String
    /// EXIF orientation 1...8 (1 = upright, also when the tag is absent).
    public var orientation: Int
    /// The embedded ICC profile's description, or `nil` when untagged (treated as sRGB).
    public var iccProfileDescription: String?
    /// Camera, capture date and location from EXIF.
    public var metadata: ImageMetadata
    /// Whether the file carries GPS tags.
    public var hasGPS: Bool
    /// Whether the file carries a C2PA manifest (JPEG APP11 JUMBF or PNG `caBX`).
    public var hasC2PAManifest: Bool
    /// The resolution the file states, in pixels per inch (what sets its print size in a layout
    /// program; libvips reads 72 for a JPEG stating none).
    public var pixelsPerInch: Double

    /// Width after the EXIF orientation is applied.
    public var uprightWidth: Int { orientation >= 5 ? height : width }
    /// Height after the EXIF orientation is applied.
    public var uprightHeight: Int { orientation >= 5 ? width : height }
}

/// An image file format Echt recognises, as reported by `ImageInfo.format`.
public enum ImageFormat: String, Sendable, Codable, CaseIterable {
    case jpeg, png, heif, webp, tiff, jxl, gif, jpeg2000
    /// Decoded by another libvips loader (the name is in `ImageInfo.loader`).
    case other

    /// The format's usual name for people ("JPEG", "HEIF").
    public var displayName: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .heif: "HEIF"
        case .webp: "WebP"
        case .tiff: "TIFF"
        case .jxl: "JPEG XL"
        case .gif: "GIF"
        case .jpeg2000: "JPEG 2000"
        case .other: "other"
        }
    }

    /// The format a libvips loader nickname ("jpegload_buffer") belongs to.
    init(loader: String) {
        let loader = loader.lowercased().replacingOccurrences(of: "vipsforeignload", with: "")
        let prefixes: [(String, ImageFormat)] = [
            ("jpeg", .jpeg), ("png", .png), ("heif", .heif), ("webp", .webp),
            ("tiff", .tiff), ("jxl", .jxl), ("gif", .gif), ("jp2k", .jpeg2000),
        ]
        self = prefixes.first { loader.hasPrefix($0.0) }?.1 ?? .other
    }

    /// The formats named in "not an image" errors.
    static let readableList = "JPEG, PNG, HEIC/HEIF, AVIF, WebP, TIFF and JPEG XL"
}

/// A format Echt can write.
public enum OutputFormat: String, Sendable, Codable, CaseIterable {
    case jpeg, png, webp, heic

    /// The output format a file name's extension asks for (`nil` when unknown).
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "jpg", "jpeg", "jpe": self = .jpeg
        case "png": self = .png
        case "webp": self = .webp
        case "heic", "heif": self = .heic
        default: return nil
        }
    }

    /// The usual file extension.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        case .heic: "heic"
        }
    }
}

/// Settings for encoding; every field has a default.
public struct EncodeOptions: Sendable, Equatable {
    /// The file format to write.
    public var format: OutputFormat
    /// Lossy quality 1...100 (JPEG, WebP, HEIC). Default 90.
    public var quality: Int
    /// Bits per sample, 8 or 16 (16 only for PNG). Default 8.
    public var bitDepth: Int
    /// Lossless WebP. Default false.
    public var lossless: Bool
    /// Camera, capture date and location to write into EXIF. Default: none.
    public var metadata: ImageMetadata
    /// Whether `metadata.location` is written. Default false: GPS is stripped.
    public var keepGPS: Bool
    /// Who writes 8-bit RGB(A) PNG without EXIF fields. Default: Echt's own writer.
    public var pngEncoder: PNGEncoder
    /// Who writes 8-bit JPEG without EXIF fields. Default: libjpeg directly (the same bytes as libvips).
    public var jpegEncoder: JPEGEncoder

    /// Creates options; defaults give an sRGB JPEG at quality 90 without location.
    public init(format: OutputFormat = .jpeg, quality: Int = 90, bitDepth: Int = 8, lossless: Bool = false,
                metadata: ImageMetadata = ImageMetadata(), keepGPS: Bool = false, pngEncoder: PNGEncoder = .echt(),
                jpegEncoder: JPEGEncoder = .echt) {
        self.format = format
        self.quality = quality
        self.bitDepth = bitDepth
        self.lossless = lossless
        self.metadata = metadata
        self.keepGPS = keepGPS
        self.pngEncoder = pngEncoder
        self.jpegEncoder = jpegEncoder
    }

    /// Checks the parameter ranges.
    func validate() throws(ImagingError) {
        guard (1...100).contains(quality) else {
            throw .invalidParameter(name: "quality", expected: "1...100", received: String(quality))
        }
        if case .echt(_, let level) = pngEncoder, !Deflate.levels.contains(level) {
            throw .invalidParameter(name: "PNG compression level", expected: "0...3", received: String(level))
        }
        guard bitDepth == 8 || (bitDepth == 16 && format == .png) else {
            throw .invalidParameter(name: "bitDepth", expected: "8 (or 16 for PNG)", received: "\(bitDepth) for \(format.rawValue)")
        }
    }
}

/// Settings for decoding; every field has a safe default.
public struct DecodeOptions: Sendable, Equatable {
    /// The most pixels (width x height, from the header) Echt will decode; larger files are
    /// refused before any pixel is decoded. Default: 100 megapixels.
    public var maxPixels: Int

    /// Creates options; `maxPixels` defaults to 100 megapixels.
    public init(maxPixels: Int = 100_000_000) {
        self.maxPixels = maxPixels
    }
}

/// A decoded image in the working space together with what its file said about it.
public struct DecodedImage: Sendable, Equatable {
    /// Upright pixels in the working space (see `Image`).
    public var image: Image
    /// Header facts: format, stored size, orientation, ICC, EXIF, C2PA presence.
    public var info: ImageInfo
    /// What the decoder reported as damage in a file it could still read (a JPEG's corrupt
    /// data, decoded around); nil when it reported none.
    public var damage: String? = nil

    /// Creates a decoded image.
    public init(image: Image, info: ImageInfo, damage: String? = nil) {
        self.image = image; self.info = info; self.damage = damage
    }
}

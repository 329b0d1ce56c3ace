/// A band of rows of an image being decoded, already in the working space (see `Image`): what
/// `ImageFile.decode(contentsOf:options:rows:)` hands over while the rest is still decoding.
public struct DecodedRows {
    /// Width of the image in pixels.
    public let width: Int
    /// Height of the whole image in pixels.
    public let height: Int
    /// Channels per pixel, as in the decoded `Image`.
    public let channels: Int
    /// Index of the band's first row in the image.
    public let firstRow: Int
    /// Number of rows in the band.
    public let count: Int
    /// `count × width × channels` samples, row after row; valid only while the band is handed over.
    public let samples: UnsafeBufferPointer<Float>

    /// A band of `count` rows from `firstRow`.
    public init(width: Int, height: Int, channels: Int, firstRow: Int, count: Int, samples: UnsafeBufferPointer<Float>) {
        precondition(samples.count == count * width * channels, "a band of \(count) rows holds \(count * width * channels) samples")
        self.width = width; self.height = height; self.channels = channels
        self.firstRow = firstRow; self.count = count; self.samples = samples
    }
}

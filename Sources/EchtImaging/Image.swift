/// An image in Echt's working space: the one pixel type every stage reads and writes.
///
/// Pixels are `Float`, interleaved, row-major, top row first. Colour channels hold
/// **linear-light** values with **sRGB / Rec. 709 primaries and D65 white** (scene values,
/// 0 = black, 1 = diffuse white; values above 1 are allowed during processing). Alpha, when
/// present, is straight (not premultiplied) coverage in 0...1. Conversion from and to encoded
/// files (gamma, ICC profiles, bit depth) happens only at the decode/encode edges.
public struct Image: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Channels per pixel: 1 (grey or a single-channel mask), 3 (RGB) or 4 (RGBA).
    public let channels: Int
    /// `width * height * channels` samples, interleaved.
    public var pixels: [Float]

    /// Wraps existing samples; `pixels.count` must equal `width * height * channels`.
    public init(width: Int, height: Int, channels: Int, pixels: [Float]) {
        precondition(width > 0 && height > 0, "expected a positive size but received \(width)x\(height)")
        precondition([1, 3, 4].contains(channels), "expected 1, 3 or 4 channels but received \(channels)")
        precondition(pixels.count == width * height * channels, "expected \(width * height * channels) samples but received \(pixels.count)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// An image of one constant value per channel (`value.count == channels`).
    public init(width: Int, height: Int, filledWith value: [Float]) {
        var pixels = [Float](repeating: 0, count: width * height * value.count)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<(width * height) {
                for c in 0..<value.count { buffer[i * value.count + c] = value[c] }
            }
        }
        self.init(width: width, height: height, channels: value.count, pixels: pixels)
    }

    /// Whether the image carries an alpha channel.
    public var hasAlpha: Bool { channels == 4 }

    /// The sample at column `x`, row `y`, channel `c` (no bounds clamping).
    @inlinable
    public subscript(x: Int, y: Int, c: Int) -> Float {
        get { pixels[(y * width + x) * channels + c] }
        set { pixels[(y * width + x) * channels + c] = newValue }
    }
}

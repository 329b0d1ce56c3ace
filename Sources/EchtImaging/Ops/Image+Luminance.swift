extension Image {
    /// Rec. 709 / sRGB luminance weights for linear R, G, B.
    public static let luminanceWeights: (red: Float, green: Float, blue: Float) = (0.2126, 0.7152, 0.0722)

    /// Relative luminance Y (linear light), one channel; alpha is dropped. A grey image is
    /// returned unchanged.
    public func luminance() -> Image {
        if channels == 1 { return self }
        let (r, g, b) = Self.luminanceWeights
        var grey = [Float](repeating: 0, count: width * height)
        pixels.withUnsafeBufferPointer { source in
            for i in 0..<(width * height) {
                let base = i * channels
                grey[i] = r * source[base] + g * source[base + 1] + b * source[base + 2]
            }
        }
        return Image(width: width, height: height, channels: 1, pixels: grey)
    }

    /// This image with three colour channels: grey is repeated, alpha is dropped.
    public func rgb() -> Image {
        if channels == 3 { return self }
        var rgb = [Float](repeating: 0, count: width * height * 3)
        pixels.withUnsafeBufferPointer { source in
            for i in 0..<(width * height) {
                for c in 0..<3 { rgb[i * 3 + c] = source[i * channels + (channels == 1 ? 0 : c)] }
            }
        }
        return Image(width: width, height: height, channels: 3, pixels: rgb)
    }
}

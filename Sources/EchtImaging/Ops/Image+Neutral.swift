extension Image {
    /// Whether the image is black and white: one channel, or red, green and blue equal within
    /// two to three 8-bit codes at every pixel of a grid of every `step`-th row and column, bar
    /// one sampled pixel in a thousand (a stray tinted JPEG block). A toned print (sepia: red
    /// and blue 20 or more codes apart in the mid-tones) or a desaturated colour photo is not.
    public func isBlackAndWhite(step: Int = 4) -> Bool {
        if channels < 3 { return true }
        let stride = Swift.max(1, step)
        let sampled = ((height + stride - 1) / stride) * ((width + stride - 1) / stride)
        let allowed = sampled / 1000
        var off = 0
        return pixels.withUnsafeBufferPointer { p in
            for y in Swift.stride(from: 0, to: height, by: stride) {
                for x in Swift.stride(from: 0, to: width, by: stride) {
                    let i = (y * width + x) * channels
                    let r = p[i], g = p[i + 1], b = p[i + 2]
                    let high = Swift.max(r, g, b), low = Swift.min(r, g, b)
                    if high - low > 0.003 + 0.03 * high {
                        off += 1
                        if off > allowed { return false }
                    }
                }
            }
            return true
        }
    }
}

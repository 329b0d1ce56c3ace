import EchtImaging

extension Image {
    /// A copy of the `width`×`height` block whose top-left pixel is (x, y); the block must lie
    /// inside the image.
    func cropped(x: Int, y: Int, width: Int, height: Int) -> Image {
        precondition(x >= 0 && y >= 0 && x + width <= self.width && y + height <= self.height, "crop outside the image")
        if x == 0 && y == 0 && width == self.width && height == self.height { return self }
        let c = channels
        var out = [Float](repeating: 0, count: width * height * c)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for row in 0..<height {
                    let from = ((y + row) * self.width + x) * c
                    for k in 0..<(width * c) { dst[row * width * c + k] = src[from + k] }
                }
            }
        }
        return Image(width: width, height: height, channels: c, pixels: out)
    }
}

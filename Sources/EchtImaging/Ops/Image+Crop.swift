extension Image {
    /// A copy of the `width`×`height` block whose top-left pixel is (x, y); the block must lie
    /// inside the image and hold a pixel at least.
    public func cropped(x: Int, y: Int, width: Int, height: Int) -> Image {
        precondition(x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= self.width && y + height <= self.height,
                     "crop outside the image")
        if x == 0 && y == 0 && width == self.width && height == self.height { return self }
        let c = channels, rowLength = width * c
        let out = [Float](unsafeUninitializedCapacity: rowLength * height) { dst, count in
            pixels.withUnsafeBufferPointer { src in
                for row in 0..<height {
                    (dst.baseAddress! + row * rowLength).initialize(from: src.baseAddress! + ((y + row) * self.width + x) * c, count: rowLength)
                }
            }
            count = rowLength * height
        }
        return Image(width: width, height: height, channels: c, pixels: out)
    }
}

extension Image {
    /// This image's colour (RGB, or grey repeated into RGB; an own alpha is dropped) with the
    /// first channel of `alpha` (same size) as straight alpha: one RGBA image.
    public func addingAlpha(_ alpha: Image) -> Image {
        precondition(alpha.width == width && alpha.height == height, "alpha size differs from the image's")
        let n = width * height, pc = channels, ac = alpha.channels
        // Every sample is written below, so the buffer is not zeroed first.
        let out = [Float](unsafeUninitializedCapacity: n * 4) { out, count in
            pixels.withUnsafeBufferPointer { colour in
                alpha.pixels.withUnsafeBufferPointer { a in
                    for i in 0..<n {
                        let g = pc == 1 ? 0 : 1, b = pc == 1 ? 0 : 2
                        out[i * 4] = colour[i * pc]; out[i * 4 + 1] = colour[i * pc + g]; out[i * 4 + 2] = colour[i * pc + b]
                        out[i * 4 + 3] = a[i * ac]
                    }
                }
            }
            count = n * 4
        }
        return Image(width: width, height: height, channels: 4, pixels: out)
    }
}

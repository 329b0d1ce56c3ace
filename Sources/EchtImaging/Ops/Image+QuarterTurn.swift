extension Image {
    /// This image turned by `turns` quarter turns clockwise (any integer; 4 is a full turn): the
    /// pixels moved, none resampled. One turn makes a `width`×`height` image `height`×`width`,
    /// its top row the old left column read from the bottom up.
    public func quarterTurned(clockwise turns: Int) -> Image {
        let turn = ((turns % 4) + 4) % 4
        guard turn != 0 else { return self }
        let w = width, h = height, c = channels
        let (ow, oh) = turn == 2 ? (w, h) : (h, w)
        let out = [Float](unsafeUninitializedCapacity: w * h * c) { buffer, count in
            pixels.withUnsafeBufferPointer { source in
                for y in 0..<oh {
                    for x in 0..<ow {
                        // The source pixel that lands at (x, y) of the turned image.
                        let (sx, sy): (Int, Int)
                        switch turn {
                        case 1: (sx, sy) = (y, h - 1 - x)
                        case 2: (sx, sy) = (w - 1 - x, h - 1 - y)
                        default: (sx, sy) = (w - 1 - y, x)
                        }
                        let from = (sy * w + sx) * c, to = (y * ow + x) * c
                        for k in 0..<c { buffer[to + k] = source[from + k] }
                    }
                }
            }
            count = w * h * c
        }
        return Image(width: ow, height: oh, channels: c, pixels: out)
    }
}

import EchtImaging

extension Image {
    /// A blank single-channel plane.
    static func plane(width: Int, height: Int, value: Float = 0) -> Image {
        Image(width: width, height: height, channels: 1, pixels: [Float](repeating: value, count: width * height))
    }

    /// The pixels inside `x0..<x0+w, y0..<y0+h`, edge pixels repeated where the box leaves the image.
    func region(x0: Int, y0: Int, width w: Int, height h: Int) -> Image {
        let c = channels
        // Columns inside the image are copied as one run per row; the rest repeat the edge.
        let inside0 = Swift.min(Swift.max(x0, 0), x0 + w), inside1 = Swift.max(Swift.min(x0 + w, width), inside0)
        let out = [Float](unsafeUninitializedCapacity: w * h * c) { dst, count in
            pixels.withUnsafeBufferPointer { src in
                let source = src.baseAddress!, target = dst.baseAddress!
                for y in 0..<h {
                    let row = source + Swift.min(Swift.max(y0 + y, 0), height - 1) * width * c, line = target + y * w * c
                    for x in x0..<inside0 {
                        let sx = Swift.min(Swift.max(x, 0), width - 1)
                        for k in 0..<c { line[(x - x0) * c + k] = row[sx * c + k] }
                    }
                    if inside1 > inside0 { (line + (inside0 - x0) * c).update(from: row + inside0 * c, count: (inside1 - inside0) * c) }
                    for x in inside1..<(x0 + w) {
                        let sx = Swift.min(Swift.max(x, 0), width - 1)
                        for k in 0..<c { line[(x - x0) * c + k] = row[sx * c + k] }
                    }
                }
            }
            count = w * h * c
        }
        return Image(width: w, height: h, channels: c, pixels: out)
    }

    /// The smallest box (`x1`, `y1` exclusive) holding every sample of a plane above `threshold`; nil when none is.
    /// Each row is searched from its start for the first such sample and from its end for the
    /// last, eight samples at a time while none is.
    func boundingBox(above threshold: Float) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
        var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1
        let limit = SIMD8<Float>(repeating: threshold)
        pixels.withUnsafeBufferPointer { samples in
            guard let base = samples.baseAddress else { return }
            for y in 0..<height {
                let row = base + y * width
                var first = 0
                while first + 8 <= width, !any(UnsafeRawPointer(row + first).loadUnaligned(as: SIMD8<Float>.self) .> limit) { first += 8 }
                while first < width, !(row[first] > threshold) { first += 1 }
                guard first < width else { continue }
                var end = width
                while end - 8 > first, !any(UnsafeRawPointer(row + end - 8).loadUnaligned(as: SIMD8<Float>.self) .> limit) { end -= 8 }
                while !(row[end - 1] > threshold) { end -= 1 }
                x0 = Swift.min(x0, first); x1 = Swift.max(x1, end); y0 = Swift.min(y0, y); y1 = y + 1
            }
        }
        return x1 < 0 ? nil : (x0, y0, x1, y1)
    }

    /// One channel as a plane.
    func channel(_ index: Int) -> Image {
        var out = [Float](repeating: 0, count: width * height)
        for i in 0..<(width * height) { out[i] = pixels[i * channels + index] }
        return Image(width: width, height: height, channels: 1, pixels: out)
    }

    /// The first three channels (drops alpha; grey is expanded to RGB).
    var rgb: Image {
        if channels == 3 { return self }
        var out = [Float](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            for k in 0..<3 { out[i * 3 + k] = pixels[i * channels + (channels == 1 ? 0 : k)] }
        }
        return Image(width: width, height: height, channels: 3, pixels: out)
    }

    /// Rec. 709 luminance plane of an RGB image.
    var luminance: Image {
        var out = [Float](repeating: 0, count: width * height)
        let c = channels
        for i in 0..<(width * height) {
            out[i] = c >= 3 ? SRGB.luminance(pixels[i * c], pixels[i * c + 1], pixels[i * c + 2]) : pixels[i * c]
        }
        return Image(width: width, height: height, channels: 1, pixels: out)
    }
}

import EchtImaging

/// `Warp.render` for the preset cuts, pixel for pixel, with less memory traffic where a preset
/// is less than half the headshot's size and needs the anti-alias blur before the bilinear step
/// (the 1080×1350 bio preset). `Warp.render` copies the source window, then blurs the copy in
/// place (three more copies per pass); here the box blur reads the headshot window directly,
/// keeps its row-blurred lines in a small ring, and writes the blurred window once.
///
/// Every sum is the one `Blur` forms (the same running sums in the same order per channel and
/// per column), so the result is identical; every other case goes to `Warp.render`.
enum PresetResampler {
    static func render(_ image: Image, transform: SimilarityTransform, width: Int, height: Int) -> Image {
        let reach = Warp.sourceWindow(transform: transform, width: width, height: height)
        let x0 = max(reach.x0, 0), y0 = max(reach.y0, 0), x1 = min(reach.x1, image.width), y1 = min(reach.y1, image.height)
        // Warp.render's blur of a window copy: no box-downsampling first, and a real blur.
        let sigma = Float(0.5 * (max(transform.scale * transform.scale, 1) - 1).squareRoot())
        let radii = Blur.boxRadii(sigma: sigma).filter { $0 > 0 }
        guard x1 > x0, y1 > y0, Int(transform.scale.rounded(.down)) < 2, transform.scale > 1.05, sigma > 0.3, radii.count == 1 else {
            return Warp.render(image, transform: transform, width: width, height: height)
        }
        var local = transform
        local.translationX -= Double(x0); local.translationY -= Double(y0)
        let blurred = boxBlurredWindow(image, x0: x0, y0: y0, width: x1 - x0, height: y1 - y0, radius: radii[0])
        return Warp.sampleBilinear(blurred, transform: local, width: width, height: height)
    }

    /// The window `x0..<x0+width, y0..<y0+height` of `image` (inside it), box-blurred with
    /// `radius` along rows then down columns, edges extended: `Blur.boxInPlace` of a copy of it.
    static func boxBlurredWindow(_ image: Image, x0: Int, y0: Int, width w: Int, height h: Int, radius r: Int) -> Image {
        precondition(x0 >= 0 && y0 >= 0 && w > 0 && h > 0 && x0 + w <= image.width && y0 + h <= image.height && r > 0,
                     "window outside the image")
        let c = image.channels, rowLength = w * c
        let norm = 1 / Float(2 * r + 1)
        // Row-blurred lines y - r ... y + r + 1 are needed at once: a ring of 2r + 2 of them.
        let ringRows = 2 * r + 2
        let line = UnsafeMutablePointer<Float>.allocate(capacity: (w + 2 * r) * c)
        let ring = UnsafeMutablePointer<Float>.allocate(capacity: ringRows * rowLength)
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: rowLength)
        defer { line.deallocate(); ring.deallocate(); sums.deallocate() }
        // Every sample is written below.
        let pixels = [Float](unsafeUninitializedCapacity: rowLength * h) { out, count in
            image.pixels.withUnsafeBufferPointer { src in
                var made = -1
                /// The row-blurred line `j` (0..<h), made in order on first use.
                func blurredRow(_ j: Int) -> UnsafeMutablePointer<Float> {
                    while made < j {
                        made += 1
                        Blur.boxRow(src.baseAddress! + ((y0 + made) * image.width + x0) * c, width: w, channels: c, radius: r,
                                line: line, into: ring + (made % ringRows) * rowLength)
                    }
                    return ring + (j % ringRows) * rowLength
                }
                let dst = out.baseAddress!
                // Down the columns: the padded column is line max(0, min(k - r, h - 1)) at k.
                sums.initialize(repeating: 0, count: rowLength)
                for k in 0...(2 * r) {
                    let row = blurredRow(min(max(k - r, 0), h - 1))
                    for i in 0..<rowLength { sums[i] += row[i] }
                }
                for y in 0..<h {
                    let o = dst + y * rowLength
                    for i in 0..<rowLength { o[i] = sums[i] * norm }
                    if y + 1 < h {
                        let add = blurredRow(min(y + r + 1, h - 1)), sub = blurredRow(max(y - r, 0))
                        for i in 0..<rowLength { sums[i] += add[i] - sub[i] }
                    }
                }
            }
            count = rowLength * h
        }
        return Image(width: w, height: h, channels: c, pixels: pixels)
    }
}

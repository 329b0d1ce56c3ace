import EchtImaging

/// `Warp.render` for the preset cuts, pixel for pixel, with less memory traffic where a preset
/// is less than half the headshot's size and needs the anti-alias blur before the bilinear step
/// (the 1080×1350 bio preset). `Warp.render` copies the source window, then blurs the copy in
/// place (three more copies per pass); here the box blur reads the headshot window directly,
/// keeps its row-blurred lines in a small ring (`BoxBlurRows`), and, for an unturned cut (every
/// preset), hands each blurred row straight to the bilinear step (`Warp.sampleBilinearRows`):
/// the blurred window (55 MB for a 1920×2400 headshot) is never held. A turned one writes the
/// blurred window once and samples it.
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
        if transform.angle == 0 {
            return image.pixels.withUnsafeBufferPointer { src in
                let rows = BoxBlurRows(window: src.baseAddress! + (y0 * image.width + x0) * image.channels, stride: image.width * image.channels,
                                       width: x1 - x0, height: y1 - y0, channels: image.channels, radius: radii[0])
                return Warp.sampleBilinearRows(columns: x1 - x0, rows: y1 - y0, channels: image.channels, transform: local,
                                               width: width, height: height, makeRow: rows.nextRow(into:))
            }
        }
        let blurred = boxBlurredWindow(image, x0: x0, y0: y0, width: x1 - x0, height: y1 - y0, radius: radii[0])
        return Warp.sampleBilinear(blurred, transform: local, width: width, height: height)
    }

    /// The window `x0..<x0+width, y0..<y0+height` of `image` (inside it), box-blurred with
    /// `radius` along rows then down columns, edges extended: `Blur.boxInPlace` of a copy of it.
    static func boxBlurredWindow(_ image: Image, x0: Int, y0: Int, width w: Int, height h: Int, radius r: Int) -> Image {
        precondition(x0 >= 0 && y0 >= 0 && w > 0 && h > 0 && x0 + w <= image.width && y0 + h <= image.height && r > 0,
                     "window outside the image")
        let c = image.channels, rowLength = w * c
        // Every sample is written below.
        let pixels = [Float](unsafeUninitializedCapacity: rowLength * h) { out, count in
            image.pixels.withUnsafeBufferPointer { src in
                let rows = BoxBlurRows(window: src.baseAddress! + (y0 * image.width + x0) * c, stride: image.width * c,
                                       width: w, height: h, channels: c, radius: r)
                for y in 0..<h { rows.nextRow(into: out.baseAddress! + y * rowLength) }
            }
            count = rowLength * h
        }
        return Image(width: w, height: h, channels: c, pixels: pixels)
    }
}

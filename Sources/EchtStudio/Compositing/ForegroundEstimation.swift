import EchtImaging

/// Foreground colour estimation from a photo and a soft alpha ("blur fusion", Forte & Pitié
/// 2021): removes the old background's colour from semi-transparent edge pixels such as hair,
/// so compositing over a new backdrop leaves no halo. Vision normally supplies the estimate;
/// the studio uses this when it has only an alpha.
public enum ForegroundEstimation {
    /// The estimated foreground colour (3 channels, linear light) at the photo's size.
    public static func estimate(image: Image, alpha: Image) -> Image {
        precondition(image.width == alpha.width && image.height == alpha.height, "image and alpha sizes differ")
        let rgb = image.rgb
        let size = Float(max(image.width, image.height))
        var (f, b) = pass(image: rgb, foreground: rgb, background: rgb, alpha: alpha, sigma: max(6, size / 24))
        (f, b) = pass(image: rgb, foreground: f, background: b, alpha: alpha, sigma: max(1.5, size / 320))
        return f
    }

    private static func pass(image: Image, foreground: Image, background: Image, alpha: Image, sigma: Float)
        -> (Image, Image) {
        let n = image.width * image.height
        var fa = [Float](repeating: 0, count: n * 3), bb = [Float](repeating: 0, count: n * 3)
        var a = alpha.pixels, ia = alpha.pixels.map { 1 - $0 }
        for i in 0..<n {
            let al = alpha.pixels[i]
            for c in 0..<3 {
                fa[i * 3 + c] = foreground.pixels[i * 3 + c] * al
                bb[i * 3 + c] = background.pixels[i * 3 + c] * (1 - al)
            }
        }
        Blur.gaussianInPlace(&fa, width: image.width, height: image.height, channels: 3, sigma: sigma)
        Blur.gaussianInPlace(&bb, width: image.width, height: image.height, channels: 3, sigma: sigma)
        Blur.gaussianInPlace(&a, width: image.width, height: image.height, channels: 1, sigma: sigma)
        Blur.gaussianInPlace(&ia, width: image.width, height: image.height, channels: 1, sigma: sigma)
        var f = [Float](repeating: 0, count: n * 3), b = [Float](repeating: 0, count: n * 3)
        for i in 0..<n {
            let al = alpha.pixels[i]
            for c in 0..<3 {
                let fh = fa[i * 3 + c] / (a[i] + 1e-5), bh = bb[i * 3 + c] / (ia[i] + 1e-5)
                let value = image.pixels[i * 3 + c]
                f[i * 3 + c] = max(0, fh + al * (value - al * fh - (1 - al) * bh))
                b[i * 3 + c] = max(0, bh + (1 - al) * (value - al * fh - (1 - al) * bh))
            }
        }
        return (Image(width: image.width, height: image.height, channels: 3, pixels: f),
                Image(width: image.width, height: image.height, channels: 3, pixels: b))
    }
}

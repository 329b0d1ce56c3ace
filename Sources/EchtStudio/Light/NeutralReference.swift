import EchtImaging

/// A plain, near-neutral background in the frame (a grey or white wall), measured in the photo:
/// the photographer's grey card. When the photo holds one, the light on it is close to neutral,
/// so the skin's own hue is trusted and the white balance may not turn that background coloured.
enum NeutralReference {
    /// The most Oklab chroma a background pixel may have to count as near-neutral.
    static let pixelChroma: Float = 0.035
    /// The most Oklab chroma the mean of those pixels may have.
    static let meanChroma: Float = 0.025
    /// The least share of the frame the near-neutral background must cover.
    static let minimumShare: Float = 0.2

    /// The mean linear colour of the near-neutral background of `image` seen through `transform`
    /// in a `width`×`height` frame, where `alpha` (output size) says the person is absent and
    /// `inside` that the pixel is in the photo; nil when there is no such background large enough.
    static func measure(image: Image, transform: SimilarityTransform, alpha: Image, inside: InsideRows) -> SIMD3<Float>? {
        let w = alpha.width, h = alpha.height, c = image.channels
        guard c >= 3, w > 0, h > 0 else { return nil }
        let step = max(1, Int((Float(w * h) / 20_000).squareRoot()))
        var sum = SIMD3<Float>(0, 0, 0), count = 0, total = 0
        for y in stride(from: 0, to: h, by: step) {
            let span = inside.span(row: y)
            for x in stride(from: 0, to: w, by: step) {
                total += 1
                let i = y * w + x
                guard alpha.pixels[i] < 0.02, span.contains(x) else { continue }
                let p = transform.sourcePoint(SIMD2<Float>(Float(x), Float(y)))
                let sx = Int(p.x.rounded()), sy = Int(p.y.rounded())
                guard sx >= 0, sy >= 0, sx < image.width, sy < image.height else { continue }
                let j = (sy * image.width + sx) * c
                let rgb = SIMD3(image.pixels[j], image.pixels[j + 1], image.pixels[j + 2])
                let lab = Oklab.fromLinear(rgb)
                guard lab.x > 0.3, lab.x < 0.98, (lab.y * lab.y + lab.z * lab.z).squareRoot() < pixelChroma else { continue }
                sum += rgb; count += 1
            }
        }
        guard total > 0, Float(count) >= minimumShare * Float(total) else { return nil }
        let mean = sum / Float(count)
        let lab = Oklab.fromLinear(mean)
        return (lab.y * lab.y + lab.z * lab.z).squareRoot() < meanChroma ? mean : nil
    }

    /// Oklab chroma of a linear colour.
    static func chroma(_ rgb: SIMD3<Float>) -> Float {
        let lab = Oklab.fromLinear(rgb)
        return (lab.y * lab.y + lab.z * lab.z).squareRoot()
    }
}

import EchtImaging

/// A smooth picture kept at 1/`factor` of its `width`×`height` and read back bilinearly, the
/// way `Warp.sampleBilinear` upsamples it (small pixel X sits at full-size x = (X + ½)·factor).
/// Backdrops are this smooth by construction, so they are made and blurred small and only
/// upsampled where they are composited, never stored at full size.
struct ReducedImage: Sendable {
    /// The stored pixels, ⌈width / factor⌉ × ⌈height / factor⌉.
    var small: Image
    /// The reduction, 1 or more.
    var factor: Int
    /// The full size.
    var width: Int, height: Int

    /// Wraps a full-size image (factor 1).
    init(_ image: Image) { small = image; factor = 1; width = image.width; height = image.height }

    /// Wraps a small image standing for `width`×`height`.
    init(small: Image, factor: Int, width: Int, height: Int) {
        precondition(factor >= 1 && small.width == (width + factor - 1) / factor && small.height == (height + factor - 1) / factor,
                     "a reduced image must be the full size divided by its factor, rounded up")
        self.small = small; self.factor = factor; self.width = width; self.height = height
    }

    /// The same stored pixels with `transform` applied (for per-pixel colour changes).
    func mapped(_ transform: (Image) -> Image) -> ReducedImage {
        ReducedImage(small: transform(small), factor: factor, width: width, height: height)
    }

    /// The full-size image.
    func full() -> Image {
        guard factor > 1 else { return small }
        return Warp.sampleBilinear(small, transform: upsampling, width: width, height: height)
    }

    /// The full-size-to-small transform `Warp.sampleBilinear` upsamples with.
    var upsampling: SimilarityTransform {
        SimilarityTransform(scale: 1 / Double(factor), angle: 0, translationX: 0, translationY: 0)
    }

    /// The bilinear taps along one axis of `size` full pixels (of `stored` small ones): for each
    /// full pixel the lower and upper small index and the fraction, as `Warp.sampleBilinear` forms them.
    func taps(size: Int, stored: Int) -> [(i: Int, i1: Int, t: Float)] {
        let scale = 1 / Double(factor), limit = Float(stored - 1), last = stored - 2 < 0 ? 0 : stored - 2
        return (0..<size).map { x in
            let clamped = min(max(Float(scale * (Double(x) + 0.5) + 0 - 0.5), 0), limit)
            let i = min(Int(clamped), last)
            return (i, min(i + 1, stored - 1), clamped - Float(i))
        }
    }

    /// One axis's taps (`taps(size:stored:)`) flat, for loops that read them pixel by pixel:
    /// each full pixel's lower and upper stored index side by side, and its fraction.
    struct Taps {
        let indices: [Int], fractions: [Float]
        init(_ taps: [(i: Int, i1: Int, t: Float)]) {
            indices = taps.flatMap { [$0.i, $0.i1] }; fractions = taps.map(\.t)
        }
    }
}

import EchtImaging

/// The pixels of a preset cut: `Warp.render` of the headshot. A preset cut is never turned, so
/// it takes `SeparableResampler` (two passes of precomputed weights, no shrunk or blurred copy
/// of the window held); any other cut goes to `Warp.render` itself.
enum PresetResampler {
    static func render(_ image: Image, transform: SimilarityTransform, width: Int, height: Int) -> Image {
        SeparableResampler.render(image, transform: transform, width: width, height: height)
            ?? Warp.render(image, transform: transform, width: width, height: height)
    }
}

import EchtImaging

/// The photo seen through a frame at a reduction, which a defocused backdrop blurs: its pixels
/// (the photo's edge repeated where the frame reaches past it) and, then, which are the photo's.
struct FramedPhoto: Sendable {
    /// The photo through the frame (RGB, linear).
    var image: Image
    /// 1 where a pixel's centre lies in the photo, 0 past its edge; nil when the frame lies
    /// wholly inside the photo.
    var inside: Image?

    /// The photo `image` through the frame `transform`, `width`×`height`, at 1/`factor` of that size.
    init(_ image: Image, transform: SimilarityTransform, width: Int, height: Int, factor: Int) {
        let sw = (width + factor - 1) / factor, sh = (height + factor - 1) / factor
        var small = transform
        small.scale *= Double(factor)
        self.image = Warp.render(image.rgb, transform: small, width: sw, height: sh)
        let inside = Warp.insideMask(sourceWidth: image.width, sourceHeight: image.height, transform: small, width: sw, height: sh)
        self.inside = inside.pixels.allSatisfy { $0 > 0 } ? nil : inside
    }
}

import EchtImaging

/// The transparent cut-out: the finished person with the matte as straight alpha. Kept as its
/// two planes (no copy: both arrays are shared) until it is encoded, where 8-bit PNG is written
/// straight from them; `image` interleaves them when an RGBA image is wanted.
public struct Cutout: Sendable {
    /// The finished person (RGB, linear light).
    public let person: Image
    /// The matte, one channel, same size.
    public let alpha: Image

    static func make(person: Image, alpha: Image) -> Cutout {
        precondition(person.width == alpha.width && person.height == alpha.height, "person and matte sizes differ")
        return Cutout(person: person, alpha: alpha)
    }

    /// The RGBA image (straight alpha).
    public var image: Image { person.addingAlpha(alpha) }
}

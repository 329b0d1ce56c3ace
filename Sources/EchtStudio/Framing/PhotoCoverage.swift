import EchtVision

/// A person's matte read at photo pixels, for the framing's edge checks: the matte may cover
/// only a region of the photo (a subject's own matte), and is 0 outside it.
struct PhotoCoverage {
    /// The matte.
    let matte: PersonMatte
    /// Width of the photo.
    let width: Int
    /// Height of the photo.
    let height: Int

    /// Coverage at photo pixel (x, y); `c` is ignored (the matte has one channel).
    subscript(x: Int, y: Int, c: Int) -> Float { matte.coverage(x: x, y: y) }
}

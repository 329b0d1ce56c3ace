import EchtImaging

public extension Image {
    /// The image flipped left to right (the tests' mirror invariance).
    func mirrored() -> Image {
        var out = self
        for y in 0..<height {
            for x in 0..<width {
                for k in 0..<channels { out.pixels[(y * width + x) * channels + k] = pixels[(y * width + width - 1 - x) * channels + k] }
            }
        }
        return out
    }
}

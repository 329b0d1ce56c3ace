import EchtImaging

/// The transparent cut-out: the finished person with the matte as straight alpha.
enum Cutout {
    static func make(person: Image, alpha: Image) -> Image {
        let n = person.width * person.height
        var out = [Float](repeating: 0, count: n * 4)
        for i in 0..<n {
            for c in 0..<3 { out[i * 4 + c] = person.pixels[i * person.channels + c] }
            out[i * 4 + 3] = alpha.pixels[i]
        }
        return Image(width: person.width, height: person.height, channels: 4, pixels: out)
    }
}

import EchtImaging

/// The transparent cut-out: the finished person with the matte as straight alpha.
enum Cutout {
    static func make(person: Image, alpha: Image) -> Image {
        let n = person.width * person.height, pc = person.channels
        // Every sample is written below, so the buffer is not zeroed first.
        let out = [Float](unsafeUninitializedCapacity: n * 4) { out, count in
            person.pixels.withUnsafeBufferPointer { rgb in
                alpha.pixels.withUnsafeBufferPointer { a in
                    for i in 0..<n {
                        out[i * 4] = rgb[i * pc]; out[i * 4 + 1] = rgb[i * pc + 1]; out[i * 4 + 2] = rgb[i * pc + 2]
                        out[i * 4 + 3] = a[i]
                    }
                }
            }
            count = n * 4
        }
        return Image(width: person.width, height: person.height, channels: 4, pixels: out)
    }
}

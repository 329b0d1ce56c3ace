import EchtImaging

extension Warp {
    /// About how many bytes of the image one band of `downsampleBox(_:factors:_:)` reads: small
    /// enough that the band is still in the cache when it is shrunk the second time.
    static let boxPairBandBytes = 512 * 1024

    /// `downsampleBox` of the whole `image` by `first` and by `second`, in one pass over it: the
    /// image is shrunk in bands of rows that are whole blocks of both factors, each band by both
    /// factors while it is in the cache, instead of reading the whole image from memory twice.
    /// Each block is summed exactly as `downsampleBox` sums it, so the results are the same values.
    static func downsampleBox(_ image: Image, factors first: Int, _ second: Int) -> (Image, Image) {
        precondition(first >= 1 && second >= 1, "box factors must be positive")
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let whole = first / gcd(first, second) * second
        let rowBytes = max(1, image.width * image.channels * MemoryLayout<Float>.stride)
        let band = whole * max(1, boxPairBandBytes / (rowBytes * whole))
        let c = image.channels, width = image.width, height = image.height
        func shrunk(_ factor: Int) -> (width: Int, height: Int) { ((width + factor - 1) / factor, (height + factor - 1) / factor) }
        let a = shrunk(first), b = shrunk(second)
        // Every sample of both is written by the bands (`downsampleBox` starts each row's sums from zero).
        var outB: [Float] = []
        let outA = [Float](unsafeUninitializedCapacity: a.width * a.height * c) { da, countA in
            outB = [Float](unsafeUninitializedCapacity: b.width * b.height * c) { db, countB in
                for y0 in stride(from: 0, to: height, by: band) {
                    let rows = min(band, height - y0)
                    downsampleBox(image, factor: first, x0: 0, y0: y0, width: width, height: rows,
                                  into: da.baseAddress! + y0 / first * a.width * c)
                    downsampleBox(image, factor: second, x0: 0, y0: y0, width: width, height: rows,
                                  into: db.baseAddress! + y0 / second * b.width * c)
                }
                countB = b.width * b.height * c
            }
            countA = a.width * a.height * c
        }
        return (Image(width: a.width, height: a.height, channels: c, pixels: outA),
                Image(width: b.width, height: b.height, channels: c, pixels: outB))
    }
}

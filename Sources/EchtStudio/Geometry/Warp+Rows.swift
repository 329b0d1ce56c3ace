import EchtImaging

extension Warp {
    /// The unrotated path of `sampleBilinear` over a `columns`×`rows` source whose rows are
    /// made on demand, top to bottom, by `makeRow` (each call writes the next row's
    /// `columns` × `channels` samples): only the two rows the current output row reads are held.
    /// Every weight and sum is the one `sampleBilinear` forms, so the pixels are the same as
    /// sampling the whole source. The transform must not rotate.
    static func sampleBilinearRows(columns: Int, rows: Int, channels c: Int, transform: SimilarityTransform, width: Int, height: Int,
                                   makeRow: (UnsafeMutablePointer<Float>) -> Void) -> Image {
        let grid = BilinearGrid(transform: transform, width: width, columns: columns, rows: rows)
        precondition(!grid.rotates && columns > 0 && rows > 0, "a row-by-row warp cannot rotate")
        let rowLength = columns * c
        let pair = UnsafeMutablePointer<Float>.allocate(capacity: 2 * rowLength)
        defer { pair.deallocate() }
        var made = -1
        /// Source row `k`, made in order; rows before the last two are gone.
        func row(_ k: Int) -> UnsafePointer<Float> {
            precondition(k >= made - 1, "source rows are read out of order")
            while made < k { made += 1; makeRow(pair + (made % 2) * rowLength) }
            return UnsafePointer(pair + (k % 2) * rowLength)
        }
        let taps = grid.unrotatedColumns()
        // Every output sample is written below.
        let out = [Float](unsafeUninitializedCapacity: width * height * c) { buffer, count in
            let dst = buffer.baseAddress!
            for y in 0..<height {
                let tap = grid.unrotatedRow(y)
                // The lower row first: the upper one (tap.i, at most one above) is then still held.
                let bottom = row(tap.i1), top = row(tap.i), ty = tap.t
                for x in 0..<width {
                    let column = taps[x], tx = column.t
                    let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                    let a = column.i * c, b = column.i1 * c, d = dst + (y * width + x) * c
                    if c == 3 {
                        d[0] = w00 * top[a] + w10 * top[b] + w01 * bottom[a] + w11 * bottom[b]
                        d[1] = w00 * top[a + 1] + w10 * top[b + 1] + w01 * bottom[a + 1] + w11 * bottom[b + 1]
                        d[2] = w00 * top[a + 2] + w10 * top[b + 2] + w01 * bottom[a + 2] + w11 * bottom[b + 2]
                    } else {
                        for k in 0..<c {
                            d[k] = w00 * top[a + k] + w10 * top[b + k] + w01 * bottom[a + k] + w11 * bottom[b + k]
                        }
                    }
                }
            }
            count = width * height * c
        }
        return Image(width: width, height: height, channels: c, pixels: out)
    }
}

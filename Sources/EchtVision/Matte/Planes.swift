import EchtImaging

/// A small interleaved float raster used inside the matte code (no colour semantics).
struct Raster: Sendable {
    var width: Int
    var height: Int
    var channels: Int
    var values: [Float]

    init(width: Int, height: Int, channels: Int, values: [Float]) {
        precondition(values.count == width * height * channels, "expected \(width * height * channels) values but received \(values.count)")
        self.width = width; self.height = height; self.channels = channels; self.values = values
    }

    init(width: Int, height: Int, channels: Int, repeating value: Float = 0) {
        self.init(width: width, height: height, channels: channels, values: [Float](repeating: value, count: width * height * channels))
    }

    /// Mean of every `factor × factor` block (the last partial blocks are dropped, at least 1 pixel).
    /// Each block's sum runs row by row, left to right, from zero, in the same order however the
    /// work is split, and is then multiplied by 1/factor²; a large raster's output rows are split
    /// into bands summed concurrently unless `concurrent` is false.
    func areaDownscaled(by factor: Int, concurrent: Bool = true) -> Raster {
        guard factor > 1 else { return self }
        let w = max(1, width / factor), h = max(1, height / factor), c = channels, width = width, height = height
        var out = [Float](repeating: 0, count: w * h * c)
        let norm = 1 / Float(factor * factor)
        let bands = concurrent && width * height >= 1 << 20 ? min(h, 16) : 1
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let source = src.baseAddress!, target = dst.baseAddress!
                Concurrently.forEachRange(of: h, bands: bands) { band in
                    for y in band {
                        let sums = target + y * w * c
                        for sy in (y * factor)..<min(height, (y + 1) * factor) {
                            let row = source + sy * width * c
                            // Each block's running sum stays in a register along its `factor` samples.
                            if c == 3 {
                                // Three channels in one vector (its fourth lane reads the next
                                // pixel's red and is never stored); the row's last block, whose
                                // fourth lane could read past the raster, one channel at a time.
                                for x in 0..<(w - 1) {
                                    let sum = sums + x * 3
                                    var s = SIMD4<Float>(sum[0], sum[1], sum[2], 0)
                                    for sx in (x * factor)..<((x + 1) * factor) {
                                        s += UnsafeRawPointer(row + sx * 3).loadUnaligned(as: SIMD4<Float>.self)
                                    }
                                    sum[0] = s[0]; sum[1] = s[1]; sum[2] = s[2]
                                }
                                let sum = sums + (w - 1) * 3
                                var s0 = sum[0], s1 = sum[1], s2 = sum[2]
                                for sx in ((w - 1) * factor)..<min(width, w * factor) {
                                    s0 += row[sx * 3]; s1 += row[sx * 3 + 1]; s2 += row[sx * 3 + 2]
                                }
                                sum[0] = s0; sum[1] = s1; sum[2] = s2
                            } else {
                                for x in 0..<w {
                                    for k in 0..<c {
                                        var s = sums[x * c + k]
                                        for sx in (x * factor)..<min(width, (x + 1) * factor) { s += row[sx * c + k] }
                                        sums[x * c + k] = s
                                    }
                                }
                            }
                        }
                        for i in 0..<(w * c) { sums[i] *= norm }
                    }
                }
            }
        }
        return Raster(width: w, height: h, channels: c, values: out)
    }

    /// Bilinear resize with half-pixel centres and clamped edges (TFLite/OpenCV convention).
    func resized(width ow: Int, height oh: Int) -> Raster {
        let c = channels
        func axis(_ o: Int, _ n: Int) -> (lo: [Int], hi: [Int], f: [Float]) {
            let scale = Double(n) / Double(o)
            var lo = [Int](repeating: 0, count: o), hi = lo, f = [Float](repeating: 0, count: o)
            for i in 0..<o {
                let s = min(max((Double(i) + 0.5) * scale - 0.5, 0), Double(n - 1))
                lo[i] = Int(s); hi[i] = min(lo[i] + 1, n - 1); f[i] = Float(s - Double(lo[i]))
            }
            return (lo, hi, f)
        }
        let ax = axis(ow, width), ay = axis(oh, height)
        var out = [Float](repeating: 0, count: ow * oh * c)
        func horizontal(_ src: UnsafeBufferPointer<Float>, row: Int, into dst: UnsafeMutableBufferPointer<Float>) {
            let base = row * width * c
            ax.lo.withUnsafeBufferPointer { lo in
                ax.hi.withUnsafeBufferPointer { hi in
                    ax.f.withUnsafeBufferPointer { f in
                        for x in 0..<ow {
                            let a = base + lo[x] * c, b = base + hi[x] * c, fx = f[x]
                            for k in 0..<c { dst[x * c + k] = src[a + k] + (src[b + k] - src[a + k]) * fx }
                        }
                    }
                }
            }
        }
        // Rows are interpolated horizontally once per source row pair, then blended; a large
        // result's rows in bands at once (each band interpolates its own first rows again).
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                Concurrently.forEachRange(of: oh, bands: Self.bands(for: ow * oh * c)) { band in
                    var top = [Float](repeating: 0, count: ow * c), bottom = top
                    top.withUnsafeMutableBufferPointer { t in
                        bottom.withUnsafeMutableBufferPointer { b in
                            var rows = (-1, -1)
                            for y in band {
                                let r0 = ay.lo[y], r1 = ay.hi[y], fy = ay.f[y]
                                if rows.0 != r0 {
                                    if rows.1 == r0 { t.baseAddress!.update(from: b.baseAddress!, count: ow * c) } else { horizontal(src, row: r0, into: t) }
                                }
                                if rows.1 != r1 { horizontal(src, row: r1, into: b) }
                                rows = (r0, r1)
                                let o = y * ow * c
                                for j in 0..<(ow * c) { dst[o + j] = t[j] + (b[j] - t[j]) * fy }
                            }
                        }
                    }
                }
            }
        }
        return Raster(width: ow, height: oh, channels: c, values: out)
    }

    /// Mean over the `(2r+1)²` window around every pixel, with edge pixels replicated. A large
    /// raster's rows (first pass) and columns (second pass) are split into bands blurred
    /// concurrently; every value is summed in the same order however the work is split.
    func boxBlurred(radius r: Int) -> Raster {
        guard r > 0 else { return self }
        let bands = values.count >= Self.concurrentBlurSize ? 4 : 1
        return boxBlurred(radius: r, bands: bands)
    }

    /// Rasters with at least this many values are blurred in concurrent bands.
    static let concurrentBlurSize = 1 << 17

    /// How many bands a per-value loop over `count` values is split into (`Concurrently.forEachRange`):
    /// 4 from `concurrentBlurSize` up, else 1 (small loops cost less than handing them out).
    static func bands(for count: Int) -> Int { count >= concurrentBlurSize ? 4 : 1 }

    /// `boxBlurred(radius:)` with its two passes split into `bands` bands (1: the calling thread only).
    func boxBlurred(radius r: Int, bands: Int) -> Raster {
        guard r > 0 else { return self }
        var rows = [Float](repeating: 0, count: values.count), out = rows
        let height = height, rowLength = width * channels
        // Bands of ⌈height/bands⌉ rows (then columns) may cover the raster in fewer than `bands`.
        rows.withUnsafeMutableBufferPointer { target in
            Concurrently.forEachRange(of: height, bands: bands) { band in blurRows(values, radius: r, rows: band, into: target.baseAddress!) }
        }
        let blurred = rows
        out.withUnsafeMutableBufferPointer { target in
            Concurrently.forEachRange(of: rowLength, bands: bands) { band in
                blurColumns(blurred, radius: r, columns: band, into: target.baseAddress!)
            }
        }
        return Raster(width: width, height: height, channels: channels, values: out)
    }

    /// Horizontal running-sum pass over `rows`; each row is copied with replicated edges first.
    /// The sums are `Double`, added and subtracted in the same order for every channel. Rows of
    /// +0 only are skipped: `d` must hold +0 there (it is zero-filled).
    private func blurRows(_ src: [Float], radius r: Int, rows: Range<Int>, into d: UnsafeMutablePointer<Float>) {
        let c = channels, width = width, rowLength = width * c, window = 2 * r + 1
        let padded = UnsafeMutablePointer<Float>.allocate(capacity: (width + window) * c)
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: c)
        defer { padded.deallocate(); sums.deallocate() }
        let norm = 1 / Double(window)
        src.withUnsafeBufferPointer { buffer in
            let s = buffer.baseAddress!
            for y in rows {
                let row = y * rowLength, source = s + row, target = d + row
                // A row of +0 only blurs to +0, which the zero-filled target already holds.
                if PositiveZero.all(source, count: rowLength) { continue }
                // Replicated left edge, the row itself, replicated right edge.
                for i in 0..<r { for k in 0..<c { padded[i * c + k] = source[k] } }
                (padded + r * c).update(from: source, count: rowLength)
                let last = source + (width - 1) * c
                for i in (r + width)..<(width + window) { for k in 0..<c { padded[i * c + k] = last[k] } }
                if c == 1 {
                    var sum = 0.0
                    for i in 0..<window { sum += Double(padded[i]) }
                    for x in 0..<width {
                        target[x] = Float(sum * norm)
                        sum += Double(padded[x + window]) - Double(padded[x])
                    }
                    continue
                }
                for k in 0..<c {
                    var sum = 0.0
                    for i in 0..<window { sum += Double(padded[i * c + k]) }
                    sums[k] = sum
                }
                for x in 0..<width {
                    let o = x * c, add = (x + window) * c
                    for k in 0..<c {
                        target[o + k] = Float(sums[k] * norm)
                        sums[k] += Double(padded[add + k]) - Double(padded[o + k])
                    }
                }
            }
        }
    }

    /// Vertical running-sum pass over the values `columns` of every row (cache friendly).
    private func blurColumns(_ src: [Float], radius r: Int, columns: Range<Int>, into d: UnsafeMutablePointer<Float>) {
        let rowLength = width * channels, first = columns.lowerBound
        var sums = [Float](repeating: 0, count: columns.count)
        let norm = 1 / Float(2 * r + 1)
        src.withUnsafeBufferPointer { s in
            sums.withUnsafeMutableBufferPointer { acc in
                for i in -r...r {
                    let row = min(max(i, 0), height - 1) * rowLength + first
                    for j in 0..<columns.count { acc[j] += s[row + j] }
                }
                for y in 0..<height {
                    let add = min(y + r + 1, height - 1) * rowLength + first, remove = max(y - r, 0) * rowLength + first
                    let o = y * rowLength + first
                    for j in 0..<columns.count {
                        d[o + j] = acc[j] * norm
                        acc[j] += s[add + j] - s[remove + j]
                    }
                }
            }
        }
    }
}

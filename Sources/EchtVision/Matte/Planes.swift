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
    func areaDownscaled(by factor: Int) -> Raster {
        guard factor > 1 else { return self }
        let w = max(1, width / factor), h = max(1, height / factor), c = channels
        var out = [Float](repeating: 0, count: w * h * c)
        let norm = 1 / Float(factor * factor)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    for sy in (y * factor)..<min(height, (y + 1) * factor) {
                        for x in 0..<w {
                            for sx in (x * factor)..<min(width, (x + 1) * factor) {
                                let s = (sy * width + sx) * c, d = (y * w + x) * c
                                for k in 0..<c { dst[d + k] += src[s + k] }
                            }
                        }
                    }
                }
                for i in 0..<dst.count { dst[i] *= norm }
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
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<oh {
                    let r0 = ay.lo[y] * width, r1 = ay.hi[y] * width, fy = ay.f[y]
                    for x in 0..<ow {
                        let fx = ax.f[x], x0 = ax.lo[x], x1 = ax.hi[x]
                        let d = (y * ow + x) * c
                        for k in 0..<c {
                            let top = src[(r0 + x0) * c + k] * (1 - fx) + src[(r0 + x1) * c + k] * fx
                            let bottom = src[(r1 + x0) * c + k] * (1 - fx) + src[(r1 + x1) * c + k] * fx
                            dst[d + k] = top * (1 - fy) + bottom * fy
                        }
                    }
                }
            }
        }
        return Raster(width: ow, height: oh, channels: c, values: out)
    }

    /// Mean over the `(2r+1)²` window around every pixel, with edge pixels replicated.
    func boxBlurred(radius r: Int) -> Raster {
        guard r > 0 else { return self }
        let horizontal = Self.blurRows(values, count: height, length: width, stride: 1, lineStride: width, channels: channels, radius: r)
        let vertical = Self.blurRows(horizontal, count: width, length: height, stride: width, lineStride: 1, channels: channels, radius: r)
        return Raster(width: width, height: height, channels: channels, values: vertical)
    }

    /// Running-sum box blur along `count` lines of `length` pixels.
    private static func blurRows(_ src: [Float], count: Int, length: Int, stride: Int, lineStride: Int, channels c: Int, radius r: Int) -> [Float] {
        var out = [Float](repeating: 0, count: src.count)
        let norm = 1 / Float(2 * r + 1)
        src.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { d in
                var sums = [Double](repeating: 0, count: c)
                for line in 0..<count {
                    let base = line * lineStride
                    @inline(__always) func at(_ i: Int, _ k: Int) -> Float {
                        s[(base + min(max(i, 0), length - 1) * stride) * c + k]
                    }
                    for k in 0..<c {
                        var sum = 0.0
                        for i in -r...r { sum += Double(at(i, k)) }
                        sums[k] = sum
                    }
                    for i in 0..<length {
                        let o = (base + i * stride) * c
                        for k in 0..<c {
                            d[o + k] = Float(sums[k]) * norm
                            sums[k] += Double(at(i + r + 1, k)) - Double(at(i - r, k))
                        }
                    }
                }
            }
        }
        return out
    }
}

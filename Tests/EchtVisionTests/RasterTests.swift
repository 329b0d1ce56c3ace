import Testing
@testable import EchtVision

/// The matte's raster kernels against naive double-precision references.
struct RasterTests {
    static func random(width: Int, height: Int, channels: Int, seed: UInt64) -> Raster {
        var state = seed
        let values = (0..<(width * height * channels)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        return Raster(width: width, height: height, channels: channels, values: values)
    }

    @Test(arguments: [(37, 23, 1, 3), (40, 31, 3, 7), (9, 50, 2, 12)])
    func boxBlurMatchesNaive(width: Int, height: Int, channels: Int, radius: Int) {
        let seed: UInt64 = 7
        let r = Self.random(width: width, height: height, channels: channels, seed: seed)
        let blurred = r.boxBlurred(radius: radius)
        var worst = 0.0
        for y in 0..<height {
            for x in 0..<width {
                for k in 0..<channels {
                    var sum = 0.0
                    for dy in -radius...radius {
                        for dx in -radius...radius {
                            let yy = min(max(y + dy, 0), height - 1), xx = min(max(x + dx, 0), width - 1)
                            sum += Double(r.values[(yy * width + xx) * channels + k])
                        }
                    }
                    let expected = sum / Double((2 * radius + 1) * (2 * radius + 1))
                    worst = max(worst, abs(expected - Double(blurred.values[(y * width + x) * channels + k])))
                }
            }
        }
        #expect(worst < 1e-5, "seed \(seed)")
    }

    /// The blur split into row and column bands (uneven, more bands than rows or columns, and
    /// the concurrent split a large raster gets by default) gives the one-band result bit for bit.
    @Test(arguments: [(37, 23, 1, 3), (40, 31, 3, 7), (9, 5, 2, 12), (300, 200, 3, 4)])
    func boxBlurInBandsEqualsOneBand(width: Int, height: Int, channels: Int, radius: Int) {
        let r = Self.random(width: width, height: height, channels: channels, seed: 19)
        let one = r.boxBlurred(radius: radius, bands: 1)
        for bands in [2, 3, 4, 7, 64] {
            #expect(r.boxBlurred(radius: radius, bands: bands).values == one.values, "\(bands) bands")
        }
        #expect(r.boxBlurred(radius: radius).values == one.values)
        #expect((width * height * channels >= Raster.concurrentBlurSize) == (width == 300), "the large case must take the concurrent path")
    }

    /// The area shrink equals, bit for bit, block-at-a-time means: each block summed from zero row
    /// by row, left to right, then multiplied by 1/factor² (partial blocks at the right and bottom
    /// dropped), in one band or in the concurrent bands a raster of a megapixel gets.
    @Test(arguments: [(37, 23, 1, 4), (40, 31, 3, 7), (41, 30, 3, 5), (43, 17, 3, 8), (20, 9, 2, 3), (1030, 1024, 3, 8), (1031, 1025, 3, 5)])
    func areaDownscaleEqualsBlockAtATimeMeans(width: Int, height: Int, channels c: Int, factor: Int) {
        let r = Self.random(width: width, height: height, channels: c, seed: 29)
        let w = width / factor, h = height / factor, norm = 1 / Float(factor * factor)
        var expected = [Float](repeating: 0, count: w * h * c)
        for y in 0..<h {
            for x in 0..<w {
                for k in 0..<c {
                    var sum: Float = 0
                    for sy in (y * factor)..<((y + 1) * factor) {
                        for sx in (x * factor)..<((x + 1) * factor) { sum += r.values[(sy * width + sx) * c + k] }
                    }
                    expected[(y * w + x) * c + k] = sum * norm
                }
            }
        }
        #expect(r.areaDownscaled(by: factor, concurrent: false).values == expected)
        #expect(r.areaDownscaled(by: factor).values == expected)
    }

    @Test func resizeAndAreaDownscaleKeepConstantsAndMeans() {
        let r = Self.random(width: 64, height: 48, channels: 3, seed: 11)
        let down = r.areaDownscaled(by: 4)
        #expect(down.width == 16 && down.height == 12)
        let mean = { (v: [Float]) in v.reduce(0, +) / Float(v.count) }
        #expect(abs(mean(down.values) - mean(r.values)) < 1e-5)
        let constant = Raster(width: 7, height: 5, channels: 1, repeating: 0.25).resized(width: 19, height: 13)
        #expect(constant.values.allSatisfy { abs($0 - 0.25) < 1e-7 })
        // Exact 2× upsampling: output row 1 = 0.75·in[0] + 0.25·in[1] (half-pixel centres).
        let ramp = Raster(width: 1, height: 4, channels: 1, values: [0, 1, 2, 3]).resized(width: 1, height: 8)
        #expect(ramp.values == [0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3])
    }

    /// The blur equals, bit for bit, the running sums it is defined by: rows in `Double` over
    /// edge-replicated copies, then columns in `Float`, each sum updated add-then-remove.
    @Test(arguments: [(37, 23, 1, 3), (40, 31, 3, 7), (9, 5, 2, 12), (300, 200, 3, 4), (700, 200, 1, 9)])
    func boxBlurEqualsRunningSums(width: Int, height: Int, channels c: Int, radius r: Int) {
        let raster = Self.random(width: width, height: height, channels: c, seed: 23)
        let v = raster.values, rowLength = width * c
        var rows = [Float](repeating: 0, count: v.count), out = rows
        for y in 0..<height {
            for k in 0..<c {
                let at = { (i: Int) in Double(v[y * rowLength + min(max(i, 0), width - 1) * c + k]) }
                var sum = 0.0
                for i in -r...r { sum += at(i) }
                for x in 0..<width {
                    rows[y * rowLength + x * c + k] = Float(sum * (1 / Double(2 * r + 1)))
                    sum += at(x + r + 1) - at(x - r)
                }
            }
        }
        for j in 0..<rowLength {
            let at = { (y: Int) in rows[min(max(y, 0), height - 1) * rowLength + j] }
            var sum: Float = 0
            for i in -r...r { sum += at(i) }
            for y in 0..<height {
                out[y * rowLength + j] = sum * (1 / Float(2 * r + 1))
                sum += at(y + r + 1) - at(y - r)
            }
        }
        #expect(raster.boxBlurred(radius: r).values == out)
    }

    /// The resize equals, bit for bit, bilinear interpolation written pixel by pixel (half-pixel
    /// centres, clamped edges; across a row first, then down), also where a large result is made
    /// in bands of rows at once: up and down, one and three channels, band edges on repeated rows.
    @Test(arguments: [(37, 23, 1, 61, 40), (300, 200, 3, 451, 333), (900, 700, 3, 333, 451), (180, 1000, 1, 420, 1503)])
    func resizeEqualsBilinearPixelByPixel(width: Int, height: Int, channels c: Int, outWidth: Int, outHeight: Int) {
        let raster = Self.random(width: width, height: height, channels: c, seed: UInt64(width * outHeight))
        func sample(_ i: Int, _ o: Int, _ n: Int) -> (lo: Int, hi: Int, f: Float) {
            let s = min(max((Double(i) + 0.5) * Double(n) / Double(o) - 0.5, 0), Double(n - 1))
            return (Int(s), min(Int(s) + 1, n - 1), Float(s - Double(Int(s))))
        }
        var expected = [Float](repeating: 0, count: outWidth * outHeight * c)
        for y in 0..<outHeight {
            let sy = sample(y, outHeight, height)
            for x in 0..<outWidth {
                let sx = sample(x, outWidth, width)
                for k in 0..<c {
                    func across(_ row: Int) -> Float {
                        let a = raster.values[(row * width + sx.lo) * c + k], b = raster.values[(row * width + sx.hi) * c + k]
                        return a + (b - a) * sx.f
                    }
                    let top = across(sy.lo), bottom = across(sy.hi)
                    expected[(y * outWidth + x) * c + k] = top + (bottom - top) * sy.f
                }
            }
        }
        let resized = raster.resized(width: outWidth, height: outHeight).values
        #expect(resized.count == expected.count)
        #expect(zip(resized, expected).filter { $0 != $1 }.count == 0, "values that differ from the pixel-by-pixel definition")
    }
}

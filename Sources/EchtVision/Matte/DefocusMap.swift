import EchtImaging

/// How sharp each cell of a photo region is: the steepest luminance step in the cell against
/// the contrast around it. A sharp edge steps across its whole contrast within a pixel or two
/// (ratio ≈ 0.3 and more); an out-of-focus one spreads it over many (ratio ≈ 0.1 and less).
/// Flat cells (little contrast) say nothing either way.
struct DefocusMap {
    /// Cells across the region's width.
    static let cellsAcross = 48
    /// Pixels per cell side of the luminance grid the map is measured on.
    static let cellPixels = 10
    /// Luminance range (sRGB levels, 0...255) below which a cell's 3×3-cell window is flat.
    static let flatContrast: Float = 25
    /// Ratio below which a textured cell is out of focus.
    static let softRatio: Float = 0.10
    /// Most photo pixels averaged per grid pixel and axis (the rest are skipped, for speed).
    static let tapsPerAxis = 4

    /// Cells across and down.
    let width: Int, height: Int
    /// Per cell, steepest step / surrounding contrast.
    let ratio: [Float]
    /// Per cell, the 2nd...98th percentile luminance range of its 3×3-cell window.
    let contrast: [Float]
    /// Pixels across and down of the luminance grid (`cellPixels` per cell side; the last
    /// rows may hold a partial cell).
    let gridWidth: Int, gridHeight: Int
    /// Photo pixels per grid pixel side.
    let scale: Float
    /// The region's luminance on the grid (sRGB levels 0...255).
    let luma: [Float]
    /// Its central-difference gradient magnitude (levels per grid pixel).
    let gradient: [Float]

    /// Whether cell `i` is textured and out of focus.
    func isSoft(_ i: Int) -> Bool { contrast[i] >= Self.flatContrast && ratio[i] < Self.softRatio }

    /// The map of photo rectangle `region` (whole pixels inside `image`), or nil when the region
    /// is narrower than the grid (upsampling would make every edge look soft).
    init?(image: Image, region: PixelRect) {
        let gridW = Self.cellsAcross * Self.cellPixels
        let rw = Int(region.width), rh = Int(region.height)
        guard rw >= gridW else { return nil }
        let scale = Float(rw) / Float(gridW)
        let gridH = Int(Float(rh) / scale)
        width = Self.cellsAcross; height = gridH / Self.cellPixels
        guard height >= 3 else { return nil }
        let luma = Self.luminance(image, region: region, width: gridW, height: gridH, scale: scale)
        let gradient = Self.gradientMagnitude(luma, width: gridW, height: gridH)
        gridWidth = gridW; gridHeight = gridH; self.scale = scale; self.luma = luma; self.gradient = gradient
        let side = Self.cellPixels
        // Per cell, a 64-bin histogram of its luminance; a window's percentiles read the sum of nine.
        let bins = 64
        var histogram = [Int32](repeating: 0, count: width * height * bins)
        var ratio = [Float](repeating: 0, count: width * height), contrast = ratio
        for cy in 0..<height {
            for cx in 0..<width {
                let base = (cy * width + cx) * bins
                var first: Float = 0, second: Float = 0
                for y in cy * side..<(cy + 1) * side {
                    for x in cx * side..<(cx + 1) * side {
                        histogram[base + min(bins - 1, Int(luma[y * gridW + x]) * bins / 256)] += 1
                        let g = gradient[y * gridW + x]
                        if g > first { second = first; first = g } else if g > second { second = g }
                    }
                }
                // The second steepest step: one noisy pixel does not make a cell sharp.
                ratio[cy * width + cx] = second
            }
        }
        var window = [Int32](repeating: 0, count: bins)
        for cy in 0..<height {
            for cx in 0..<width {
                for b in 0..<bins { window[b] = 0 }
                var total: Int32 = 0
                for yy in max(0, cy - 1)...min(height - 1, cy + 1) {
                    for xx in max(0, cx - 1)...min(width - 1, cx + 1) {
                        let base = (yy * width + xx) * bins
                        for b in 0..<bins { window[b] += histogram[base + b] }
                        total += Int32(side * side)
                    }
                }
                let range = Float(Self.percentileBin(window, total * 98 / 100) - Self.percentileBin(window, total * 2 / 100)) * 256 / Float(bins)
                contrast[cy * width + cx] = range
                ratio[cy * width + cx] /= max(range, 1)
            }
        }
        self.ratio = ratio
        self.contrast = contrast
    }

    /// The bin holding the `rank`-th sample (0-based) of histogram `h`.
    static func percentileBin(_ h: [Int32], _ rank: Int32) -> Int {
        var seen: Int32 = 0
        for (b, n) in h.enumerated() {
            seen += n
            if seen > rank { return b }
        }
        return h.count - 1
    }

    /// The region's luminance (sRGB levels 0...255) on a `width`×`height` grid, each grid pixel
    /// the mean of up to `tapsPerAxis`² photo pixels of its `scale`-sided block.
    static func luminance(_ image: Image, region: PixelRect, width: Int, height: Int, scale: Float) -> [Float] {
        let (wr, wg, wb) = Image.luminanceWeights
        let ch = image.channels, iw = image.width, ih = image.height
        let ox = Int(region.minX), oy = Int(region.minY)
        let block = max(1, Int(scale)), taps = min(block, tapsPerAxis), stride = max(1, block / taps)
        var out = [Float](repeating: 0, count: width * height)
        image.pixels.withUnsafeBufferPointer { px in
            for gy in 0..<height {
                let y0 = oy + Int(Float(gy) * scale)
                for gx in 0..<width {
                    let x0 = ox + Int(Float(gx) * scale)
                    var sum: Float = 0, n: Float = 0
                    for ty in 0..<taps {
                        let y = min(y0 + ty * stride, ih - 1)
                        for tx in 0..<taps {
                            let b = (y * iw + min(x0 + tx * stride, iw - 1)) * ch
                            sum += ch >= 3 ? wr * px[b] + wg * px[b + 1] + wb * px[b + 2] : px[b]
                            n += 1
                        }
                    }
                    out[gy * width + gx] = 255 * SRGBTransfer.encoded(fromLinear: min(max(sum / n, 0), 1))
                }
            }
        }
        return out
    }

    /// Central-difference gradient magnitude (one-sided at the borders).
    static func gradientMagnitude(_ v: [Float], width w: Int, height h: Int) -> [Float] {
        var g = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let l = v[y * w + max(x - 1, 0)], r = v[y * w + min(x + 1, w - 1)]
                let u = v[max(y - 1, 0) * w + x], d = v[min(y + 1, h - 1) * w + x]
                let gx = (r - l) / Float(min(x + 1, w - 1) - max(x - 1, 0))
                let gy = (d - u) / Float(min(y + 1, h - 1) - max(y - 1, 0))
                g[y * w + x] = (gx * gx + gy * gy).squareRoot()
            }
        }
        return g
    }
}

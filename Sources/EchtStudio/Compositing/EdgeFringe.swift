import EchtImaging

/// Removes the blue fringe a blown background blooms onto the person's outline: light that the
/// old background (a window, a chandelier) spilled over an opaque edge, so it stays on a new
/// backdrop as a saturated rim. Only edge pixels next to blown light whose blue share lies well
/// above the person's own nearby colour are touched; they keep half their extra brightness and
/// take the person's colour (or, where that colour is warm — short hair over skin — a neutral
/// grey), so the rim reads as a faint lighter edge, as light does. Hair highlights and rim light
/// of the person's own hue are left alone.
enum EdgeFringe {
    /// Rec. 709 luminance weights (linear light).
    static let luminance = SIMD3<Float>(0.2126, 0.7152, 0.0722)
    /// A channel at or above this (linear) counts as blown light.
    static let blown: Float = 0.85
    /// Blue share above the interior's where the fringe starts; full correction at twice this.
    static let excessStart: Float = 0.08
    /// The share of the fringe's extra luminance kept.
    static let keptLight: Float = 0.5

    /// `foreground` with the fringe removed, and how many pixels changed. `alpha`: the cleaned
    /// matte; `photo`: the linear RGB photo, which `transform` maps to the output frame (it is read
    /// only just outside the outline); `faceWidth` in output pixels.
    static func apply(alpha: Image, foreground: consuming Image, photo: Image, transform: SimilarityTransform,
                      faceWidth: Float) -> (foreground: Image, changed: Int) {
        let width = alpha.width, height = alpha.height, n = width * height
        precondition(foreground.width == width && foreground.height == height && foreground.channels == 3 && photo.channels != 2,
                     "fringe sizes differ")
        let depth = max(2, 0.1 * faceWidth), ringWidth: Float = 4
        let person = alpha.pixels.map { $0 >= 0.5 }
        let outside = DistanceField.chamfer(person.map { !$0 }, width: width, height: height)
        // Blown old background just outside the outline, spread over the fringe's reach.
        var near = [Float](repeating: 0, count: n)
        var any = false
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                guard alpha.pixels[i] < 0.02, outside[i] > 0, outside[i] <= ringWidth,
                      sample(photo, transform.sourcePoint(SIMD2<Double>(Double(x) + 0.5, Double(y) + 0.5))).max() >= blown else { continue }
                near[i] = 1; any = true
            }
        }
        guard any else { return (foreground, 0) }
        let inside = DistanceField.chamfer(person, width: width, height: height)
        Blur.gaussianInPlace(&near, width: width, height: height, channels: 1, sigma: max(1, 0.03 * faceWidth))
        // The person's colour away from the edge: opaque pixels deeper than 1.5 × the depth, as
        // colour × weight and weight, blurred wide (on a shrunk copy where the blur is wide).
        var deep = [Float](repeating: 0, count: n * 4)
        foreground.pixels.withUnsafeBufferPointer { f in
            for i in 0..<n where alpha.pixels[i] >= 0.98 && inside[i] > 1.5 * depth {
                deep[i * 4] = f[i * 3]; deep[i * 4 + 1] = f[i * 3 + 1]; deep[i * 4 + 2] = f[i * 3 + 2]; deep[i * 4 + 3] = 1
            }
        }
        let interior = Blur.gaussianReduced(Image(width: width, height: height, channels: 4, pixels: deep),
                                            sigma: max(1, 0.12 * faceWidth)).pixels
        var out = consume foreground, changed = 0
        out.pixels.withUnsafeMutableBufferPointer { f in
            for i in 0..<n {
                let a = alpha.pixels[i], d = inside[i]
                guard a > 0.05, d <= depth, near[i] > 0.02, interior[i * 4 + 3] > 0.02 else { continue }
                let s = SIMD3(interior[i * 4], interior[i * 4 + 1], interior[i * 4 + 2]) / interior[i * 4 + 3]
                let p = SIMD3(f[i * 3], f[i * 3 + 1], f[i * 3 + 2])
                let pSum = p.sum(), sSum = s.sum()
                guard pSum > 1e-6, sSum > 1e-6 else { continue }
                let interiorBlue = s.z / sSum, excess = p.z / pSum - interiorBlue
                guard excess > excessStart else { continue }
                let taper = min(max((depth - d) / (0.5 * depth), 0), 1)
                let w = taper * min((excess - excessStart) / excessStart, 1)
                guard w > 0 else { continue }
                let lp = (p * luminance).sum(), ls = (s * luminance).sum()
                guard ls > 1e-6 else { continue }
                let lt = ls + keptLight * max(lp - ls, 0) + min(lp - ls, 0)
                // A blue interior (the fringe's own cloth) gives its colour; a warm one, grey.
                let k = min(max((interiorBlue - 1 / 3) / 0.15, 0), 1)
                let target = k * s * (lt / ls) + (1 - k) * SIMD3(repeating: lt)
                let q = p + w * (target - p)
                f[i * 3] = max(q.x, 0); f[i * 3 + 1] = max(q.y, 0); f[i * 3 + 2] = max(q.z, 0)
                changed += 1
            }
        }
        return (out, changed)
    }

    /// The photo's RGB (a grey photo's value thrice) at a source point (pixel centres at +0.5),
    /// bilinear, clamped at its edges.
    static func sample(_ photo: Image, _ point: SIMD2<Double>) -> SIMD3<Float> {
        let c = photo.channels, green = c == 1 ? 0 : 1, blue = c == 1 ? 0 : 2, maxX = Float(photo.width - 1), maxY = Float(photo.height - 1)
        let fx = min(max(Float(point.x) - 0.5, 0), maxX), fy = min(max(Float(point.y) - 0.5, 0), maxY)
        let x0 = Int(fx), y0 = Int(fy), x1 = min(x0 + 1, photo.width - 1), y1 = min(y0 + 1, photo.height - 1)
        let tx = fx - Float(x0), ty = fy - Float(y0)
        return photo.pixels.withUnsafeBufferPointer { p in
            func at(_ x: Int, _ y: Int) -> SIMD3<Float> {
                let i = (y * photo.width + x) * c
                return SIMD3(p[i], p[i + green], p[i + blue])
            }
            return (at(x0, y0) * (1 - tx) + at(x1, y0) * tx) * (1 - ty) + (at(x0, y1) * (1 - tx) + at(x1, y1) * tx) * ty
        }
    }
}

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
    /// matte; `photo`: the photo through the same frame (linear RGB); `faceWidth` in output pixels.
    static func apply(alpha: Image, foreground: consuming Image, photo: Image, faceWidth: Float) -> (foreground: Image, changed: Int) {
        let width = alpha.width, height = alpha.height, n = width * height
        precondition(photo.width == width && photo.height == height && photo.channels >= 3 && foreground.channels == 3,
                     "fringe sizes differ")
        let depth = max(2, 0.1 * faceWidth), ringWidth: Float = 4
        let inside = DistanceField.chamfer(width: width, height: height) { alpha.pixels[$0] >= 0.5 }
        let outside = DistanceField.chamfer(width: width, height: height) { alpha.pixels[$0] < 0.5 }
        // Blown old background just outside the outline, spread over the fringe's reach.
        var near = [Float](repeating: 0, count: n)
        var any = false
        photo.pixels.withUnsafeBufferPointer { p in
            let c = photo.channels
            for i in 0..<n where alpha.pixels[i] < 0.02 && outside[i] <= ringWidth
                && max(p[i * c], p[i * c + 1], p[i * c + 2]) >= blown {
                near[i] = 1; any = true
            }
        }
        guard any else { return (foreground, 0) }
        Blur.gaussianInPlace(&near, width: width, height: height, channels: 1, sigma: max(1, 0.03 * faceWidth))
        // The person's colour away from the edge: opaque pixels deeper than 1.5 × the depth.
        var weight = [Float](repeating: 0, count: n), colour = [Float](repeating: 0, count: n * 3)
        foreground.pixels.withUnsafeBufferPointer { f in
            for i in 0..<n where alpha.pixels[i] >= 0.98 && inside[i] > 1.5 * depth {
                weight[i] = 1
                colour[i * 3] = f[i * 3]; colour[i * 3 + 1] = f[i * 3 + 1]; colour[i * 3 + 2] = f[i * 3 + 2]
            }
        }
        let sigma = max(1, 0.12 * faceWidth)
        Blur.gaussianInPlace(&weight, width: width, height: height, channels: 1, sigma: sigma)
        Blur.gaussianInPlace(&colour, width: width, height: height, channels: 3, sigma: sigma)
        var out = consume foreground, changed = 0
        out.pixels.withUnsafeMutableBufferPointer { f in
            for i in 0..<n {
                let a = alpha.pixels[i], d = inside[i]
                guard a > 0.05, d <= depth, near[i] > 0.02, weight[i] > 0.02 else { continue }
                let s = SIMD3(colour[i * 3], colour[i * 3 + 1], colour[i * 3 + 2]) / weight[i]
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
}

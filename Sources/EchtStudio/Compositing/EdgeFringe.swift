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
    ///
    /// Only windows around the blown stretches of the outline are worked on: the blur of the
    /// blown seeds, the distances into the person and the person's colour are computed there, with
    /// margins that keep every value the full-frame computation would use (see `Window`).
    static func apply(alpha: Image, foreground: consuming Image, photo: Image, transform: SimilarityTransform,
                      faceWidth: Float) -> (foreground: Image, changed: Int) {
        let width = alpha.width, height = alpha.height
        precondition(foreground.width == width && foreground.height == height && foreground.channels == 3 && photo.channels != 2,
                     "fringe sizes differ")
        let depth = max(2, 0.1 * faceWidth)
        let frame = Window(x0: 0, y0: 0, x1: width, y1: height)
        // Blown old background just outside the outline.
        var seeds: [Int] = []
        ring(alpha) { i in
            let x = i % width, y = i / width
            guard alpha.pixels[i] < 0.02,
                  sample(photo, transform.sourcePoint(SIMD2<Double>(Double(x) + 0.5, Double(y) + 0.5))).max() >= blown else { return }
            seeds.append(i)
        }
        guard !seeds.isEmpty else { return (foreground, 0) }
        // Spread over the fringe's reach, in the seeds' box grown past the blur's reach: outside it
        // every pass of the full-frame blur reads and writes only zeros (or, past the seeds, the one
        // value a running sum is left with), so the values inside are the full frame's to the bit.
        let nearSigma = max(1, 0.03 * faceWidth)
        let seedBox = Window(bounding: seeds, width: width)
        let nearBox = seedBox.grown(by: Blur.reach(sigma: nearSigma) + 2).clipped(to: frame)
        var near = [Float](repeating: 0, count: nearBox.count)
        for i in seeds { near[nearBox.index(i % width, i / width)] = 1 }
        Blur.gaussianInPlace(&near, width: nearBox.width, height: nearBox.height, channels: 1, sigma: nearSigma)
        // The pixels the correction may touch lie in the box of those the spread light reaches.
        var reached = Window(x0: width, y0: height, x1: 0, y1: 0)
        for y in nearBox.y0..<nearBox.y1 {
            for x in nearBox.x0..<nearBox.x1 where near[nearBox.index(x, y)] > 0.02 && alpha.pixels[y * width + x] > 0.05 {
                reached.x0 = min(reached.x0, x); reached.x1 = max(reached.x1, x + 1)
                reached.y0 = min(reached.y0, y); reached.y1 = max(reached.y1, y + 1)
            }
        }
        guard reached.x1 > reached.x0 else { return (foreground, 0) }
        let touched = reached
        // The person's colour away from the edge: opaque pixels deeper than 1.5 × the depth, as
        // colour × weight and weight, blurred wide (on a shrunk copy where the blur is wide), in a
        // window on the shrunk grid's blocks reaching past the blur's reach around `touched`.
        let wideSigma = max(1, 0.12 * faceWidth)
        let factor = min(max(Int(wideSigma / 8), 1), 8)  // as `Blur.gaussianReducedSmall` picks it
        let colourBox = touched.grown(by: (Blur.reach(sigma: wideSigma / Float(factor)) + 2) * factor).clipped(to: frame)
            .aligned(to: factor, within: frame)
        // Distances into the person, exact up to 1.5 × the depth everywhere in `colourBox`: a
        // chamfer distance d is found in any window that holds every pixel within d + 1 of it.
        let deepest = 1.5 * depth
        let insideBox = colourBox.grown(by: Int(deepest.rounded(.up)) + 2).clipped(to: frame)
        var member = [Bool](repeating: false, count: insideBox.count)
        for y in insideBox.y0..<insideBox.y1 {
            for x in insideBox.x0..<insideBox.x1 { member[insideBox.index(x, y)] = alpha.pixels[y * width + x] >= 0.5 }
        }
        let inside = DistanceField.chamfer(member, width: insideBox.width, height: insideBox.height)
        var deep = [Float](repeating: 0, count: colourBox.count * 4)
        foreground.pixels.withUnsafeBufferPointer { f in
            for y in colourBox.y0..<colourBox.y1 {
                for x in colourBox.x0..<colourBox.x1 {
                    let i = y * width + x, o = colourBox.index(x, y) * 4
                    guard alpha.pixels[i] >= 0.98, inside[insideBox.index(x, y)] > deepest else { continue }
                    deep[o] = f[i * 3]; deep[o + 1] = f[i * 3 + 1]; deep[o + 2] = f[i * 3 + 2]; deep[o + 3] = 1
                }
            }
        }
        let reduced = Blur.gaussianReducedSmall(Image(width: colourBox.width, height: colourBox.height, channels: 4, pixels: deep),
                                                sigma: wideSigma)
        precondition(reduced.factor == factor, "the colour window is aligned to the blur's own reduction")
        // The full frame's bilinear taps, shifted to the window's blocks.
        let columns = reduced.taps(size: width, stored: (width + factor - 1) / factor)
        let rows = reduced.taps(size: height, stored: (height + factor - 1) / factor)
        let bx = colourBox.x0 / factor, by = colourBox.y0 / factor, small = reduced.small
        var out = consume foreground, changed = 0
        out.pixels.withUnsafeMutableBufferPointer { f in
            small.pixels.withUnsafeBufferPointer { q in
                for y in touched.y0..<touched.y1 {
                    let row = rows[y], top = (row.i - by) * small.width, bottom = (row.i1 - by) * small.width, ty = row.t
                    for x in touched.x0..<touched.x1 {
                        let i = y * width + x, a = alpha.pixels[i], d = inside[insideBox.index(x, y)]
                        guard a > 0.05, d <= depth, near[nearBox.index(x, y)] > 0.02 else { continue }
                        let column = columns[x], tx = column.t
                        let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                        let p00 = (top + column.i - bx) * 4, p10 = (top + column.i1 - bx) * 4
                        let p01 = (bottom + column.i - bx) * 4, p11 = (bottom + column.i1 - bx) * 4
                        func tap(_ k: Int) -> Float { w00 * q[p00 + k] + w10 * q[p10 + k] + w01 * q[p01 + k] + w11 * q[p11 + k] }
                        let weight = tap(3)
                        guard weight > 0.02 else { continue }
                        let s = SIMD3(tap(0), tap(1), tap(2)) / weight
                        if correct(f, at: i, interior: s, d: d, depth: depth) { changed += 1 }
                    }
                }
            }
        }
        return (out, changed)
    }

    /// Corrects the foreground pixel `i` of `f` towards the interior colour `s` at distance `d`
    /// inside the outline; whether it changed.
    @inline(__always)
    private static func correct(_ f: UnsafeMutableBufferPointer<Float>, at i: Int, interior s: SIMD3<Float>,
                                d: Float, depth: Float) -> Bool {
        let p = SIMD3(f[i * 3], f[i * 3 + 1], f[i * 3 + 2])
        let pSum = p.sum(), sSum = s.sum()
        guard pSum > 1e-6, sSum > 1e-6 else { return false }
        let interiorBlue = s.z / sSum, excess = p.z / pSum - interiorBlue
        guard excess > excessStart else { return false }
        let taper = min(max((depth - d) / (0.5 * depth), 0), 1)
        let w = taper * min((excess - excessStart) / excessStart, 1)
        guard w > 0 else { return false }
        let lp = (p * luminance).sum(), ls = (s * luminance).sum()
        guard ls > 1e-6 else { return false }
        let lt = ls + keptLight * max(lp - ls, 0) + min(lp - ls, 0)
        // A blue interior (the fringe's own cloth) gives its colour; a warm one, grey.
        let k = min(max((interiorBlue - 1 / 3) / 0.15, 0), 1)
        let target = k * s * (lt / ls) + (1 - k) * SIMD3(repeating: lt)
        let q = p + w * (target - p)
        f[i * 3] = max(q.x, 0); f[i * 3 + 1] = max(q.y, 0); f[i * 3 + 2] = max(q.z, 0)
        return true
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

import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Checks, to a fraction of a pixel, that the face in a finished headshot sits exactly where the
/// recorded crop/rotation/scale puts the input's face.
///
/// The face mesh cannot do this by itself: run twice on resampled pixels it repeats itself only
/// to about one pixel of its 192-px crop, several input pixels on a large face. Here the input
/// is rendered through the recorded transform and the headshot is registered to it over the
/// face with a similarity (shift, scale, rotation) by Gauss–Newton on fine detail. Light,
/// colour and retouch change tones, not positions, so both images are reduced to their
/// normalised fine log-luminance detail first. An honest output gives a few hundredths of a
/// pixel; any warp, shift or rescale of the face shows up at its true size.
enum GeometryRegistration {
    /// The input's side of the check for one framing: the face box, the input rendered through
    /// the recorded transform and reduced to its detail, and the fit's weights. It depends on
    /// the photo and the framing only, so the looks sharing a framing share it.
    struct Reference: Sendable {
        /// The face mask's bounding box (above 0.5), in output pixels.
        let box: (x0: Int, y0: Int, x1: Int, y1: Int)
        /// The box padded by the detail's reach: the part of the output that is compared.
        let window: PixelWindow
        /// The scale, in output pixels, below which detail is compared.
        let detailSigma: Float
        /// The input's detail over `window`.
        let detail: [Float]
        /// The face mask over `window`, zero at or below one half.
        let weight: [Float]
        /// The pixels the fit sums over, with everything about them that does not depend on the
        /// output (`samples(reference:weight:width:height:step:)` of `detail` and `weight`).
        let samples: [Sample]
        /// Input pixels per output pixel.
        let scale: Double
    }

    /// One pixel of the fit's sums, as every iteration reads it: its position (x, y) in the
    /// window, relative to the window's centre (u, v), its weight and the reference's detail.
    struct Sample: Sendable {
        let x: Double, y: Double, u: Double, v: Double, weight: Double, reference: Double
    }

    /// The fit's samples of a `width`×`height` window: every `step`-th pixel of every `step`-th
    /// row whose weight is above zero, row by row.
    static func samples(reference: [Float], weight: [Float], width w: Int, height h: Int, step: Int) -> [Sample] {
        precondition(reference.count == w * h && weight.count == w * h && step >= 1, "one value per pixel of the window")
        let cx = Double(w) / 2, cy = Double(h) / 2
        let rows = stride(from: 0, to: h, by: step), columns = stride(from: 0, to: w, by: step)
        return weight.withUnsafeBufferPointer { weight in
            reference.withUnsafeBufferPointer { reference in
                // At most every stepped pixel.
                [Sample](unsafeUninitializedCapacity: ((h + step - 1) / step) * ((w + step - 1) / step)) { out, count in
                    count = 0
                    for y in rows {
                        let line = y * w, v = Double(y) + 0.5 - cy
                        for x in columns where weight[line &+ x] > 0 {
                            out.initializeElement(at: count, to: Sample(x: Double(x), y: Double(y), u: Double(x) + 0.5 - cx, v: v,
                                                                        weight: Double(weight[line &+ x]),
                                                                        reference: Double(reference[line &+ x])))
                            count += 1
                        }
                    }
                }
            }
        }
    }

    /// The input's side of `displacement`; nil when the face has no box large enough to fit.
    static func reference(input: Image, transform: SimilarityTransform, face: BoxedPlane, detailSigma: Float) -> Reference? {
        guard let box = face.boundingBox(above: 0.5) else { return nil }
        let window = PixelWindow.around(box, pad: Int(3 * detailSigma) + 4, width: face.frameWidth, height: face.frameHeight)
        let x0 = window.x0, y0 = window.y0, w = window.width, h = window.height
        guard w > 16, h > 16 else { return nil }
        var local = transform
        let origin = transform.sourcePoint(SIMD2<Double>(Double(x0), Double(y0)))
        local.translationX = origin.x; local.translationY = origin.y
        let whole = PixelWindow(x0: 0, y0: 0, width: w, height: h)
        let detail = detail(LogLuminance(Warp.render(input.rgb, transform: local, width: w, height: h), window: whole),
                            over: whole, sigma: detailSigma)
        let weight = face.region(x: x0, y: y0, width: w, height: h).pixels.map { $0 > 0.5 ? $0 : 0 }
        return Reference(box: box, window: window, detailSigma: detailSigma, detail: detail, weight: weight,
                         samples: samples(reference: detail, weight: weight, width: w, height: h, step: sampleStep(width: w, height: h)),
                         scale: transform.scale)
    }

    /// The largest displacement over the face's bounding box, in input pixels, between `output`
    /// and `input` rendered through `transform`; nil when the face has too little detail to tell.
    /// - Parameters:
    ///   - face: the face-oval mask in output pixels (weights the fit).
    ///   - detailSigma: the scale, in output pixels, below which detail is compared.
    static func displacement(output: Image, input: Image, transform: SimilarityTransform, face: BoxedPlane,
                             detailSigma: Float) -> Double? {
        guard let reference = reference(input: input, transform: transform, face: face, detailSigma: detailSigma) else { return nil }
        let window = reference.window
        let moved = detail(output.region(x0: window.x0, y0: window.y0, width: window.width, height: window.height), sigma: detailSigma)
        return displacement(moved: moved, reference: reference)
    }

    /// `displacement` from the output's detail over `reference.window` (`moved`).
    static func displacement(moved: [Float], reference: Reference) -> Double? {
        let box = reference.box, x0 = reference.window.x0, y0 = reference.window.y0
        let w = reference.window.width, h = reference.window.height
        guard let p = fit(moved: moved, samples: reference.samples, width: w, height: h) else { return nil }
        // The displacement field of the fitted similarity at the corners of the face box.
        let cx = Double(w) / 2, cy = Double(h) / 2
        var largest = 0.0
        for (u, v) in [(box.x0 - x0, box.y0 - y0), (box.x1 - x0, box.y0 - y0), (box.x0 - x0, box.y1 - y0), (box.x1 - x0, box.y1 - y0)] {
            let du = Double(u) - cx, dv = Double(v) - cy
            let dx = p[0] + p[2] * du - p[3] * dv, dy = p[1] + p[3] * du + p[2] * dv
            largest = max(largest, (dx * dx + dy * dy).squareRoot())
        }
        return largest * reference.scale
    }

    /// Fine log-luminance detail (the image minus its blur), scaled to unit RMS.
    static func detail(_ image: Image, sigma: Float) -> [Float] {
        detail(LogLuminance(window: PixelWindow(x0: 0, y0: 0, width: image.width, height: image.height),
                            values: image.luminance.pixels.map { logf(max($0, 0) + 2e-3) }),
               over: PixelWindow(x0: 0, y0: 0, width: image.width, height: image.height), sigma: sigma)
    }

    /// `detail` of the log-luminance `plane` over `part`, which lies inside the plane's window.
    static func detail(_ plane: LogLuminance, over part: PixelWindow, sigma: Float) -> [Float] {
        // The blur is made in the result's own buffer, which then takes the plane minus it.
        var out = plane.values(in: part)
        Blur.gaussianInPlace(&out, width: part.width, height: part.height, channels: 1, sigma: sigma)
        var energy: Float = 0
        out.withUnsafeMutableBufferPointer { out in
            plane.values.withUnsafeBufferPointer { logLuma in
                for y in 0..<part.height {
                    let row = plane.rowStart(y, of: part), line = y * part.width
                    for x in 0..<part.width {
                        let d = logLuma[row &+ x] - out[line &+ x]
                        out[line &+ x] = d
                        energy += d * d
                    }
                }
            }
            let rms = (energy / Float(max(out.count, 1))).squareRoot()
            if rms > 1e-6 { for i in 0..<out.count { out[i] /= rms } }
        }
        return out
    }

    /// The pixel step of the fit's sums in a `width`×`height` box: every pixel up to
    /// `fullSamples`, then every second (third, …) row and column, so a large face is still
    /// registered from about that many samples of its full-resolution detail (its figure moves
    /// by thousandths of a pixel, against a limit of one).
    static func sampleStep(width: Int, height: Int) -> Int {
        max(1, Int((Double(width * height) / Double(fullSamples)).squareRoot()))
    }

    /// Boxes up to this many pixels are fitted from every pixel.
    static let fullSamples = 250_000

    /// Gauss–Newton for p = (dx, dy, a, b): `moved` sampled at
    /// (x + dx + a·u − b·v, y + dy + b·u + a·v), with (u, v) relative to the centre, matches
    /// `reference` at (x, y), over every `step`-th pixel of every `step`-th row whose `weight`
    /// is above zero. Returns nil when the normal equations are singular or it diverges.
    static func fit(moved: [Float], reference: [Float], weight: [Float], width w: Int, height h: Int, step: Int = 1) -> [Double]? {
        guard w >= 4, h >= 4 else { return nil }
        return fit(moved: moved, samples: samples(reference: reference, weight: weight, width: w, height: h, step: step), width: w, height: h)
    }

    /// `fit` over `samples` of a `width`×`height` window (found once for the reference; only
    /// `moved` is the output's).
    ///
    /// Interpolating `moved`'s central-difference gradients bilinearly equals differencing
    /// bilinear samples one pixel apart; each tap's (value, ∂x, ∂y) is formed where it is read
    /// (every tap lies inside the border, where the differences exist), so an iteration reads
    /// `moved` itself, a quarter of the memory a table of them would take.
    static func fit(moved: [Float], samples: [Sample], width w: Int, height h: Int) -> [Double]? {
        guard w >= 4, h >= 4 else { return nil }
        precondition(moved.count == w * h, "one value per pixel of the window")
        var p = [0.0, 0.0, 0.0, 0.0]
        let right = Double(w - 2), bottom = Double(h - 2)
        for _ in 0..<20 {
            let p0 = p[0], p1 = p[1], p2 = p[2], p3 = p[3]
            // Normal equations; the rows of the Hessian and the gradient as vectors, each lane
            // summed in the same order as one scalar per entry.
            var row0 = SIMD4<Double>.zero, row1 = SIMD4<Double>.zero, row2 = SIMD4<Double>.zero, row3 = SIMD4<Double>.zero
            var gradient = SIMD4<Double>.zero
            moved.withUnsafeBufferPointer { moved in
                // Every tap lies inside the window (the guard below), so the index arithmetic
                // cannot overflow: it wraps without checks.
                let m = moved.baseAddress!
                /// `moved` and its central differences at the interior pixel `i`.
                @inline(__always) func tap(_ i: Int) -> SIMD4<Float> {
                    SIMD4(m[i], (m[i &+ 1] - m[i &- 1]) / 2, (m[i &+ w] - m[i &- w]) / 2, 0)
                }
                samples.withUnsafeBufferPointer { samples in
                    for sample in samples {
                        let u = sample.u, v = sample.v
                        let sx = sample.x + p0 + p2 * u - p3 * v, sy = sample.y + p1 + p3 * u + p2 * v
                        // `moved` and its gradients sampled bilinearly at (sx, sy).
                        guard sx >= 1, sy >= 1, sx < right, sy < bottom else { continue }
                        let ix = Int(sx), iy = Int(sy), tx = Float(sx - Double(ix)), ty = Float(sy - Double(iy))
                        let k0 = iy &* w &+ ix, k1 = k0 &+ w
                        let w00: Float = (1 - tx) * (1 - ty), w10: Float = tx * (1 - ty), w01: Float = (1 - tx) * ty, w11: Float = tx * ty
                        var s: SIMD4<Float> = tap(k0) * w00
                        s += tap(k0 &+ 1) * w10
                        s += tap(k1) * w01
                        s += tap(k1 &+ 1) * w11
                        let value = Double(s.x), gx = Double(s.y), gy = Double(s.z)
                        let k = sample.weight
                        let j = SIMD4(gx, gy, gx * u + gy * v, -gx * v + gy * u)
                        let e = value - sample.reference
                        let kj = k * j
                        gradient += kj * e
                        row0 += kj.x * j; row1 += kj.y * j; row2 += kj.z * j; row3 += kj.w * j
                    }
                }
            }
            let hessian = [row0, row1, row2, row3].flatMap { [$0.x, $0.y, $0.z, $0.w] }
            guard let step = solve(hessian, [gradient.x, gradient.y, gradient.z, gradient.w]) else { return nil }
            for r in 0..<4 { p[r] -= step[r] }
            guard p.allSatisfy(\.isFinite), abs(p[0]) < 20, abs(p[1]) < 20, abs(p[2]) < 0.2, abs(p[3]) < 0.2 else { return nil }
            if abs(step[0]) + abs(step[1]) < 1e-4, abs(step[2]) + abs(step[3]) < 1e-7 { break }
        }
        return p
    }

    /// Solves the 4×4 system `a · x = b` by Gaussian elimination with partial pivoting.
    static func solve(_ a: [Double], _ b: [Double]) -> [Double]? {
        var m = a, r = b
        for col in 0..<4 {
            let pivot = (col..<4).max { abs(m[$0 * 4 + col]) < abs(m[$1 * 4 + col]) }!
            guard abs(m[pivot * 4 + col]) > 1e-12 else { return nil }
            if pivot != col {
                for c in 0..<4 { m.swapAt(col * 4 + c, pivot * 4 + c) }
                r.swapAt(col, pivot)
            }
            for row in (col + 1)..<4 {
                let f = m[row * 4 + col] / m[col * 4 + col]
                for c in col..<4 { m[row * 4 + c] -= f * m[col * 4 + c] }
                r[row] -= f * r[col]
            }
        }
        var x = [Double](repeating: 0, count: 4)
        for row in stride(from: 3, through: 0, by: -1) {
            var s = r[row]
            for c in (row + 1)..<4 { s -= m[row * 4 + c] * x[c] }
            x[row] = s / m[row * 4 + row]
        }
        return x
    }
}

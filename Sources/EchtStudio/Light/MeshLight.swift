import EchtImaging
import EchtVision
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// A gentle simulated key/fill light shaped by the face mesh: the mesh's depth is interpolated
/// into a smooth height field, its normals are lit from the look's key direction (wrapped,
/// soft-box-like), and the result modulates the person's own light — brighter on the key side,
/// a deeper shadow side for dramatic looks. Light only scales existing pixels; it adds nothing.
public enum MeshLight {
    /// The direction towards the key light (x right, y down, z towards the camera).
    static func direction(_ light: LightStyle) -> SIMD3<Float> {
        let az = light.azimuth * .pi / 180, el = light.elevation * .pi / 180
        return SIMD3(sinf(az) * cosf(el), -sinf(el), cosf(az) * cosf(el))
    }

    /// The per-pixel light gain for a person in an output frame.
    /// - Parameters:
    ///   - mesh: the face mesh in output pixels.
    ///   - alpha: the person matte.
    public static func gain(mesh: FaceLandmarks, alpha: Image, light: LightStyle) -> Image {
        let width = alpha.width, height = alpha.height
        var gain = Image.plane(width: width, height: height, value: 1)
        guard let field = Field(mesh: mesh, light: light) else { return gain }
        gain.pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                field.gains(row: y, alpha: alpha, into: UnsafeMutableBufferPointer(rebasing: out[(y * width)..<((y + 1) * width)]))
            }
        }
        return gain
    }

    /// `image` times the per-channel `balance` gains, then times the light gain of
    /// `gain(mesh:alpha:light:)`, written straight into a new image: the same products,
    /// in the same order, as `apply(gain(…), to: image, balance:)`, without the gain plane.
    static func lit(_ image: Image, balance: SIMD3<Float>, mesh: FaceLandmarks, alpha: Image,
                    light: LightStyle) -> Image {
        let width = image.width, height = image.height, c = image.channels, n = width * height
        precondition(alpha.width == width && alpha.height == height && c >= 3, "light sizes differ")
        let field = Field(mesh: mesh, light: light)
        // One row of gains at a time, made just before the row is lit.
        var rowGain = [Float](repeating: 1, count: width)
        // Every sample is written below, so the buffer is not zeroed first.
        let pixels = [Float](unsafeUninitializedCapacity: n * 3) { out, count in
            image.pixels.withUnsafeBufferPointer { source in
                rowGain.withUnsafeMutableBufferPointer { k in
                    for y in 0..<height {
                        field?.gains(row: y, alpha: alpha, into: k)
                        let p = source.baseAddress! + y * width * c, o = out.baseAddress! + y * width * 3
                        let vectorEnd = c == 3 ? width / 8 * 8 : 0
                        if vectorEnd > 0 { litRGB8(p, balance: balance, gains: k.baseAddress!, into: o, count: vectorEnd) }
                        for x in vectorEnd..<width {
                            o[x * 3] = p[x * c] * balance.x * k[x]
                            o[x * 3 + 1] = p[x * c + 1] * balance.y * k[x]
                            o[x * 3 + 2] = p[x * c + 2] * balance.z * k[x]
                        }
                    }
                }
            }
            count = n * 3
        }
        return Image(width: width, height: height, channels: 3, pixels: pixels)
    }

    /// `count` (a multiple of eight) RGB pixels from `p` times `balance`, then times their gain in
    /// `k`, into `o`: eight pixels (24 samples) as three vectors of eight lanes, each lane the same
    /// two products, in the same order, as the one-sample-at-a-time loop of `lit`.
    @inline(__always)
    static func litRGB8(_ p: UnsafePointer<Float>, balance: SIMD3<Float>, gains k: UnsafePointer<Float>,
                        into o: UnsafeMutablePointer<Float>, count: Int) {
        typealias Lanes = SIMD8<Float>
        let bx = balance.x, by = balance.y, bz = balance.z
        let b0 = Lanes(bx, by, bz, bx, by, bz, bx, by)
        let b1 = Lanes(bz, bx, by, bz, bx, by, bz, bx)
        let b2 = Lanes(by, bz, bx, by, bz, bx, by, bz)
        let source = UnsafeRawPointer(p), target = UnsafeMutableRawPointer(o)
        var x = 0
        while x < count {
            let g = UnsafeRawPointer(k + x).loadUnaligned(as: Lanes.self)
            let g0 = Lanes(g[0], g[0], g[0], g[1], g[1], g[1], g[2], g[2])
            let g1 = Lanes(g[2], g[3], g[3], g[3], g[4], g[4], g[4], g[5])
            let g2 = Lanes(g[5], g[5], g[6], g[6], g[6], g[7], g[7], g[7])
            let at = x * 3 * MemoryLayout<Float>.stride, lane = 8 * MemoryLayout<Float>.stride
            let p0 = source.loadUnaligned(fromByteOffset: at, as: Lanes.self)
            let p1 = source.loadUnaligned(fromByteOffset: at + lane, as: Lanes.self)
            let p2 = source.loadUnaligned(fromByteOffset: at + 2 * lane, as: Lanes.self)
            target.storeBytes(of: p0 * b0 * g0, toByteOffset: at, as: Lanes.self)
            target.storeBytes(of: p1 * b1 * g1, toByteOffset: at + lane, as: Lanes.self)
            target.storeBytes(of: p2 * b2 * g2, toByteOffset: at + 2 * lane, as: Lanes.self)
            x += 8
        }
    }

    /// The light as one term on a coarse grid over the face and its surroundings, and the
    /// body's falloff beyond that grid: everything the per-pixel gain needs. Nil when the look
    /// has no key light.
    ///
    /// The face's shading (wrapped Lambert on the mesh's height field) is carried on past the
    /// face oval and blended into the body's falloff over a quarter of the face width beyond
    /// it, so the face's modelling runs on over the jaw into the neck and over the temples into
    /// the hair instead of ending at the oval's edge (once a face-shaped patch with a step at
    /// the jaw). The blend is `shaped`: brightening is kept small (a
    /// lifted face rolls into the tone curve's shoulder and loses its colour) and darkening
    /// is limited softly, so a face turned away never becomes a flat, clamped patch.
    struct Field {
        let key: Float, lx: Float
        let term: [Float], gw: Int, gh: Int, cell: Float, gx0: Float, gy0: Float
        let centreX: Float, bodySpan: Float, maxY: Float, faceWidth: Float

        /// How the shading's difference from a face turned to the camera scales the light term.
        static let shadingScale: Float = 3
        /// The share of a brightening term kept.
        static let lift: Float = 0.3
        /// The soft limit of a darkening term (it tends to minus this).
        static let depth: Float = 1.2
        /// The near carry's weight from which the face's term is the near carry alone (the oval
        /// and a little past it); below it the wide carry takes a growing share.
        static let nearShare: Float = 0.25

        /// The light term `x` shaped: positive terms scaled by `lift`, negative ones limited
        /// softly towards −`depth` (x / (1 + |x| / depth)).
        @inline(__always)
        static func shaped(_ x: Float) -> Float { x > 0 ? x * lift : x / (1 - x / depth) }

        /// `shaped` on eight lanes, each lane the same operations.
        @inline(__always)
        static func shaped(_ x: SIMD8<Float>) -> SIMD8<Float> {
            let negative = x / (1 - x / depth)
            return negative.replacing(with: x * lift, where: x .> 0)
        }

        init?(mesh: FaceLandmarks, light: LightStyle) {
            guard light.key > 0 else { return nil }
            let l = direction(light)
            let pts = mesh.points
            let minX = pts.map(\.x).min()!, maxX = pts.map(\.x).max()!, minY = pts.map(\.y).min()!, maxY = pts.map(\.y).max()!
            let faceWidth = max(maxX - minX, 4)
            // Height field on a coarse grid over the face box (plus a margin the face's term
            // fades out in), by normalised convolution.
            let cell = max(faceWidth / 48, 0.5), margin = faceWidth * 0.75
            let gx0 = minX - margin, gy0 = minY - margin
            let gw = Int(((maxX - minX) + 2 * margin) / cell) + 1, gh = Int(((maxY - minY) + 2 * margin) / cell) + 1
            var heightSum = [Float](repeating: 0, count: gw * gh), weight = [Float](repeating: 0, count: gw * gh)
            for p in pts {
                let ix = Int((p.x - gx0) / cell), iy = Int((p.y - gy0) / cell)
                guard ix >= 0, iy >= 0, ix < gw, iy < gh else { continue }
                heightSum[iy * gw + ix] += -p.z; weight[iy * gw + ix] += 1
            }
            Blur.gaussianInPlace(&heightSum, width: gw, height: gh, channels: 1, sigma: 2.5)
            Blur.gaussianInPlace(&weight, width: gw, height: gh, channels: 1, sigma: 2.5)
            var h = [Float](repeating: 0, count: gw * gh)
            for i in 0..<(gw * gh) { h[i] = weight[i] > 1e-4 ? heightSum[i] / weight[i] : 0 }
            // Wrapped Lambert shading from the height field's normals, relative to a face turned
            // to the camera, inside the face oval (cell (i, j) centred at output (gx0, gy0) + (i + ½, j + ½)·cell).
            let wrap: Float = 0.6
            let reference = max(0, (l.z + wrap) / (1 + wrap))
            let oval = MeshRegions.points(MeshRegions.faceOval, of: mesh).map { ($0 - SIMD2(gx0, gy0)) / cell }
            let inside = Polygon.fill(oval, width: gw, height: gh).pixels
            var faceSum = [Float](repeating: 0, count: gw * gh)
            for y in 0..<gh {
                for x in 0..<gw where inside[y * gw + x] > 0 {
                    let dx = (h[y * gw + min(x + 1, gw - 1)] - h[y * gw + max(x - 1, 0)]) / (2 * cell)
                    let dy = (h[min(y + 1, gh - 1) * gw + x] - h[max(y - 1, 0) * gw + x]) / (2 * cell)
                    var n = SIMD3<Float>(-dx, -dy, 1)
                    n /= (n * n).sum().squareRoot()
                    faceSum[y * gw + x] = (max(0, ((n * l).sum() + wrap) / (1 + wrap)) - reference) * Self.shadingScale
                }
            }
            // The face's term carried out past the oval by normalised convolution (a twentieth of
            // the face width), so the jaw's shade goes on over the neck instead of stopping at the
            // outline; the body's term takes over across a quarter of the face width beyond it.
            // Where the near carry fades out, a wide one (over that quarter width) continues it,
            // so the face's term never ends in a step where the body's still leaves it a share
            // (once a straight seam across a bowed head's forehead, whose term is deep).
            var nearSum = faceSum, faceWeight = inside, reach = inside
            Blur.gaussianInPlace(&nearSum, width: gw, height: gh, channels: 1, sigma: faceWidth * 0.05 / cell)
            Blur.gaussianInPlace(&faceWeight, width: gw, height: gh, channels: 1, sigma: faceWidth * 0.05 / cell)
            Blur.gaussianInPlace(&faceSum, width: gw, height: gh, channels: 1, sigma: faceWidth * 0.25 / cell)
            Blur.gaussianInPlace(&reach, width: gw, height: gh, channels: 1, sigma: faceWidth * 0.25 / cell)
            let centreX = (minX + maxX) / 2, bodySpan = faceWidth * 2.2
            var term = [Float](repeating: 0, count: gw * gh)
            for y in 0..<gh {
                let py = gy0 + (Float(y) + 0.5) * cell
                let below = max(0, py - maxY) / (faceWidth * 8) * 0.3
                for x in 0..<gw {
                    let i = y * gw + x
                    let near = faceWeight[i] > 1e-4 ? nearSum[i] / faceWeight[i] : 0
                    let wide = reach[i] > 1e-4 ? faceSum[i] / reach[i] : 0
                    let w = min(faceWeight[i] / Self.nearShare, 1)
                    let face = w * near + (1 - w) * wide
                    let body = Self.bodyTerm(px: gx0 + (Float(x) + 0.5) * cell, below: below, centreX: centreX, bodySpan: bodySpan, lx: l.x)
                    let f = min(max(2 * reach[i], 0), 1)
                    term[i] = Self.shaped(f * face + (1 - f) * body)
                }
            }
            self.key = light.key; lx = l.x
            self.term = term; self.gw = gw; self.gh = gh; self.cell = cell; self.gx0 = gx0; self.gy0 = gy0
            self.centreX = centreX; self.bodySpan = bodySpan; self.maxY = maxY; self.faceWidth = faceWidth
        }

        /// The body's unshaped term at column centre `px`: a soft falloff across the person away
        /// from the key side, and `below` (darker further below the chin).
        @inline(__always)
        static func bodyTerm(px: Float, below: Float, centreX: Float, bodySpan: Float, lx: Float) -> Float {
            let side = max(-1, min(1, (px - centreX) / bodySpan))
            return side * lx * 0.5 - below
        }

        /// The gains of row `y` for matte `alpha`: exactly 1 off the person. Runs of eight
        /// pixels off the grid (the body and the background) and between its cell centres (the
        /// face and its surroundings, `gridLanes`) are done on eight lanes, each lane the
        /// per-pixel operations of `gain(x:…)` in order; only runs across the grid's edge go pixel by pixel.
        func gains(row y: Int, alpha: Image, into out: UnsafeMutableBufferPointer<Float>) {
            let width = alpha.width, row = y * width
            let py = Float(y) + 0.5, gyf = (py - gy0) / cell - 0.5
            // The body's vertical falloff is the same along the row.
            let below = max(0, py - maxY) / (faceWidth * 8) * 0.3
            let rowOnGrid = gyf >= 0 && gyf < Float(gh - 1)
            // Columns [gridStart, gridEnd) may read the grid; the runs of eight avoid them.
            let gridStart = rowOnGrid ? max(0, Int(gx0 + 0.5 * cell)) : width
            let gridEnd = rowOnGrid ? min(width, Int((gx0 + (Float(gw) - 0.5) * cell).rounded(.up)) + 1) : width
            withUnsafeTemporaryAllocation(of: Float.self, capacity: rowOnGrid ? gw : 0) { line in
                gridLine(gyf, into: line)
                let line = UnsafeBufferPointer(line)
                alpha.pixels.withUnsafeBufferPointer { alpha in
                    let a = alpha.baseAddress! + row
                    typealias Lanes = SIMD8<Float>
                    let steps = Lanes(0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5)
                    var x = 0
                    while x + 8 <= width {
                        guard x + 8 <= gridStart || x >= gridEnd else {
                            if !gridLanes(x: x, a: a, line: line, into: out.baseAddress! + x) {
                                for k in x..<(x + 8) { out[k] = gain(x: k, a: a[k], below: below, line: line) }
                            }
                            x += 8
                            continue
                        }
                        let al = UnsafeRawPointer(a + x).loadUnaligned(as: Lanes.self)
                        let px = Lanes(repeating: Float(x)) + steps
                        var side = (px - centreX) / bodySpan
                        side = side.replacing(with: 1, where: Lanes(repeating: 1) .< side)
                        side = side.replacing(with: -1, where: side .< -1)
                        let lit = 1 + al * key * Self.shaped(side * lx * 0.5 - below)
                        UnsafeMutableRawPointer(out.baseAddress! + x).storeBytes(of: lit.replacing(with: 1, where: .!(al .> 0.002)),
                                                                                 as: Lanes.self)
                        x += 8
                    }
                    while x < width {
                        out[x] = gain(x: x, a: a[x], below: below, line: line)
                        x += 1
                    }
                }
            }
        }

        /// The gains of the eight pixels from column `x` (matte `a`, the row's) into `out` when all
        /// eight lie between the grid's cell centres on a row with a grid `line`: each lane the
        /// operations of `gain(x:a:below:line:)` on that path, in order (the integer part of the
        /// grid position by the 2²³ trick, exact for these small non-negative values). False, with
        /// nothing written, when any of the eight needs the body's term instead.
        @inline(__always)
        func gridLanes(x: Int, a: UnsafePointer<Float>, line: UnsafeBufferPointer<Float>, into out: UnsafeMutablePointer<Float>) -> Bool {
            typealias Lanes = SIMD8<Float>
            guard let terms = line.baseAddress else { return false }
            let px = Lanes(repeating: Float(x)) + Lanes(0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5)
            let gxf = (px - gx0) / cell - 0.5
            guard all(gxf .>= 0) && all(gxf .< Float(gw - 1)) else { return false }
            let shift = Lanes(repeating: 8_388_608)
            // Adding 2²³ rounds to the nearest integer; one less where that rounded up is the floor (`Int` of a non-negative value).
            let nearest = (gxf + shift) - shift
            let whole = nearest.replacing(with: nearest - 1, where: nearest .> gxf)
            let index = unsafeBitCast(whole + shift, to: SIMD8<Int32>.self) & 0x7F_FFFF
            let tx = gxf - whole
            let low = Lanes(terms[Int(index[0])], terms[Int(index[1])], terms[Int(index[2])], terms[Int(index[3])],
                            terms[Int(index[4])], terms[Int(index[5])], terms[Int(index[6])], terms[Int(index[7])])
            let high = Lanes(terms[Int(index[0]) + 1], terms[Int(index[1]) + 1], terms[Int(index[2]) + 1], terms[Int(index[3]) + 1],
                             terms[Int(index[4]) + 1], terms[Int(index[5]) + 1], terms[Int(index[6]) + 1], terms[Int(index[7]) + 1])
            let t = low * (1 - tx) + high * tx
            let al = UnsafeRawPointer(a + x).loadUnaligned(as: Lanes.self)
            let lit = 1 + al * key * t
            UnsafeMutableRawPointer(out).storeBytes(of: lit.replacing(with: 1, where: .!(al .> 0.002)), as: Lanes.self)
            return true
        }

        /// The grid's term interpolated to grid row `gyf` (a row of `gw` values), into `line`;
        /// nothing when `line` is empty (the row is off the grid).
        func gridLine(_ gyf: Float, into line: UnsafeMutableBufferPointer<Float>) {
            guard !line.isEmpty else { return }
            let iy = Int(gyf), ty = gyf - Float(iy)
            term.withUnsafeBufferPointer { term in
                for i in 0..<gw { line[i] = term[iy * gw + i] * (1 - ty) + term[(iy + 1) * gw + i] * ty }
            }
        }

        /// The gain of one pixel at column `x` with matte `a` in a row with body falloff `below`
        /// and the grid's term `line` (`gridLine`, empty off the grid): that term, read
        /// linearly, where the pixel lies between grid cells' centres, the shaped body term elsewhere.
        @inline(__always)
        func gain(x: Int, a: Float, below: Float, line: UnsafeBufferPointer<Float>) -> Float {
            guard a > 0.002 else { return 1 }
            let px = Float(x) + 0.5
            let gxf = (px - gx0) / cell - 0.5
            let t: Float
            if !line.isEmpty, gxf >= 0, gxf < Float(gw - 1) {
                let ix = Int(gxf), tx = gxf - Float(ix)
                t = line[ix] * (1 - tx) + line[ix + 1] * tx
            } else {
                let side = max(-1, min(1, (px - centreX) / bodySpan))
                t = Self.shaped(side * lx * 0.5 - below)
            }
            return 1 + a * key * t
        }
    }

    /// Multiplies an RGB image by a gain plane (in place when the caller gives up `image`).
    static func apply(_ gain: Image, to image: consuming Image) -> Image {
        apply(gain, to: image, balance: SIMD3(1, 1, 1))
    }

    /// `image` times the per-channel `balance` gains, then times the gain plane, in one pass
    /// (the same products, in the same order, as balancing first and lighting after).
    static func apply(_ gain: Image, to image: consuming Image, balance: SIMD3<Float>) -> Image {
        let c = image.channels, n = image.width * image.height
        var out = image
        out.pixels.withUnsafeMutableBufferPointer { p in
            gain.pixels.withUnsafeBufferPointer { g in
                for i in 0..<n {
                    let k = g[i]
                    p[i * c] = p[i * c] * balance.x * k
                    p[i * c + 1] = p[i * c + 1] * balance.y * k
                    p[i * c + 2] = p[i * c + 2] * balance.z * k
                }
            }
        }
        return out
    }
}

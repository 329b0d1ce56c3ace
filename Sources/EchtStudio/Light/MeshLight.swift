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
    ///   - faceMask: the feathered face oval; `alpha`: the person matte.
    public static func gain(mesh: FaceLandmarks, faceMask: Image, alpha: Image, light: LightStyle) -> Image {
        let width = alpha.width, height = alpha.height
        var gain = Image.plane(width: width, height: height, value: 1)
        guard let field = Field(mesh: mesh, light: light) else { return gain }
        gain.pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                field.gains(row: y, alpha: alpha, face: faceMask, into: UnsafeMutableBufferPointer(rebasing: out[(y * width)..<((y + 1) * width)]))
            }
        }
        return gain
    }

    /// `image` times the per-channel `balance` gains, then times the light gain of
    /// `gain(mesh:faceMask:alpha:light:)`, written straight into a new image: the same products,
    /// in the same order, as `apply(gain(…), to: image, balance:)`, without the gain plane.
    static func lit(_ image: Image, balance: SIMD3<Float>, mesh: FaceLandmarks, faceMask: Image, alpha: Image,
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
                        field?.gains(row: y, alpha: alpha, face: faceMask, into: k)
                        let p = source.baseAddress! + y * width * c, o = out.baseAddress! + y * width * 3
                        for x in 0..<width {
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

    /// The light's shading of the face, on a coarse grid over the face box, and the body's
    /// falloff: everything the per-pixel gain needs. Nil when the look has no key light.
    struct Field {
        let light: LightStyle, l: SIMD3<Float>
        let shade: [Float], gw: Int, gh: Int, cell: Float, gx0: Float, gy0: Float
        let reference: Float, centreX: Float, bodySpan: Float, maxY: Float, faceWidth: Float

        init?(mesh: FaceLandmarks, light: LightStyle) {
            guard light.key > 0 else { return nil }
            let l = direction(light)
            let pts = mesh.points
            let minX = pts.map(\.x).min()!, maxX = pts.map(\.x).max()!, minY = pts.map(\.y).min()!, maxY = pts.map(\.y).max()!
            let faceWidth = max(maxX - minX, 4)
            // Height field on a coarse grid over the face box (plus margin), by normalised convolution.
            let cell = max(faceWidth / 48, 0.5)
            let gx0 = minX - faceWidth * 0.2, gy0 = minY - faceWidth * 0.2
            let gw = Int(((maxX - minX) + faceWidth * 0.4) / cell) + 1, gh = Int(((maxY - minY) + faceWidth * 0.4) / cell) + 1
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
            // Wrapped Lambert shading from the height field's normals.
            let wrap: Float = 0.6
            var shade = [Float](repeating: 0, count: gw * gh)
            for y in 0..<gh {
                for x in 0..<gw {
                    let dx = (h[y * gw + min(x + 1, gw - 1)] - h[y * gw + max(x - 1, 0)]) / (2 * cell)
                    let dy = (h[min(y + 1, gh - 1) * gw + x] - h[max(y - 1, 0) * gw + x]) / (2 * cell)
                    var n = SIMD3<Float>(-dx, -dy, 1)
                    n /= (n * n).sum().squareRoot()
                    shade[y * gw + x] = max(0, ((n * l).sum() + wrap) / (1 + wrap))
                }
            }
            self.light = light; self.l = l
            self.shade = shade; self.gw = gw; self.gh = gh; self.cell = cell; self.gx0 = gx0; self.gy0 = gy0
            reference = max(0, (l.z + wrap) / (1 + wrap))
            // Body: a soft falloff across the person away from the key side.
            centreX = (minX + maxX) / 2; bodySpan = faceWidth * 2.2; self.maxY = maxY; self.faceWidth = faceWidth
        }

        /// The gains of row `y` for matte `alpha` and face oval `face`: exactly 1 off the person.
        /// Runs of eight pixels off the face oval (the body and the background, most of a frame)
        /// are done on eight lanes, each lane the per-pixel operations of `gain(x:…)` in order.
        func gains(row y: Int, alpha: Image, face: Image, into out: UnsafeMutableBufferPointer<Float>) {
            let width = alpha.width, row = y * width
            let py = Float(y) + 0.5, gyf = (py - gy0) / cell - 0.5
            // The body's vertical falloff is the same along the row.
            let below = max(0, py - maxY) / (faceWidth * 8) * 0.3
            alpha.pixels.withUnsafeBufferPointer { alpha in
                face.pixels.withUnsafeBufferPointer { face in
                    shade.withUnsafeBufferPointer { shade in
                        let a = alpha.baseAddress! + row, f = face.baseAddress! + row
                        typealias Lanes = SIMD8<Float>
                        let key = light.key, lx = l.x
                        let steps = Lanes(0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5)
                        var x = 0
                        while x + 8 <= width {
                            let fl = UnsafeRawPointer(f + x).loadUnaligned(as: Lanes.self)
                            guard all(fl .<= 0.001) else {
                                for k in x..<(x + 8) { out[k] = gain(x: k, a: a[k], f: f[k], gyf: gyf, below: below, shade: shade) }
                                x += 8
                                continue
                            }
                            let al = UnsafeRawPointer(a + x).loadUnaligned(as: Lanes.self)
                            let px = Lanes(repeating: Float(x)) + steps
                            var side = (px - centreX) / bodySpan
                            side = side.replacing(with: 1, where: Lanes(repeating: 1) .< side)
                            side = side.replacing(with: -1, where: side .< -1)
                            let bodyTerm = side * lx * 0.5 - below
                            var term = fl * Lanes(repeating: 0) + (1 - fl) * bodyTerm
                            term = term.replacing(with: 0.9, where: Lanes(repeating: 0.9) .< term)
                            term = term.replacing(with: -0.9, where: term .< -0.9)
                            let lit = 1 + al * key * term
                            UnsafeMutableRawPointer(out.baseAddress! + x).storeBytes(of: lit.replacing(with: 1, where: .!(al .> 0.002)),
                                                                                     as: Lanes.self)
                            x += 8
                        }
                        while x < width {
                            out[x] = gain(x: x, a: a[x], f: f[x], gyf: gyf, below: below, shade: shade)
                            x += 1
                        }
                    }
                }
            }
        }

        /// The gain of one pixel at column `x` with matte `a` and face oval `f` in a row with
        /// grid row `gyf` and body falloff `below`.
        @inline(__always)
        func gain(x: Int, a: Float, f: Float, gyf: Float, below: Float, shade: UnsafeBufferPointer<Float>) -> Float {
            guard a > 0.002 else { return 1 }
            let px = Float(x) + 0.5
            let gxf = (px - gx0) / cell - 0.5
            var faceTerm: Float = 0
            if f > 0.001, gxf >= 0, gyf >= 0, gxf < Float(gw - 1), gyf < Float(gh - 1) {
                let ix = Int(gxf), iy = Int(gyf), tx = gxf - Float(ix), ty = gyf - Float(iy)
                let s = (shade[iy * gw + ix] * (1 - tx) + shade[iy * gw + ix + 1] * tx) * (1 - ty)
                    + (shade[(iy + 1) * gw + ix] * (1 - tx) + shade[(iy + 1) * gw + ix + 1] * tx) * ty
                faceTerm = (s - reference) * 3
            }
            let side = max(-1, min(1, (px - centreX) / bodySpan))
            let bodyTerm = side * l.x * 0.5 - below
            let term = f * faceTerm + (1 - f) * bodyTerm
            return 1 + a * light.key * max(-0.9, min(0.9, term))
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

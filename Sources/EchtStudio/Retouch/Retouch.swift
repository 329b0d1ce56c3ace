import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Texture-preserving skin work by frequency separation, and a subtle clean-up of eye whites
/// and teeth. Never moves a pixel: only brightness and colour of existing pixels change.
///
/// The skin is split into three bands with mask-normalised blurs: texture (finer than about
/// 1.2 % of the face width: pores, fine lines, stubble), blotches (up to about 6 %) and form
/// (coarser). Only the blotch band is reduced, by the strength's amount, and only where the
/// pixel looks like the person's skin, so moles, freckles, scars and wrinkles keep their
/// fine detail and the face keeps its shape.
public enum Retouch {
    /// Retouches an RGB image (the framed person) with masks drawn from the mesh; in place when
    /// the caller gives up `image`.
    static func apply(_ style: RetouchStyle, image: consuming Image, masks: FaceMasks, faceWidth: Float) -> Image {
        var out = image
        if style.spots { out = SpotHealing.apply(consume out, skin: masks.skin, faceWidth: faceWidth) }
        if style.strength != .none { out = evenSkin(consume out, skin: masks.skin, amount: style.strength.amount, faceWidth: faceWidth) }
        if style.eyesAndTeeth { out = cleanEyesAndTeeth(consume out, eyes: masks.eyes, mouth: masks.mouth) }
        return out
    }

    /// The blotch-band reduction inside the skin mask. Works on the mask's bounding box (plus a
    /// margin) of `image` in place; the weighted colours and their weight are one interleaved
    /// four-channel buffer, so each band is one blur, divided by its weight only where it is used.
    /// The mask is read over that box only (zeros outside its own box).
    static func evenSkin(_ image: consuming Image, skin: BoxedPlane, amount: Float, faceWidth: Float) -> Image {
        guard let box = skin.boundingBox(above: 0.01) else { return image }
        let pad = Int(faceWidth * 0.15) + 2
        let x0 = max(0, box.x0 - pad), y0 = max(0, box.y0 - pad)
        let x1 = min(image.width, box.x1 + pad), y1 = min(image.height, box.y1 + pad)
        let w = x1 - x0, h = y1 - y0, n = w * h
        let fullWidth = image.width, channels = image.channels
        let skin = skin.region(x: x0, y: y0, width: w, height: h)
        var out = image
        // Skin likeness: how close each pixel's chroma and brightness are to the skin's mean.
        // One sum per channel, each in the pixels' order (as a vector sum would be, lane by lane).
        var red: Float = 0, green: Float = 0, blue: Float = 0, total: Float = 0
        out.pixels.withUnsafeBufferPointer { p in
            skin.pixels.withUnsafeBufferPointer { mask in
                for y in 0..<h {
                    let row = (y0 + y) * fullWidth + x0, maskRow = y * w
                    for x in 0..<w where mask[maskRow + x] > 0.5 {
                        let o = (row + x) * channels
                        red += p[o]; green += p[o + 1]; blue += p[o + 2]; total += 1
                    }
                }
            }
        }
        guard total > 16 else { return out }
        var mean = SIMD3(red, green, blue)
        mean /= total
        let meanY = SRGB.luminance(mean.x, mean.y, mean.z)
        let meanRG = logf(mean.x + 1e-4) - logf(mean.y + 1e-4), meanBG = logf(mean.z + 1e-4) - logf(mean.y + 1e-4)
        // Per box pixel: its weight (mask × likeness) alone, and weight × colour beside the weight.
        // Every sample of both is written below, so neither is zeroed first.
        var weight = [Float](unsafeUninitializedCapacity: n) { _, count in count = n }
        var weighted = [Float](unsafeUninitializedCapacity: n * 4) { _, count in count = n * 4 }
        // One row at a time: the logarithms' arguments, then their logarithms, then the likeness's
        // exponent and its exponential, eight pixels at a time (`VectorMath`).
        let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: 3 * w)
        defer { scratch.deallocate() }
        let redGreen = UnsafeMutableBufferPointer(rebasing: scratch[0..<w])
        let blueGreen = UnsafeMutableBufferPointer(rebasing: scratch[w..<(2 * w)])
        let brightness = UnsafeMutableBufferPointer(rebasing: scratch[(2 * w)..<(3 * w)])
        out.pixels.withUnsafeBufferPointer { p in
            skin.pixels.withUnsafeBufferPointer { mask in
                weight.withUnsafeMutableBufferPointer { weight in
                    weighted.withUnsafeMutableBufferPointer { weighted in
                        for y in 0..<h {
                            let row = (y0 + y) * fullWidth + x0, maskRow = y * w
                            var x = ratios(p.baseAddress! + row * channels, channels: channels, mask: mask.baseAddress! + maskRow,
                                           width: w, meanY: meanY, into: (redGreen.baseAddress!, blueGreen.baseAddress!, brightness.baseAddress!))
                            while x < w {
                                defer { x += 1 }
                                guard mask[maskRow + x] > 0 else { redGreen[x] = 1; blueGreen[x] = 1; brightness[x] = 1; continue }
                                let o = (row + x) * channels
                                // Light is never negative; resampling can undershoot by a hair, and a logarithm
                                // of a negative value would poison every blur below with NaN.
                                let r = nonNegative(p[o]), g = nonNegative(p[o + 1]), b = nonNegative(p[o + 2])
                                redGreen[x] = (r + 1e-4) / (g + 1e-4); blueGreen[x] = (b + 1e-4) / (g + 1e-4)
                                brightness[x] = (SRGB.luminance(r, g, b) + 1e-4) / (meanY + 1e-4)
                            }
                            VectorMath.logInPlace(scratch)
                            for x in 0..<w {
                                let dRG = redGreen[x] - meanRG, dBG = blueGreen[x] - meanBG, dY = brightness[x]
                                redGreen[x] = -(dRG * dRG + dBG * dBG) / (2 * 0.2 * 0.2) - dY * dY / (2 * 0.8 * 0.8)
                            }
                            VectorMath.expInPlace(redGreen)
                            for x in 0..<w {
                                let maskValue = mask[maskRow + x], i = y * w + x
                                // Outside the mask the weight is zero whatever the likeness.
                                guard maskValue > 0 else {
                                    weight[i] = 0
                                    weighted[i * 4] = 0; weighted[i * 4 + 1] = 0; weighted[i * 4 + 2] = 0; weighted[i * 4 + 3] = 0
                                    continue
                                }
                                let o = (row + x) * channels
                                let r = nonNegative(p[o]), g = nonNegative(p[o + 1]), b = nonNegative(p[o + 2])
                                let m = maskValue * redGreen[x]
                                weight[i] = m
                                weighted[i * 4] = r * m; weighted[i * 4 + 1] = g * m; weighted[i * 4 + 2] = b * m; weighted[i * 4 + 3] = m
                            }
                        }
                    }
                }
            }
        }
        // Two bands: blotches and finer (`fine`), form alone (`coarse`); each is the blurred
        // weighted colour over the blurred weight. The coarse band is as smooth as the backdrops
        // and is blurred small and read back bilinearly (`Blur.gaussianReducedSmall`).
        let coarse = Blur.gaussianReducedSmall(Image(width: w, height: h, channels: 4, pixels: weighted), sigma: max(2, faceWidth * 0.06))
        let columns = ReducedImage.Taps(coarse.taps(size: w, stored: coarse.small.width)), rows = coarse.taps(size: h, stored: coarse.small.height)
        let sw = coarse.small.width
        var fine = consume weighted
        Blur.gaussianInPlace(&fine, width: w, height: h, channels: 4, sigma: max(0.7, faceWidth * 0.012))
        out.pixels.withUnsafeMutableBufferPointer { out in
            fine.withUnsafeBufferPointer { fine in
                coarse.small.pixels.withUnsafeBufferPointer { small in
                    weight.withUnsafeBufferPointer { weight in
                        columns.indices.withUnsafeBufferPointer { index in
                            columns.fractions.withUnsafeBufferPointer { fraction in
                                for y in 0..<h {
                                    let row = rows[y], ty = row.t
                                    // The two stored rows this row reads, the row's weights and fine band, its pixels.
                                    let top = UnsafeRawPointer(small.baseAddress! + row.i * sw * 4)
                                    let bottom = UnsafeRawPointer(small.baseAddress! + row.i1 * sw * 4)
                                    let weights = weight.baseAddress! + y * w, bands = fine.baseAddress! + y * w * 4
                                    let pixels = out.baseAddress! + ((y0 + y) * fullWidth + x0) * channels
                                    for x in 0..<w {
                                        let k = amount * weights[x]
                                        guard k > 1e-3 else { continue }
                                        let tx = fraction[x]
                                        let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                                        // The four channels' bilinear sums side by side, each lane the same products in the same order.
                                        let c0 = index[2 &* x] &* 16, c1 = index[2 &* x &+ 1] &* 16
                                        let q00: SIMD4<Float> = top.loadUnaligned(fromByteOffset: c0, as: SIMD4<Float>.self)
                                        let q10: SIMD4<Float> = top.loadUnaligned(fromByteOffset: c1, as: SIMD4<Float>.self)
                                        let q01: SIMD4<Float> = bottom.loadUnaligned(fromByteOffset: c0, as: SIMD4<Float>.self)
                                        let q11: SIMD4<Float> = bottom.loadUnaligned(fromByteOffset: c1, as: SIMD4<Float>.self)
                                        let q: SIMD4<Float> = w00 * q00 + w10 * q10 + w01 * q01 + w11 * q11
                                        let band = bands + x &* 4, o = pixels + x &* channels
                                        let fineWeight = max(band[3], 1e-4), coarseWeight = max(q[3], 1e-4)
                                        // The three channels side by side (the fourth lane, the weights, is never
                                        // used), each lane the per-channel steps: a channel changes only where its
                                        // fine band exceeds 1e-5 and its ratio is finite.
                                        let f = UnsafeRawPointer(band).loadUnaligned(as: SIMD4<Float>.self) / fineWeight
                                        let coarseBand = q / coarseWeight
                                        let target = coarseBand + (1 - k) * (f - coarseBand)
                                        let ratio = target / f
                                        let changes = (f .> 1e-5) .& (ratio .< .infinity) .& (ratio .> -.infinity)
                                        // max(0.5, min(2, ratio)) lane by lane (the same values where the ratio is finite).
                                        var factor = ratio.replacing(with: 2, where: ratio .> 2)
                                        factor.replace(with: 0.5, where: factor .< 0.5)
                                        for c in 0..<3 where changes[c] { o[c] *= factor[c] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The likeness's logarithm arguments of a row's runs of eight pixels (`pixels` with
    /// `channels`, `mask` the row's skin): red/green and blue/green with 1e-4 added to both, and
    /// the brightness against `meanY`; 1 where the mask is zero. Each lane is the per-pixel
    /// formula of `evenSkin`, operation for operation. Returns how many pixels it did.
    @inline(__always)
    static func ratios(_ pixels: UnsafePointer<Float>, channels c: Int, mask: UnsafePointer<Float>, width: Int, meanY: Float,
                       into out: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)) -> Int {
        typealias Lanes = SIMD8<Float>
        let meanBrightness = meanY + 1e-4
        @inline(__always) func nonNegative(_ v: Lanes) -> Lanes { v.replacing(with: 0, where: .!(v .> 0)) }
        var x = 0
        while x + 8 <= width {
            let q = pixels + x &* c
            @inline(__always) func lanes(_ k: Int) -> Lanes {
                Lanes(q[k], q[k &+ c], q[k &+ 2 &* c], q[k &+ 3 &* c], q[k &+ 4 &* c], q[k &+ 5 &* c], q[k &+ 6 &* c], q[k &+ 7 &* c])
            }
            let r = nonNegative(lanes(0)), g = nonNegative(lanes(1)), b = nonNegative(lanes(2))
            let off = .!(UnsafeRawPointer(mask + x).loadUnaligned(as: Lanes.self) .> 0)
            let redGreen = (r + 1e-4) / (g + 1e-4), blueGreen = (b + 1e-4) / (g + 1e-4)
            let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
            let brightness = (luminance + 1e-4) / meanBrightness
            UnsafeMutableRawPointer(out.0 + x).storeBytes(of: redGreen.replacing(with: 1, where: off), as: Lanes.self)
            UnsafeMutableRawPointer(out.1 + x).storeBytes(of: blueGreen.replacing(with: 1, where: off), as: Lanes.self)
            UnsafeMutableRawPointer(out.2 + x).storeBytes(of: brightness.replacing(with: 1, where: off), as: Lanes.self)
            x += 8
        }
        return x
    }

    /// `evenSkin` with the mask as a whole-frame plane.
    static func evenSkin(_ image: consuming Image, skin: Image, amount: Float, faceWidth: Float) -> Image {
        evenSkin(image, skin: BoxedPlane(whole: skin), amount: amount, faceWidth: faceWidth)
    }

    /// `cleanEyesAndTeeth` with whole-frame masks; only `box` is visited when given (outside it
    /// both masks must be zero).
    static func cleanEyesAndTeeth(_ image: consuming Image, eyes: Image, mouth: Image,
                                  box: (x0: Int, y0: Int, x1: Int, y1: Int)? = nil) -> Image {
        let region = box ?? (0, 0, image.width, image.height)
        func boxed(_ plane: Image) -> BoxedPlane {
            BoxedPlane(samples: BoxedPlane(whole: plane).region(x: region.x0, y: region.y0, width: region.x1 - region.x0,
                                                                height: region.y1 - region.y0),
                       x0: region.x0, y0: region.y0, frameWidth: plane.width, frameHeight: plane.height)
        }
        return cleanEyesAndTeeth(image, eyes: boxed(eyes), mouth: boxed(mouth))
    }

    /// Eye whites a touch less red and brighter; teeth a touch less yellow. Subtle on purpose.
    /// Only the masks' box (both have the same) is visited: outside it nothing changes.
    static func cleanEyesAndTeeth(_ image: consuming Image, eyes: BoxedPlane, mouth: BoxedPlane) -> Image {
        precondition(eyes.x0 == mouth.x0 && eyes.y0 == mouth.y0 && eyes.x1 == mouth.x1 && eyes.y1 == mouth.y1,
                     "the eye and mouth masks share their box")
        guard let eyePlane = eyes.samples, let mouthPlane = mouth.samples else { return image }
        let c = image.channels, width = image.width, boxWidth = eyePlane.width
        let region = (x0: eyes.x0, y0: eyes.y0, x1: eyes.x1, y1: eyes.y1)
        var out = image
        eyePlane.pixels.withUnsafeBufferPointer { eyes in
            mouthPlane.pixels.withUnsafeBufferPointer { mouth in
                out.pixels.withUnsafeMutableBufferPointer { pixels in
                    for row in region.y0..<region.y1 {
                        let local = (row - region.y0) * boxWidth - region.x0
                        for i in (row * width + region.x0)..<(row * width + region.x1) {
                            let e = eyes[local + i - row * width], m = mouth[local + i - row * width]
                            guard e > 0.01 || m > 0.01 else { continue }
                            var v = SIMD3(pixels[i * c], pixels[i * c + 1], pixels[i * c + 2])
                            let y = SRGB.luminance(v.x, v.y, v.z)
                            let maxC = v.max(), minC = v.min()
                            let saturation = maxC > 1e-4 ? (maxC - minC) / maxC : 0
                            // Only whitish pixels (sclera, teeth): bright-ish and not strongly coloured.
                            let whitish = max(0, 1 - saturation / 0.45) * min(1, y / 0.08)
                            let k = whitish * (e * 0.3 + m * 0.25)
                            guard k > 1e-3 else { continue }
                            let grey = SIMD3<Float>(repeating: y)
                            v = v + (grey - v) * k
                            v *= 1 + 0.06 * k / 0.3
                            pixels[i * c] = v.x; pixels[i * c + 1] = v.y; pixels[i * c + 2] = v.z
                        }
                    }
                }
            }
        }
        return out
    }

    /// `value` with negatives and NaN taken to zero.
    @inline(__always)
    static func nonNegative(_ value: Float) -> Float { value > 0 ? value : 0 }
}

import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The clarity's ingredients: the log-luminance of every pixel and its local mean, a wide
/// Gaussian kept at reduced size (`Blur.gaussianReducedSmall`) and upsampled as it is read.
struct Clarity {
    let amount: Float, mask: Image?
    let logLuma: [Float], base: ReducedImage
    let columns: [(i: Int, i1: Int, t: Float)], rows: [(i: Int, i1: Int, t: Float)]
    /// `columns` as two index arrays and a fraction array, for reading eight at a time.
    let columnTaps: ReducedImage.Taps

    init(_ amount: Float, image: borrowing Image, mask: Image?) {
        let n = image.width * image.height, c = image.channels
        let logLuma = [Float](unsafeUninitializedCapacity: n) { out, count in
            image.pixels.withUnsafeBufferPointer { p in
                for i in 0..<n { out[i] = max(0, SRGB.luminance(p[i * c], p[i * c + 1], p[i * c + 2])) + 1e-3 }
            }
            VectorMath.logInPlace(UnsafeMutableBufferPointer(rebasing: out[0..<n]))
            count = n
        }
        base = Blur.gaussianReducedSmall(Image(width: image.width, height: image.height, channels: 1, pixels: logLuma),
                                         sigma: Float(image.height) / 60)
        columns = base.taps(size: image.width, stored: base.small.width)
        rows = base.taps(size: image.height, stored: base.small.height)
        columnTaps = ReducedImage.Taps(columns)
        self.amount = amount; self.mask = mask; self.logLuma = logLuma
    }

    /// The gains of row `y`, exp(amount · 0.6 · detail · mask) by `VectorMath.exp`: exactly one
    /// where the mask is zero. Eight pixels at a time, each lane the per-pixel steps of
    /// `exponent(x:…)` in order and `VectorMath.exp` of the result (a lane-by-lane function, as
    /// `VectorMath.expInPlace` applies it); eight pixels off the mask are ones without those
    /// steps (exp(0) is exactly one).
    func gains(row y: Int, into out: UnsafeMutableBufferPointer<Float>) {
        typealias Lanes = SIMD8<Float>
        let width = base.width, sw = base.small.width, scale = amount * 0.6
        let tap = rows[y], top = tap.i * sw, bottom = tap.i1 * sw, ty = tap.t
        logLuma.withUnsafeBufferPointer { logLuma in
            base.small.pixels.withUnsafeBufferPointer { s in
                columnTaps.indices.withUnsafeBufferPointer { index in
                    columnTaps.fractions.withUnsafeBufferPointer { fraction in
                        let ones = [Float]()
                        (mask?.pixels ?? ones).withUnsafeBufferPointer { mask in
                            let row = y * width, masked = !mask.isEmpty
                            var x = 0
                            while x + 8 <= width {
                                let m = masked ? UnsafeRawPointer(mask.baseAddress! + row + x).loadUnaligned(as: Lanes.self) : Lanes(repeating: 1)
                                let off = m .== 0
                                if all(off) {
                                    UnsafeMutableRawPointer(out.baseAddress! + x).storeBytes(of: Lanes(repeating: 1), as: Lanes.self)
                                    x += 8
                                    continue
                                }
                                // The local mean, with the bilinear weights and sum order of `Warp.sampleBilinear`.
                                let tx = UnsafeRawPointer(fraction.baseAddress! + x).loadUnaligned(as: Lanes.self)
                                let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                                @inline(__always) func taps(_ start: Int, _ side: Int) -> Lanes {
                                    let k = 2 &* x &+ side
                                    return Lanes(s[start &+ index[k]], s[start &+ index[k &+ 2]], s[start &+ index[k &+ 4]], s[start &+ index[k &+ 6]],
                                                 s[start &+ index[k &+ 8]], s[start &+ index[k &+ 10]], s[start &+ index[k &+ 12]], s[start &+ index[k &+ 14]])
                                }
                                let mean = w00 * taps(top, 0) + w10 * taps(top, 1) + w01 * taps(bottom, 0) + w11 * taps(bottom, 1)
                                let difference = UnsafeRawPointer(logLuma.baseAddress! + row + x).loadUnaligned(as: Lanes.self) - mean
                                // max(-1, min(1, difference)) as the standard library's min and max choose.
                                var detail = difference.replacing(with: 1, where: .!(difference .< 1))
                                detail.replace(with: -1, where: .!(detail .>= -1))
                                let exponent = (scale * detail * m).replacing(with: 0, where: off)
                                UnsafeMutableRawPointer(out.baseAddress! + x).storeBytes(of: VectorMath.exp(exponent), as: Lanes.self)
                                x += 8
                            }
                            guard x < width else { return }
                            var tail = Lanes(repeating: 0)
                            for k in 0..<(width - x) { tail[k] = exponent(x: x + k, row: row, mask: masked ? mask[row + x + k] : 1, ty: ty,
                                                                          top: top, bottom: bottom, scale: scale, s: s, logLuma: logLuma) }
                            let gains = VectorMath.exp(tail)
                            for k in 0..<(width - x) { out[x + k] = gains[k] }
                        }
                    }
                }
            }
        }
    }

    /// The exponent of pixel `x` of a row (starting at `row` in `logLuma`) with mask value `m`:
    /// scale · clamped detail · m, zero where the mask is zero.
    @inline(__always)
    private func exponent(x: Int, row: Int, mask m: Float, ty: Float, top: Int, bottom: Int, scale: Float,
                          s: UnsafeBufferPointer<Float>, logLuma: UnsafeBufferPointer<Float>) -> Float {
        guard m != 0 else { return 0 }
        let column = columns[x], tx = column.t
        let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
        let mean = w00 * s[top + column.i] + w10 * s[top + column.i1] + w01 * s[bottom + column.i] + w11 * s[bottom + column.i1]
        let detail = max(-1, min(1, logLuma[row + x] - mean))
        return scale * detail * m
    }
}

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
        self.amount = amount; self.mask = mask; self.logLuma = logLuma
    }

    /// The gains of row `y`, exp(amount · 0.6 · detail · mask) by `VectorMath.exp`: exactly one
    /// where the mask is zero.
    func gains(row y: Int, into out: UnsafeMutableBufferPointer<Float>) {
        let width = base.width, sw = base.small.width, scale = amount * 0.6
        let tap = rows[y], top = tap.i * sw, bottom = tap.i1 * sw, ty = tap.t
        logLuma.withUnsafeBufferPointer { logLuma in
            base.small.pixels.withUnsafeBufferPointer { s in
                columns.withUnsafeBufferPointer { columns in
                    let ones = [Float]()
                    (mask?.pixels ?? ones).withUnsafeBufferPointer { mask in
                        let row = y * width, masked = !mask.isEmpty
                        for x in 0..<width {
                            let m = masked ? mask[row + x] : 1
                            // Outside the mask the gain is exp(0): exactly one.
                            guard m != 0 else { out[x] = 0; continue }
                            // The local mean, with the bilinear weights and sum order of `Warp.sampleBilinear`.
                            let column = columns[x], tx = column.t
                            let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                            let mean = w00 * s[top + column.i] + w10 * s[top + column.i1] + w01 * s[bottom + column.i] + w11 * s[bottom + column.i1]
                            let detail = max(-1, min(1, logLuma[row + x] - mean))
                            out[x] = scale * detail * m
                        }
                        VectorMath.expInPlace(UnsafeMutableBufferPointer(rebasing: out[0..<width]))
                    }
                }
            }
        }
    }
}

import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Last defence against halos: a slight choke of the matte's faint outer fringe, and edge
/// colours pulled towards the person's own nearby colours where coverage is partial, so no
/// light (or dark) rim of the old background survives on a new backdrop. Interior pixels
/// (alpha ≈ 1) are untouched.
///
/// The person's nearby colours are a wide Gaussian (`sigma`, a few % of the face's width) of the
/// colours weighted by coverage. Where that is many pixels wide it is computed on a copy shrunk
/// by `reduction(sigma:)` and read back bilinearly only at the edge pixels it changes (as
/// `Blur.gaussianReduced` does for a whole image); narrower, at full size.
enum EdgeCleanup {
    /// Takes its inputs over (pass them with `consume`) so both are changed in place.
    static func apply(alpha: consuming Image, foreground: consuming Image, sigma: Float) -> (alpha: Image, foreground: Image) {
        let factor = reduction(sigma: sigma)
        guard factor == 1 else { return applyReduced(alpha: alpha, foreground: foreground, sigma: sigma, factor: factor) }
        return applyFull(alpha: alpha, foreground: foreground, sigma: sigma)
    }

    /// The shrink factor for a blur of `sigma`: as `Blur.gaussianReduced` chooses it (that blur
    /// is within a small fraction of a level of the full-size one from `sigma` ≥ 8 × factor).
    static func reduction(sigma: Float) -> Int { min(max(Int(sigma / 8), 1), 8) }

    /// The choked coverage of a matte value: a ramp from 0.12 to 0.92, eased by a power where it
    /// is partial (0 and 1 are its own fixed points, so the power runs only between them).
    @inline(__always)
    static func choke(_ alpha: Float) -> Float {
        let t = min(1, max(0, (alpha - 0.12) / 0.8))
        return t == 0 || t == 1 ? t : powf(t, 1.25)
    }

    /// Choked coverage below which a pixel's colour is pulled towards the person's nearby colours.
    static let pulledBelow: Float = 0.98

    /// How far a pixel of choked coverage `alpha` is pulled towards the person's nearby colours.
    @inline(__always)
    static func pullStrength(_ alpha: Float) -> Float { (1 - alpha) * 0.85 }

    /// The cleanup with the weighted colours blurred at full size.
    static func applyFull(alpha: consuming Image, foreground: consuming Image, sigma: Float) -> (alpha: Image, foreground: Image) {
        let n = alpha.width * alpha.height, width = alpha.width, height = alpha.height
        var choked = consume alpha
        var weight: [Float] = []
        // Every sample of both sums is written below (0 where the choked alpha is).
        var colour = [Float](unsafeUninitializedCapacity: n * 3) { colourBuffer, colourCount in
            weight = [Float](unsafeUninitializedCapacity: n) { weightBuffer, weightCount in
                choked.pixels.withUnsafeMutableBufferPointer { a in
                    foreground.pixels.withUnsafeBufferPointer { f in
                        for i in 0..<n {
                            let v = choke(a[i])
                            a[i] = v
                            guard v > 0 else {
                                weightBuffer[i] = 0
                                colourBuffer[i * 3] = 0; colourBuffer[i * 3 + 1] = 0; colourBuffer[i * 3 + 2] = 0
                                continue
                            }
                            let w = v * v * v * v
                            weightBuffer[i] = w
                            for c in 0..<3 { colourBuffer[i * 3 + c] = f[i * 3 + c] * w }
                        }
                    }
                }
                weightCount = n
            }
            colourCount = n * 3
        }
        Blur.gaussianInPlace(&weight, width: width, height: height, channels: 1, sigma: sigma)
        Blur.gaussianInPlace(&colour, width: width, height: height, channels: 3, sigma: sigma)
        var cleaned = consume foreground
        choked.pixels.withUnsafeBufferPointer { choked in
            weight.withUnsafeBufferPointer { weight in
                colour.withUnsafeBufferPointer { colour in
                    cleaned.pixels.withUnsafeMutableBufferPointer { cleaned in
                        for i in 0..<n {
                            let a = choked[i]
                            guard a < pulledBelow, weight[i] > 1e-4 else { continue }
                            let pull = pullStrength(a)
                            for c in 0..<3 {
                                let inner = colour[i * 3 + c] / weight[i]
                                cleaned[i * 3 + c] += (inner - cleaned[i * 3 + c]) * pull
                            }
                        }
                    }
                }
            }
        }
        return (choked, cleaned)
    }

    /// The cleanup with the weighted colours box-shrunk by `factor` as they are made, blurred
    /// small (the shrink and the bilinear read-back add about factor²/4 of variance, taken off
    /// the blur) and read back only where a pixel is pulled.
    static func applyReduced(alpha: consuming Image, foreground: consuming Image, sigma: Float,
                             factor f: Int) -> (alpha: Image, foreground: Image) {
        let width = alpha.width, height = alpha.height, sw = (width + f - 1) / f, sh = (height + f - 1) / f
        var choked = consume alpha
        var weight = [Float](repeating: 0, count: sw * sh), colour = [Float](repeating: 0, count: sw * sh * 3)
        choked.pixels.withUnsafeMutableBufferPointer { a in
            foreground.pixels.withUnsafeBufferPointer { fg in
                weight.withUnsafeMutableBufferPointer { weight in
                    colour.withUnsafeMutableBufferPointer { colour in
                        for y in 0..<height {
                            let smallRow = (y / f) * sw
                            for x in 0..<width {
                                let i = y * width + x
                                let v = choke(a[i])
                                a[i] = v
                                guard v > 0 else { continue }
                                let w = v * v * v * v, j = smallRow + x / f
                                weight[j] += w
                                for c in 0..<3 { colour[j * 3 + c] += fg[i * 3 + c] * w }
                            }
                        }
                        // Block sums to means (the last row and column of blocks may be partial).
                        for by in 0..<sh {
                            for bx in 0..<sw {
                                let j = by * sw + bx
                                let count = Float((min(by * f + f, height) - by * f) * (min(bx * f + f, width) - bx * f))
                                weight[j] /= count
                                for c in 0..<3 { colour[j * 3 + c] /= count }
                            }
                        }
                    }
                }
            }
        }
        let ff = Float(f), smallSigma = max(sigma * sigma - ff * ff / 4, 1).squareRoot() / ff
        Blur.gaussianInPlace(&weight, width: sw, height: sh, channels: 1, sigma: smallSigma)
        Blur.gaussianInPlace(&colour, width: sw, height: sh, channels: 3, sigma: smallSigma)
        // Bilinear read-back at pixel centres, edges clamped: per column and per row the two
        // small samples and the fraction.
        func taps(_ count: Int, _ size: Int) -> [(i: Int, i1: Int, t: Float)] {
            (0..<count).map { x in
                let p = min(max((Float(x) + 0.5) / ff - 0.5, 0), Float(size - 1))
                let i = min(Int(p), max(size - 2, 0))
                return (i, min(i + 1, size - 1), p - Float(i))
            }
        }
        let columns = taps(width, sw), rows = taps(height, sh)
        var cleaned = consume foreground
        choked.pixels.withUnsafeBufferPointer { a in
            weight.withUnsafeBufferPointer { weight in
                colour.withUnsafeBufferPointer { colour in
                    cleaned.pixels.withUnsafeMutableBufferPointer { out in
                        for y in 0..<height {
                            let row = rows[y], top = row.i * sw, bottom = row.i1 * sw
                            for x in 0..<width {
                                let i = y * width + x, alpha = a[i]
                                guard alpha < pulledBelow else { continue }
                                let column = columns[x], tx = column.t, ty = row.t
                                let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                                let j00 = top + column.i, j10 = top + column.i1, j01 = bottom + column.i, j11 = bottom + column.i1
                                let total = w00 * weight[j00] + w10 * weight[j10] + w01 * weight[j01] + w11 * weight[j11]
                                guard total > 1e-4 else { continue }
                                let pull = pullStrength(alpha)
                                for c in 0..<3 {
                                    let sum = w00 * colour[j00 * 3 + c] + w10 * colour[j10 * 3 + c]
                                        + w01 * colour[j01 * 3 + c] + w11 * colour[j11 * 3 + c]
                                    out[i * 3 + c] += (sum / total - out[i * 3 + c]) * pull
                                }
                            }
                        }
                    }
                }
            }
        }
        return (choked, cleaned)
    }
}

import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The look's colour grade and local contrast, applied in linear light to the whole picture.
///
/// Order: exposure → warmth → saturation (or monochrome mix) → tone curve (an S-curve in the
/// encoded domain around mid-grey with a soft highlight shoulder, black lift). Painted backdrops
/// are made in their final colours and are not graded, so a white backdrop stays pure white.
public enum ColourGrade {
    /// Grades a linear RGB image (in place when the caller gives up `image`).
    public static func apply(_ grade: Grade, to image: consuming Image) -> Image {
        apply(grade, to: image, pixelGain: nil)
    }

    /// Clarity of `amount` (inside `mask`) and then `grade`, in one pass over the pixels: the
    /// same result as `clarity` followed by `apply` (in place when the caller gives up `image`).
    public static func apply(_ grade: Grade, clarity amount: Float, mask: Image? = nil, to image: consuming Image) -> Image {
        guard amount > 0 else { return apply(grade, to: image) }
        let gains = clarityGains(amount, image: image, mask: mask)
        return apply(grade, to: image, pixelGain: gains)
    }

    /// The grade, after multiplying each pixel by `pixelGain[i]` when given.
    static func apply(_ grade: Grade, to image: consuming Image, pixelGain: [Float]?) -> Image {
        let curve = ToneCurve(contrast: grade.contrast, blackLift: grade.blackLift)
        let exposure = powf(2, grade.exposure)
        let warm = SIMD3<Float>(1 + 0.12 * grade.warmth, 1 + 0.01 * grade.warmth, 1 - 0.14 * grade.warmth)
        let mix = SIMD3<Float>(0.36, 0.5, 0.14)
        let c = image.channels, n = image.width * image.height
        let monochrome = grade.monochrome, saturation = grade.saturation
        var out = image
        curve.withTable { table in
            out.pixels.withUnsafeMutableBufferPointer { p in
                for i in 0..<n {
                    var v = SIMD3(p[i * c], p[i * c + 1], p[i * c + 2])
                    if let pixelGain { let g = pixelGain[i]; v = SIMD3(v.x * g, v.y * g, v.z * g) }
                    v = v * exposure * warm
                    if monochrome {
                        v = SIMD3(repeating: (v * mix).sum())
                    } else if saturation != 1 {
                        let y = SRGB.luminance(v.x, v.y, v.z)
                        v = SIMD3(repeating: y) + (v - SIMD3(repeating: y)) * saturation
                    }
                    p[i * c] = ToneCurve.map(v.x, table); p[i * c + 1] = ToneCurve.map(v.y, table); p[i * c + 2] = ToneCurve.map(v.z, table)
                }
            }
        }
        return out
    }

    /// Local contrast ("clarity"): luminance detail at a scale of about 1/60 of the frame height
    /// is amplified by `amount` in log space; colour ratios are kept (in place when the caller
    /// gives up `image`).
    public static func clarity(_ amount: Float, image: consuming Image, mask: Image? = nil) -> Image {
        guard amount > 0 else { return image }
        let gains = clarityGains(amount, image: image, mask: mask)
        let n = image.width * image.height, c = image.channels
        var out = image
        for i in 0..<n {
            let g = gains[i]
            for k in 0..<3 { out.pixels[i * c + k] *= g }
        }
        return out
    }

    /// The per-pixel gain of `clarity`.
    static func clarityGains(_ amount: Float, image: Image, mask: Image?) -> [Float] {
        let n = image.width * image.height, c = image.channels
        var logLuma = [Float](repeating: 0, count: n)
        for i in 0..<n { logLuma[i] = logf(max(0, SRGB.luminance(image.pixels[i * c], image.pixels[i * c + 1], image.pixels[i * c + 2])) + 1e-3) }
        let base = Blur.gaussianReduced(Image(width: image.width, height: image.height, channels: 1, pixels: logLuma),
                                        sigma: Float(image.height) / 60).pixels
        logLuma.withUnsafeMutableBufferPointer { logLuma in
            for i in 0..<n {
                let m = mask?.pixels[i] ?? 1
                // Outside the mask the gain is exp(0): exactly one.
                guard m != 0 else { logLuma[i] = 1; continue }
                let detail = max(-1, min(1, logLuma[i] - base[i]))
                logLuma[i] = expf(amount * 0.6 * detail * m)
            }
        }
        return logLuma
    }
}

/// A tone curve in linear light, precomputed as a table.
struct ToneCurve {
    private var table: [Float]
    private static let size = 4096
    private static let top: Float = 4

    init(contrast: Float, blackLift: Float) {
        table = (0...Self.size).map { i in
            let x = Float(i) / Float(Self.size) * Self.top
            // Soft shoulder above 0.9 (linear) so highlights roll off instead of clipping.
            let shouldered = x < 0.9 ? x : 0.9 + 0.1 * tanhf((x - 0.9) / 0.1)
            var s = SRGB.encode(shouldered)
            s -= contrast * sinf(2 * .pi * s) / (2 * .pi)
            s = blackLift + s * (1 - blackLift)
            return SRGB.decode(min(max(s, 0), 1))
        }
    }

    @inline(__always)
    func map(_ x: Float) -> Float {
        table.withUnsafeBufferPointer { Self.map(x, $0) }
    }

    /// Runs `body` with the table (for `map(_:_:)` in a loop).
    func withTable<R>(_ body: (UnsafeBufferPointer<Float>) -> R) -> R { table.withUnsafeBufferPointer(body) }

    /// The curve at `x`, read from `table` (from `withTable`).
    @inline(__always)
    static func map(_ x: Float, _ table: UnsafeBufferPointer<Float>) -> Float {
        let f = min(max(x, 0), top) / top * Float(size)
        let i = min(Int(f), size - 1), t = f - Float(i)
        return table[i] * (1 - t) + table[i + 1] * t
    }
}

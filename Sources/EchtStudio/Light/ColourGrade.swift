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
        apply(grade, to: image, clarity: nil)
    }

    /// Clarity of `amount` (inside `mask`) and then `grade`, in one pass over the pixels: the
    /// same result as `clarity` followed by `apply` (in place when the caller gives up `image`).
    /// The clarity's local mean is read from its reduced blur pixel by pixel, never stored at
    /// full size, and only where the mask is not zero.
    public static func apply(_ grade: Grade, clarity amount: Float, mask: Image? = nil, to image: consuming Image) -> Image {
        guard amount > 0 else { return apply(grade, to: image) }
        let clarity = Clarity(amount, image: image, mask: mask)
        return apply(grade, to: consume image, clarity: clarity)
    }

    /// The grade, after multiplying each pixel by the clarity's gain when given.
    private static func apply(_ grade: Grade, to image: consuming Image, clarity: Clarity?) -> Image {
        let curve = ToneCurve(contrast: grade.contrast, blackLift: grade.blackLift)
        let exposure = powf(2, grade.exposure)
        let warm = SIMD3<Float>(1 + 0.12 * grade.warmth, 1 + 0.01 * grade.warmth, 1 - 0.14 * grade.warmth)
        let mix = SIMD3<Float>(0.36, 0.5, 0.14)
        let c = image.channels, width = image.width, height = image.height
        let monochrome = grade.monochrome, saturation = grade.saturation
        var out = image
        // One row of clarity gains at a time, made just before the row is graded.
        var rowGain = [Float](repeating: 1, count: clarity == nil ? 0 : width)
        curve.withTable { table in
            // What the colour grade makes of a black pixel (every step keeps zero at zero, the
            // curve then reads its first entry): eight black pixels are written as this.
            let black = ToneCurve.map(SIMD8<Float>(repeating: 0), table)
            out.pixels.withUnsafeMutableBufferPointer { pixels in
                rowGain.withUnsafeMutableBufferPointer { rowGain in
                    for y in 0..<height {
                        clarity?.gains(row: y, into: rowGain)
                        let p = pixels.baseAddress! + y * width * c
                        var x = 0
                        if !monochrome {
                            // Eight pixels at a time, each step the same operation as below, lane by lane.
                            let gains = clarity == nil ? nil : rowGain.baseAddress
                            while x + 8 <= width {
                                gradeEight(p + x * c, channels: c, gains: gains.map { $0 + x }, exposure: exposure, warm: warm,
                                           saturation: saturation, table: table, black: black)
                                x += 8
                            }
                        }
                        while x < width {
                            var v = SIMD3(p[x * c], p[x * c + 1], p[x * c + 2])
                            if clarity != nil { let g = rowGain[x]; v = SIMD3(v.x * g, v.y * g, v.z * g) }
                            v = v * exposure * warm
                            if monochrome {
                                v = SIMD3(repeating: (v * mix).sum())
                            } else if saturation != 1 {
                                let y = SRGB.luminance(v.x, v.y, v.z)
                                v = SIMD3(repeating: y) + (v - SIMD3(repeating: y)) * saturation
                            }
                            p[x * c] = ToneCurve.map(v.x, table); p[x * c + 1] = ToneCurve.map(v.y, table); p[x * c + 2] = ToneCurve.map(v.z, table)
                            x += 1
                        }
                    }
                }
            }
        }
        return out
    }

    /// The colour (not monochrome) grade of the eight pixels at `p`, after the clarity's `gains`
    /// when given: the per-pixel loop of `apply` with each operation done on eight lanes at once,
    /// so every value is the same. `black`: the grade of black pixels, `ToneCurve.map` of zeros
    /// (`nil`: none given); eight black pixels (±0 in every sample: the matte's empty
    /// surroundings, a third of a studio frame) become it without the curve's table reads. The
    /// clarity's gains, the exposure and the warmth are finite, so black stays ±0 through them
    /// and the saturation step, and the curve clamps ±0 to +0: this is the value the steps give.
    @inline(__always)
    static func gradeEight(_ p: UnsafeMutablePointer<Float>, channels c: Int, gains: UnsafeMutablePointer<Float>?,
                           exposure: Float, warm: SIMD3<Float>, saturation: Float, table: UnsafeBufferPointer<Float>,
                           black: SIMD8<Float>? = nil) {
        typealias Lanes = SIMD8<Float>
        // Lanes built from eight scalars at once (one lane at a time compiles to a blend per lane).
        @inline(__always) func lanes(_ q: UnsafeMutablePointer<Float>) -> Lanes {
            Lanes(q[0], q[c], q[2 &* c], q[3 &* c], q[4 &* c], q[5 &* c], q[6 &* c], q[7 &* c])
        }
        var r = lanes(p), g = lanes(p + 1), b = lanes(p + 2)
        if let black, all((r .== 0) .& (g .== 0) .& (b .== 0)) {
            for k in 0..<8 { p[k * c] = black[k]; p[k * c + 1] = black[k]; p[k * c + 2] = black[k] }
            return
        }
        if let gains {
            let gain = UnsafeRawPointer(gains).loadUnaligned(as: Lanes.self)
            r *= gain; g *= gain; b *= gain
        }
        r = r * exposure * warm.x; g = g * exposure * warm.y; b = b * exposure * warm.z
        if saturation != 1 {
            let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
            r = y + (r - y) * saturation; g = y + (g - y) * saturation; b = y + (b - y) * saturation
        }
        r = ToneCurve.map(r, table); g = ToneCurve.map(g, table); b = ToneCurve.map(b, table)
        for k in 0..<8 { p[k * c] = r[k]; p[k * c + 1] = g[k]; p[k * c + 2] = b[k] }
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
        let width = image.width, clarity = Clarity(amount, image: image, mask: mask)
        return [Float](unsafeUninitializedCapacity: width * image.height) { out, count in
            for y in 0..<image.height { clarity.gains(row: y, into: UnsafeMutableBufferPointer(rebasing: out[(y * width)..<((y + 1) * width)])) }
            count = width * image.height
        }
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

    /// `map(_:_:)` of eight values: the clamp (`max` then `min`, so −0 becomes +0 as there), the
    /// scaling, the integer part (`Int(f)` capped at `size − 1`, formed on the lanes by the 2²³
    /// trick: exact for 0...`size`) and the interpolation lane by lane; only the table reads are
    /// scalar, their indices taken from one integer vector.
    @inline(__always)
    static func map(_ x: SIMD8<Float>, _ table: UnsafeBufferPointer<Float>) -> SIMD8<Float> {
        // NaN goes to 0 with the negatives (the scalar path's `Int(f)` would trap on it).
        var f = x.replacing(with: 0, where: .!(x .> 0))
        f = f.replacing(with: top, where: f .> top)
        f = f / top * Float(size)
        let shift = SIMD8<Float>(repeating: 8_388_608)
        // Adding 2²³ rounds to the nearest integer (ties to even); one less where that rounded up is the floor.
        let nearest = (f + shift) - shift
        var whole = nearest.replacing(with: nearest - 1, where: nearest .> f)
        whole.replace(with: Float(size - 1), where: whole .> Float(size - 1))
        // After adding 2²³ the whole number is the low mantissa bits.
        let index = unsafeBitCast(whole + shift, to: SIMD8<Int32>.self) & 0x7F_FFFF
        let low = SIMD8<Float>(table[Int(index[0])], table[Int(index[1])], table[Int(index[2])], table[Int(index[3])],
                               table[Int(index[4])], table[Int(index[5])], table[Int(index[6])], table[Int(index[7])])
        let high = SIMD8<Float>(table[Int(index[0]) + 1], table[Int(index[1]) + 1], table[Int(index[2]) + 1], table[Int(index[3]) + 1],
                                table[Int(index[4]) + 1], table[Int(index[5]) + 1], table[Int(index[6]) + 1], table[Int(index[7]) + 1])
        let t = f - whole
        return low * (1 - t) + high * t
    }

    /// The curve at `x`, read from `table` (from `withTable`).
    @inline(__always)
    static func map(_ x: Float, _ table: UnsafeBufferPointer<Float>) -> Float {
        let f = min(max(x, 0), top) / top * Float(size)
        let i = min(Int(f), size - 1), t = f - Float(i)
        return table[i] * (1 - t) + table[i + 1] * t
    }
}

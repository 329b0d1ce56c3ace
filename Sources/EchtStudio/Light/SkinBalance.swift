import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Exposure and white balance measured on the skin, as a per-channel gain.
///
/// White balance moves the skin's hue (in Oklab) towards the band every human skin tone falls
/// in (about 45°–75°), only as far as needed and at most ±12 % per channel — it never changes
/// how light or dark someone's skin is. Exposure is raised only when the whole person is
/// underexposed and lowered only when skin clips, so dark skin stays dark.
public struct SkinBalance: Sendable, Equatable {
    /// Linear gains for red, green, blue.
    public var gains: SIMD3<Float>
    /// The skin's mean colour before correction (linear).
    public var skinColour: SIMD3<Float>
    /// The skin's Oklab hue before correction, degrees.
    public var skinHue: Float
    /// Exposure change in stops that is part of `gains`.
    public var exposureStops: Float

    /// Creates a balance.
    public init(gains: SIMD3<Float>, skinColour: SIMD3<Float>, skinHue: Float, exposureStops: Float) {
        self.gains = gains; self.skinColour = skinColour; self.skinHue = skinHue; self.exposureStops = exposureStops
    }

    /// No change.
    public static let neutral = SkinBalance(gains: SIMD3(1, 1, 1), skinColour: SIMD3(0, 0, 0), skinHue: 0, exposureStops: 0)

    /// The hue band of skin in Oklab, degrees.
    static let skinHueBand: ClosedRange<Float> = 45...75

    /// Measures skin (weighted by `skin`) and the person (weighted by `alpha`) in `image`.
    public static func measure(image: Image, skin: Image, alpha: Image) -> SkinBalance {
        let n = image.width * image.height, c = image.channels
        var samples: [(Float, SIMD3<Float>)] = []
        var personLuma: [Float] = []
        for i in stride(from: 0, to: n, by: max(1, n / 200_000)) {
            let rgb = SIMD3(image.pixels[i * c], image.pixels[i * c + 1], image.pixels[i * c + 2])
            let y = SRGB.luminance(rgb.x, rgb.y, rgb.z)
            if skin.pixels[i] > 0.6 { samples.append((y, rgb)) }
            if alpha.pixels[i] > 0.6 { personLuma.append(y) }
        }
        guard samples.count >= 20 else { return .neutral }
        samples.sort { $0.0 < $1.0 }
        let kept = samples[(samples.count / 10)..<(samples.count * 9 / 10)]
        let mean = kept.map(\.1).reduce(SIMD3<Float>(0, 0, 0), +) / Float(kept.count)
        let skinHighlight = samples[samples.count * 95 / 100].0
        let personHighlight = personLuma.isEmpty ? skinHighlight : kthSmallest(&personLuma, personLuma.count * 99 / 100)

        // White balance on skin hue.
        let lab = Oklab.fromLinear(mean)
        let hue = Oklab.hueDegrees(lab), chroma = (lab.y * lab.y + lab.z * lab.z).squareRoot()
        let targetHue = min(max(hue, skinHueBand.lowerBound), skinHueBand.upperBound)
        let newHue = hue + 0.8 * (targetHue - hue)
        let corrected = Oklab.toLinear(SIMD3(lab.x, chroma * cosf(newHue * .pi / 180), chroma * sinf(newHue * .pi / 180)))
        var gains = SIMD3<Float>(1, 1, 1)
        if mean.min() > 1e-4, corrected.min() > 0 {
            gains = corrected / mean
            let luma = SRGB.luminance(gains.x * mean.x, gains.y * mean.y, gains.z * mean.z) / SRGB.luminance(mean.x, mean.y, mean.z)
            gains /= luma
            gains = simd_clamp(gains, SIMD3(repeating: 0.88), SIMD3(repeating: 1.12))
        }
        // Exposure.
        var exposure: Float = 1
        if personHighlight < 0.55 { exposure = min(2, 0.7 / max(personHighlight, 0.05)) }
        if skinHighlight * exposure > 0.85 { exposure = 0.85 / skinHighlight }
        return SkinBalance(gains: gains * exposure, skinColour: mean, skinHue: hue, exposureStops: log2f(exposure))
    }

    /// The `k`-th smallest of `values` (from 0), the value `values.sorted()[k]` gives, found
    /// without sorting (quickselect); `values` is left reordered.
    static func kthSmallest(_ values: inout [Float], _ k: Int) -> Float {
        precondition(values.indices.contains(k), "rank \(k) outside \(values.count) values")
        return values.withUnsafeMutableBufferPointer { v in
            var lo = 0, hi = v.count - 1
            while lo < hi {
                let a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi]
                let pivot = max(min(a, b), min(max(a, b), c))
                // Afterwards lo...j hold values ≤ pivot, i...hi values ≥ pivot, and anything
                // between the two equals the pivot.
                var i = lo, j = hi
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while v[j] > pivot { j -= 1 }
                    if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { return pivot }
            }
            return v[k]
        }
    }

    /// Applies the gains to every pixel of an RGB image.
    public func apply(to image: Image) -> Image {
        var out = image
        let c = image.channels
        for i in 0..<(image.width * image.height) {
            out.pixels[i * c] *= gains.x; out.pixels[i * c + 1] *= gains.y; out.pixels[i * c + 2] *= gains.z
        }
        return out
    }
}

@inline(__always)
func simd_clamp(_ v: SIMD3<Float>, _ lo: SIMD3<Float>, _ hi: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3(min(max(v.x, lo.x), hi.x), min(max(v.y, lo.y), hi.y), min(max(v.z, lo.z), hi.z))
}

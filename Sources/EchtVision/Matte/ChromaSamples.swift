/// Colour samples (chromaticities, `BackdropLookalikes.chroma`) filed in square buckets of their
/// first two components, so "the nearest sample, if one lies within r" looks at the few buckets
/// around a colour instead of every sample. A sample's full distance is never below its
/// distance in those two components, so the buckets within r of a colour hold every sample
/// within r of it: the answer is the one a scan of all samples gives, to the bit.
struct ChromaSamples {
    /// Side of a bucket in chromaticity.
    let side: Float
    private var buckets: [SIMD2<Int32>: [SIMD3<Float>]] = [:]

    /// Whether there are no samples.
    let isEmpty: Bool

    /// `samples` filed in buckets of `side`.
    init(_ samples: [SIMD3<Float>], side: Float) {
        self.side = side
        isEmpty = samples.isEmpty
        for s in samples { buckets[bucket(s.x, s.y), default: []].append(s) }
    }

    /// The distance from `c` to its nearest sample, when that is at most `radius`; nil when no
    /// sample lies that near.
    func nearest(_ c: SIMD3<Float>, within radius: Float) -> Float? {
        let low = bucket(c.x - radius, c.y - radius), high = bucket(c.x + radius, c.y + radius)
        var best = Float.infinity
        for bx in low.x...high.x {
            for by in low.y...high.y {
                guard let filed = buckets[SIMD2(bx, by)] else { continue }
                for s in filed { let d = s - c; best = min(best, (d * d).sum()) }
            }
        }
        let distance = best.squareRoot()
        return distance <= radius ? distance : nil
    }

    private func bucket(_ x: Float, _ y: Float) -> SIMD2<Int32> {
        SIMD2(Int32((x / side).rounded(.down)), Int32((y / side).rounded(.down)))
    }
}

/// Colour samples (chromaticities, `BackdropLookalikes.chroma`) laid out for the nearest-sample
/// question `BackdropLookalikes.cells` asks of every mask cell: eight samples at a time, each
/// distance formed with the same operations in the same order as one at a time, so the answer
/// is the one a scan of the samples gives, to the bit.
struct ChromaSamples {
    private var xs: [SIMD8<Float>] = [], ys: [SIMD8<Float>] = [], zs: [SIMD8<Float>] = []

    /// Whether there are no samples.
    let isEmpty: Bool

    /// `samples`, eight to a block (the last block filled with infinitely far ones).
    init(_ samples: [SIMD3<Float>]) {
        isEmpty = samples.isEmpty
        for start in stride(from: 0, to: samples.count, by: 8) {
            var x = SIMD8<Float>(repeating: .infinity), y = x, z = x
            for (lane, s) in samples[start..<min(start + 8, samples.count)].enumerated() {
                x[lane] = s.x; y[lane] = s.y; z[lane] = s.z
            }
            xs.append(x); ys.append(y); zs.append(z)
        }
    }

    /// The distance from `c` to its nearest sample (infinity when there are none).
    func nearest(_ c: SIMD3<Float>) -> Float {
        var best = SIMD8<Float>(repeating: .infinity)
        for k in xs.indices {
            let dx = xs[k] - c.x, dy = ys[k] - c.y, dz = zs[k] - c.z
            best = pointwiseMin(best, dx * dx + dy * dy + dz * dz)
        }
        return best.min().squareRoot()
    }
}

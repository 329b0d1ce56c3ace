import EchtImaging

/// He et al.'s guided filter with a colour guide, computed at a reduced scale and applied at
/// full resolution ("fast guided filter"): the local linear model `q = a·I + b` is fitted on
/// the small images, and `a`, `b` are upsampled and applied to the full-resolution guide, so
/// edges (hair strands) come from the photo, not from the coarse mask.
enum GuidedFilter {
    /// The smoothed coefficients: `a` (3 channels) and `b` (1 channel), same size as `guide`.
    static func coefficients(guide: Raster, input p: Raster, radius r: Int, epsilon: Float) -> (a: Raster, b: Raster) {
        precondition(guide.channels == 3 && p.channels == 1 && guide.width == p.width && guide.height == p.height,
                     "expected a 3-channel guide and a 1-channel input of the same size")
        let n = guide.width * guide.height
        var products = Raster(width: guide.width, height: guide.height, channels: 9) // I·p (3), I_i·I_j (6)
        products.values.withUnsafeMutableBufferPointer { products in
            Concurrently.forEachRange(of: n, bands: Raster.bands(for: n * 9)) { pixels in
                for i in pixels {
                    let r0 = guide.values[i * 3], g0 = guide.values[i * 3 + 1], b0 = guide.values[i * 3 + 2], pv = p.values[i]
                    let o = i * 9
                    products[o] = r0 * pv; products[o + 1] = g0 * pv; products[o + 2] = b0 * pv
                    products[o + 3] = r0 * r0; products[o + 4] = r0 * g0; products[o + 5] = r0 * b0
                    products[o + 6] = g0 * g0; products[o + 7] = g0 * b0; products[o + 8] = b0 * b0
                }
            }
        }
        let meanI = guide.boxBlurred(radius: r), meanP = p.boxBlurred(radius: r), meanProducts = products.boxBlurred(radius: r)
        var a = Raster(width: guide.width, height: guide.height, channels: 3)
        var b = Raster(width: guide.width, height: guide.height, channels: 1)
        a.values.withUnsafeMutableBufferPointer { aOut in
            b.values.withUnsafeMutableBufferPointer { bOut in
                Concurrently.forEachRange(of: n, bands: Raster.bands(for: n * 9)) { pixels in
                    for i in pixels {
                        let m = SIMD3(meanI.values[i * 3], meanI.values[i * 3 + 1], meanI.values[i * 3 + 2])
                        let mp = meanP.values[i]
                        let q = meanProducts.values[(i * 9)...]
                        let o = i * 9
                        let cov = SIMD3(q[o], q[o + 1], q[o + 2]) - m * mp
                        // Symmetric covariance + ε·I, inverted by cofactors.
                        let s00 = q[o + 3] - m.x * m.x + epsilon, s01 = q[o + 4] - m.x * m.y, s02 = q[o + 5] - m.x * m.z
                        let s11 = q[o + 6] - m.y * m.y + epsilon, s12 = q[o + 7] - m.y * m.z, s22 = q[o + 8] - m.z * m.z + epsilon
                        let c00 = s11 * s22 - s12 * s12, c01 = s02 * s12 - s01 * s22, c02 = s01 * s12 - s02 * s11
                        let c11 = s00 * s22 - s02 * s02, c12 = s01 * s02 - s00 * s12, c22 = s00 * s11 - s01 * s01
                        let det = s00 * c00 + s01 * c01 + s02 * c02
                        let coef = SIMD3(c00 * cov.x + c01 * cov.y + c02 * cov.z,
                                         c01 * cov.x + c11 * cov.y + c12 * cov.z,
                                         c02 * cov.x + c12 * cov.y + c22 * cov.z) / det
                        aOut[i * 3] = coef.x; aOut[i * 3 + 1] = coef.y; aOut[i * 3 + 2] = coef.z
                        bOut[i] = mp - (coef * m).sum()
                    }
                }
            }
        }
        return (a.boxBlurred(radius: r), b.boxBlurred(radius: r))
    }
}

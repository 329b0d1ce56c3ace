extension Warp {
    /// Area average over `factor`×`factor` blocks of a `width`×`height` window of three or four
    /// interleaved channels whose top-left sample is `window`, rows `stride` samples apart, into
    /// `target` (⌈width / factor⌉ × ⌈height / factor⌉ pixels, every one written). Each block's
    /// sums stay in one vector over all its rows (row by row, left to right, from zero: the
    /// order `downsampleBox` promises), so nothing is zero-filled, stored and reloaded per row.
    /// With three channels the fourth lane reads the next pixel's first sample and is never
    /// stored; the last block of a row, whose fourth lane could read past the window's row, is
    /// summed one channel at a time.
    static func boxBlocks(_ window: UnsafePointer<Float>, stride: Int, channels c: Int, factor: Int,
                          width rw: Int, height rh: Int, into target: UnsafeMutablePointer<Float>) {
        precondition(c == 3 || c == 4, "three or four channels")
        let w = (rw + factor - 1) / factor, h = (rh + factor - 1) / factor
        let vectorBlocks = c == 4 ? w : w - 1
        for oy in 0..<h {
            let ys = oy * factor, ye = min(ys + factor, rh)
            let out = target + oy * w * c
            for ox in 0..<vectorBlocks {
                let xs = ox * factor, xe = min(xs + factor, rw)
                var s = SIMD4<Float>(repeating: 0)
                for y in ys..<ye {
                    let row = window + y * stride
                    for x in xs..<xe { s += UnsafeRawPointer(row + x * c).loadUnaligned(as: SIMD4<Float>.self) }
                }
                let mean = s / Float((ye - ys) * (xe - xs))
                if c == 4 {
                    UnsafeMutableRawPointer(out + ox * 4).storeBytes(of: mean, as: SIMD4<Float>.self)
                } else {
                    out[ox * 3] = mean[0]; out[ox * 3 + 1] = mean[1]; out[ox * 3 + 2] = mean[2]
                }
            }
            if c == 3 {
                let xs = (w - 1) * factor, xe = rw
                var s0: Float = 0, s1: Float = 0, s2: Float = 0
                for y in ys..<ye {
                    let row = window + y * stride
                    for x in xs..<xe { s0 += row[x * 3]; s1 += row[x * 3 + 1]; s2 += row[x * 3 + 2] }
                }
                let n = Float((ye - ys) * (xe - xs)), o = (w - 1) * 3
                out[o] = s0 / n; out[o + 1] = s1 / n; out[o + 2] = s2 / n
            }
        }
    }
}

import Dispatch
import EchtImaging

/// The only step of the matte that touches every photo pixel: one fused pass that upsamples a
/// low-resolution grid of the guided filter's coefficients and the blur-fusion means on the fly
/// (bilinear, half-pixel centres) and writes alpha and foreground directly, with no
/// full-resolution intermediate images. Rows are split into bands over `threads` threads.
/// The pass may be limited to a window of the photo (the part a framing can read): every pixel
/// inside it gets exactly the value the whole-photo pass gives it.
enum FullResolutionPass {
    /// A window of photo pixels: columns `x..<x+width`, rows `y..<y+height`.
    struct Window: Sendable, Equatable {
        var x: Int, y: Int, width: Int, height: Int
    }

    /// Channels of the grid: `a` (3), `b` (1), foreground mean F̄ (3), background mean B̄ (3),
    /// the lower and upper bound alpha may take there (from the coarse mask), then the weight
    /// `k` of the photo's detail in the foreground (1; 0 keeps the local mean F̄).
    static let gridChannels = 13

    /// Values past the last grid column of the pass's interpolated row, so that the last column's
    /// 13 channels load as one `SIMD16`.
    static let spare = 16 - gridChannels

    /// Alpha `a·sRGB(I) + b` clamped to 0...1 and foreground `F̄ + kα(I − αF̄ − (1−α)B̄)` clamped to
    /// `ForegroundEstimator.floor`·min(4(1−α), 1)·F̄...max(1, I), for the 3-channel linear `photo`
    /// and a 13-channel `grid` of any smaller size; alpha is kept within the grid's bounds. Only
    /// the pixels of `window` (nil: the whole photo) are computed; the arrays hold the window's.
    static func run(photo: Raster, grid: Raster, window: Window? = nil, threads: Int) -> (alpha: [Float], foreground: [Float]) {
        precondition(photo.channels == 3 && grid.channels == gridChannels, "expected a 3-channel photo and a 13-channel grid")
        let pw = photo.width, ph = photo.height, gw = grid.width, gh = grid.height, c = gridChannels, spare = spare
        let area = window ?? Window(x: 0, y: 0, width: pw, height: ph)
        precondition(area.x >= 0 && area.y >= 0 && area.width > 0 && area.height > 0
                     && area.x + area.width <= pw && area.y + area.height <= ph, "window outside the photo")
        let w = area.width, h = area.height, x0 = area.x, y0 = area.y
        // Every value is written by the bands below: the arrays start uninitialised, so their pages
        // are first touched by the bands (concurrently), not by one thread filling them with zeros.
        var alpha = [Float](unsafeUninitializedCapacity: w * h) { _, count in count = w * h }
        var foreground = [Float](unsafeUninitializedCapacity: w * h * 3) { _, count in count = w * h * 3 }
        // Horizontal sampling positions (of the whole photo's grid) are shared by every row.
        let scaleX = Float(gw) / Float(pw), scaleY = Float(gh) / Float(ph)
        let lo = (x0..<(x0 + w)).map { min(Int(min(max((Float($0) + 0.5) * scaleX - 0.5, 0), Float(gw - 1))), max(gw - 2, 0)) }
        let fx = (0..<w).map { gw > 1 ? min(max((Float(x0 + $0) + 0.5) * scaleX - 0.5, 0), Float(gw - 1)) - Float(lo[$0]) : 0 }
        // Only the grid columns the window's pixels sample are interpolated per row.
        let firstColumn = lo[0] * c, lastColumn = min(lo[w - 1] + 2, gw) * c
        // Bands of ⌈h/wanted⌉ rows may cover the window in fewer than `wanted`; none starts past it.
        let wanted = max(1, min(h, threads * 8)), bandHeight = (h + wanted - 1) / wanted
        let bands = (h + bandHeight - 1) / bandHeight
        alpha.withUnsafeMutableBufferPointer { alphaBuffer in
            foreground.withUnsafeMutableBufferPointer { fgBuffer in
                let out = SendablePointers(alpha: alphaBuffer.baseAddress!, foreground: fgBuffer.baseAddress!)
                let work: @Sendable (Int) -> Void = { band in
                    var row = [Float](repeating: 0, count: gw * c + spare)
                    photo.values.withUnsafeBufferPointer { image in
                        grid.values.withUnsafeBufferPointer { g in
                            lo.withUnsafeBufferPointer { lo in
                                fx.withUnsafeBufferPointer { fx in
                                    SRGB.table.withUnsafeBufferPointer { table in
                                        row.withUnsafeMutableBufferPointer { row in
                                            for y in (band * bandHeight)..<min(h, (band + 1) * bandHeight) {
                                                let s = min(max((Float(y0 + y) + 0.5) * scaleY - 0.5, 0), Float(gh - 1))
                                                let r0 = Int(s), r1 = min(r0 + 1, gh - 1), fy = s - Float(r0)
                                                let top = r0 * gw * c, bottom = r1 * gw * c
                                                for j in firstColumn..<lastColumn { row[j] = g[top + j] + (g[bottom + j] - g[top + j]) * fy }
                                                for x in 0..<w {
                                                    let i = y * w + x, source = ((y0 + y) * pw + x0 + x) * 3
                                                    let p = row.baseAddress! + lo[x] * c, q = gw > 1 ? p + c : p
                                                    // All 13 channels interpolated at once (the row has 3 spare
                                                    // values at its end): each lane the scalar p + (q − p)·f.
                                                    let pv = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
                                                    let qv = UnsafeRawPointer(q).loadUnaligned(as: SIMD16<Float>.self)
                                                    let m = pv + (qv - pv) * fx[x]
                                                    let r = image[source], gr = image[source + 1], bl = image[source + 2]
                                                    var v = m[3]
                                                    v += m[0] * encode(r, table)
                                                    v += m[1] * encode(gr, table)
                                                    v += m[2] * encode(bl, table)
                                                    let a = min(max(v, m[10]), m[11])
                                                    out.alpha[i] = a
                                                    let fg = out.foreground + i * 3
                                                    let k = m[12]
                                                    fg[0] = fuse(r, m[4], m[7], a, k)
                                                    fg[1] = fuse(gr, m[5], m[8], a, k)
                                                    fg[2] = fuse(bl, m[6], m[9], a, k)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                if threads > 1 { DispatchQueue.concurrentPerform(iterations: bands, execute: work) } else { (0..<bands).forEach(work) }
            }
        }
        return (alpha, foreground)
    }
}

/// sRGB encoding of a linear value by table interpolation (clamped to 0...1).
@inline(__always)
private func encode(_ value: Float, _ table: UnsafeBufferPointer<Float>) -> Float {
    let t = min(max(value, 0), 1) * 4096
    let j = min(Int(t), 4095), f = t - Float(j)
    return table[j] + (table[j + 1] - table[j]) * f
}

/// One channel of `F = F̄ + kα(I − αF̄ − (1−α)B̄)`, clamped to
/// `ForegroundEstimator.floor`·min(4(1−α), 1)·F̄...max(1, I).
@inline(__always)
private func fuse(_ image: Float, _ foregroundMean: Float, _ backgroundMean: Float, _ alpha: Float, _ detail: Float) -> Float {
    let v = foregroundMean + detail * alpha * (image - alpha * foregroundMean - (1 - alpha) * backgroundMean)
    return min(max(v, ForegroundEstimator.floor * min(4 * (1 - alpha), 1) * foregroundMean), max(1, image))
}

/// Output pointers that may cross into `concurrentPerform`; each band writes its own rows.
private struct SendablePointers: @unchecked Sendable {
    let alpha: UnsafeMutablePointer<Float>
    let foreground: UnsafeMutablePointer<Float>
}

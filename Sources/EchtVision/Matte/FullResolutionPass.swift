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
        let pw = photo.width, ph = photo.height, gw = grid.width, gh = grid.height
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
        let columns = lo[0]..<min(lo[w - 1] + 2, gw)
        // Bands of ⌈h/wanted⌉ rows may cover the window in fewer than `wanted`; none starts past it.
        let wanted = max(1, min(h, threads * 8)), bandHeight = (h + wanted - 1) / wanted
        let bands = (h + bandHeight - 1) / bandHeight
        alpha.withUnsafeMutableBufferPointer { alphaBuffer in
            foreground.withUnsafeMutableBufferPointer { fgBuffer in
                photo.values.withUnsafeBufferPointer { image in
                    grid.values.withUnsafeBufferPointer { g in
                        lo.withUnsafeBufferPointer { lo in
                            fx.withUnsafeBufferPointer { fx in
                                SRGB.table.withUnsafeBufferPointer { table in
                                    let pass = Rows(image: image.baseAddress!, photoWidth: pw, grid: g.baseAddress!, gridWidth: gw,
                                                    gridHeight: gh, scaleY: scaleY, lo: lo.baseAddress!, fx: fx.baseAddress!,
                                                    table: table.baseAddress!, x0: x0, y0: y0, width: w,
                                                    columns: columns,
                                                    alpha: alphaBuffer.baseAddress!, foreground: fgBuffer.baseAddress!)
                                    let work: @Sendable (Int) -> Void = { band in
                                        pass.run(rows: (band * bandHeight)..<min(h, (band + 1) * bandHeight))
                                    }
                                    if threads > 1 { Concurrently.forEach(bands, work) } else { (0..<bands).forEach(work) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (alpha, foreground)
    }
}

/// Grid columns whose bounds fix alpha, whatever the photo: lower and upper bound both exactly
/// +0 (`transparent`) or both exactly 1 (`opaque`). Between two such columns of one kind the
/// interpolated bounds are the same constants (p + (q − p)·f = p when q = p), and
/// `min(max(v, bound), bound)` is that constant for every finite `v` (+0, not −0, as the lower
/// bound +0 wins `max` against −0): the pass writes it without encoding the photo's colours for `v`.
/// The flags of two columns combine by `&`: a kind both share, else 0.
private enum Fixed {
    static let transparent: UInt8 = 1
    static let opaque: UInt8 = 2

    /// The kind of a grid column with these interpolated bounds; 0 when they leave alpha free.
    @inline(__always)
    static func of(lower: Float, upper: Float) -> UInt8 {
        if lower.bitPattern == 0, upper.bitPattern == 0 { return transparent }
        if lower == 1, upper == 1 { return opaque }
        return 0
    }
}

/// sRGB encoding of a linear value by table interpolation (clamped to 0...1).
@inline(__always)
private func encode(_ value: Float, _ table: UnsafePointer<Float>) -> Float {
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

/// One pass's inputs and outputs as pointers, shared by its bands (each writes its own rows of
/// the window; the inputs are only read).
private struct Rows: @unchecked Sendable {
    let image: UnsafePointer<Float>, photoWidth: Int
    let grid: UnsafePointer<Float>, gridWidth: Int, gridHeight: Int, scaleY: Float
    /// Per window column: its left grid column and the fraction towards the next.
    let lo: UnsafePointer<Int>, fx: UnsafePointer<Float>
    let table: UnsafePointer<Float>
    let x0: Int, y0: Int, width: Int
    /// The grid columns the window's pixels sample.
    let columns: Range<Int>
    let alpha: UnsafeMutablePointer<Float>, foreground: UnsafeMutablePointer<Float>

    /// Writes window rows `rows`: the grid interpolated vertically once per row (the columns
    /// sampled only), then every pixel from its two grid columns.
    func run(rows: Range<Int>) {
        let c = FullResolutionPass.gridChannels, gw = gridWidth, gh = gridHeight, w = width
        let row = UnsafeMutablePointer<Float>.allocate(capacity: gw * c + FullResolutionPass.spare)
        row.initialize(repeating: 0, count: gw * c + FullResolutionPass.spare)
        // Per grid column of the current row: whether its bounds fix alpha (`Fixed`).
        let fixed = UnsafeMutablePointer<UInt8>.allocate(capacity: gw)
        fixed.initialize(repeating: 0, count: gw)
        defer { row.deallocate(); fixed.deallocate() }
        let next = gw > 1 ? 1 : 0
        for y in rows {
            let s = min(max((Float(y0 + y) + 0.5) * scaleY - 0.5, 0), Float(gh - 1))
            let r0 = Int(s), r1 = min(r0 + 1, gh - 1), fy = s - Float(r0)
            let top = grid + r0 * gw * c, bottom = grid + r1 * gw * c
            for j in (columns.lowerBound * c)..<(columns.upperBound * c) { row[j] = top[j] + (bottom[j] - top[j]) * fy }
            for j in columns { fixed[j] = Fixed.of(lower: row[j * c + 10], upper: row[j * c + 11]) }
            let source = image + ((y0 + y) * photoWidth + x0) * 3, outAlpha = alpha + y * w, outColour = foreground + y * w * 3
            for x in 0..<w {
                let l = lo[x], p = row + l * c, q = p + next * c
                // All 13 channels interpolated at once (the row has 3 spare values at its end):
                // each lane the scalar p + (q − p)·f.
                let pv = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
                let qv = UnsafeRawPointer(q).loadUnaligned(as: SIMD16<Float>.self)
                let m = pv + (qv - pv) * fx[x]
                let r = source[x * 3], gr = source[x * 3 + 1], bl = source[x * 3 + 2]
                let a: Float
                switch fixed[l] & fixed[l + next] {
                case Fixed.transparent: a = 0
                case Fixed.opaque: a = 1
                default:
                    var v = m[3]
                    v += m[0] * encode(r, table)
                    v += m[1] * encode(gr, table)
                    v += m[2] * encode(bl, table)
                    a = min(max(v, m[10]), m[11])
                }
                outAlpha[x] = a
                let fg = outColour + x * 3, k = m[12]
                fg[0] = fuse(r, m[4], m[7], a, k)
                fg[1] = fuse(gr, m[5], m[8], a, k)
                fg[2] = fuse(bl, m[6], m[9], a, k)
            }
        }
    }
}

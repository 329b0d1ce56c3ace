import EchtImaging

/// Puts the matted person over a backdrop in linear light, with a touch of light wrap: the
/// backdrop's light spilling a little onto the person's soft edges, as it does in a studio.
public enum Composite {
    /// `foreground * alpha + backdrop * (1 - alpha)`, plus light wrap of `wrap` (0...1) along
    /// the edges. All images share one size; `foreground`/`backdrop` are RGB, `alpha` one channel.
    public static func over(foreground: Image, alpha: Image, backdrop: Image, wrap: Float = 0.3) -> Image {
        over(foreground: foreground, alpha: alpha, backdrop: ReducedImage(backdrop), wrap: wrap)
    }

    /// The same over a backdrop kept small: the backdrop and its blur (for the light wrap) are
    /// upsampled pixel by pixel as they are composited, never stored at full size.
    /// `softAlpha`: `softAlpha(alpha)` when already at hand (looks sharing a framing share it).
    static func over(foreground: Image, alpha: Image, backdrop: ReducedImage, wrap: Float = 0.3, softAlpha shared: ReducedImage? = nil) -> Image {
        precondition(foreground.width == backdrop.width && foreground.height == backdrop.height
                     && alpha.width == backdrop.width && alpha.height == backdrop.height, "composite sizes differ")
        let width = backdrop.width, height = backdrop.height, n = width * height
        let sigma = Float(max(width, height)) / 120
        // The wrap's blur of the backdrop, made small: the upsampling adds about factor²/4 of
        // variance, which the small blur leaves out.
        let f = Float(backdrop.factor)
        let softSigma = backdrop.factor == 1 ? sigma * 2 : max(4 * sigma * sigma - f * f / 4, 1).squareRoot() / f
        let softBackdrop = wrap > 0 ? Blur.gaussianReduced(backdrop.small, sigma: softSigma) : backdrop.small
        // The matte's blur is kept small too and read back only where the person is.
        let softAlpha = wrap > 0 ? shared ?? Self.softAlpha(alpha) : ReducedImage(alpha), ssw = softAlpha.small.width
        let sw = backdrop.small.width
        let columns = ReducedImage.Taps(backdrop.taps(size: width, stored: sw)), rows = backdrop.taps(size: height, stored: backdrop.small.height)
        let softColumns = ReducedImage.Taps(softAlpha.taps(size: width, stored: ssw)), softRows = softAlpha.taps(size: height, stored: softAlpha.small.height)
        // Every sample is written below, so the buffer is not zeroed first.
        let out = [Float](unsafeUninitializedCapacity: n * 3) { out, count in
            defer { count = n * 3 }
            foreground.pixels.withUnsafeBufferPointer { fg in
                alpha.pixels.withUnsafeBufferPointer { al in
                    softAlpha.small.pixels.withUnsafeBufferPointer { sa in
                        backdrop.small.pixels.withUnsafeBufferPointer { bd in
                            softBackdrop.pixels.withUnsafeBufferPointer { sb in
                                for y in 0..<height {
                                    let row = rows[y], softRow = softRows[y]
                                    // The two stored rows each full-size row reads, for the backdrop, its blur and the soft matte.
                                    let lines = Lines(top: bd.baseAddress! + row.i * sw * 3, bottom: bd.baseAddress! + row.i1 * sw * 3,
                                                      softTop: sb.baseAddress! + row.i * sw * 3, softBottom: sb.baseAddress! + row.i1 * sw * 3,
                                                      alphaTop: sa.baseAddress! + softRow.i * ssw, alphaBottom: sa.baseAddress! + softRow.i1 * ssw,
                                                      ty: row.t, alphaTy: softRow.t)
                                    compositeRow(foreground: fg.baseAddress! + y * width * 3, alpha: al.baseAddress! + y * width,
                                                 lines: lines, columns: columns, softColumns: softColumns, wrap: wrap, width: width,
                                                 into: out.baseAddress! + y * width * 3)
                                }
                            }
                        }
                    }
                }
            }
        }
        return Image(width: width, height: height, channels: 3, pixels: out)
    }

    /// The matte's blur the light wrap reads (`over`), kept small: it depends on the matte alone.
    static func softAlpha(_ alpha: Image) -> ReducedImage {
        Blur.gaussianReducedSmall(alpha, sigma: Float(max(alpha.width, alpha.height)) / 120)
    }

    /// The stored rows one output row reads, and its vertical fractions.
    struct Lines {
        let top: UnsafePointer<Float>, bottom: UnsafePointer<Float>
        let softTop: UnsafePointer<Float>, softBottom: UnsafePointer<Float>
        let alphaTop: UnsafePointer<Float>, alphaBottom: UnsafePointer<Float>
        let ty: Float, alphaTy: Float
    }

    /// One row of `over`: per pixel the products and sums, in the same order, of the bilinear
    /// backdrop (`Warp.sampleBilinear`'s weights), the light wrap and the blend.
    @inline(__always)
    private static func compositeRow(foreground fg: UnsafePointer<Float>, alpha al: UnsafePointer<Float>, lines: Lines,
                                     columns: ReducedImage.Taps, softColumns: ReducedImage.Taps, wrap: Float, width: Int, into out: UnsafeMutablePointer<Float>) {
        let ty = lines.ty, sty = lines.alphaTy
        let bt = lines.top, bb = lines.bottom, st = lines.softTop, sbm = lines.softBottom, at = lines.alphaTop, ab = lines.alphaBottom
        columns.indices.withUnsafeBufferPointer { index in
            columns.fractions.withUnsafeBufferPointer { fraction in
                softColumns.indices.withUnsafeBufferPointer { softIndex in
                    softColumns.fractions.withUnsafeBufferPointer { softFraction in
                        for x in 0..<width {
                            let tx = fraction[x]
                            let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                            let p0 = index[2 &* x] &* 3, p1 = index[2 &* x &+ 1] &* 3
                            let o = out + x &* 3
                            let a = min(max(al[x], 0), 1)
                            if a == 0 {
                                // Only the backdrop: front × 0 + back × 1 is the backdrop exactly.
                                o[0] = w00 * bt[p0] + w10 * bt[p1] + w01 * bb[p0] + w11 * bb[p1]
                                o[1] = w00 * bt[p0 &+ 1] + w10 * bt[p1 &+ 1] + w01 * bb[p0 &+ 1] + w11 * bb[p1 &+ 1]
                                o[2] = w00 * bt[p0 &+ 2] + w10 * bt[p1 &+ 2] + w01 * bb[p0 &+ 2] + w11 * bb[p1 &+ 2]
                                continue
                            }
                            var edge: Float = 0
                            if wrap > 0 {
                                let stx = softFraction[x], q0 = softIndex[2 &* x], q1 = softIndex[2 &* x &+ 1]
                                let s00 = (1 - stx) * (1 - sty), s10 = stx * (1 - sty), s01 = (1 - stx) * sty, s11 = stx * sty
                                let soft = s00 * at[q0] + s10 * at[q1] + s01 * ab[q0] + s11 * ab[q1]
                                edge = wrap * a * max(0, 1 - soft)
                            }
                            let f = fg + x &* 3
                            for c in 0..<3 {
                                var front = f[c]
                                if edge > 0 {
                                    let soft = w00 * st[p0 &+ c] + w10 * st[p1 &+ c] + w01 * sbm[p0 &+ c] + w11 * sbm[p1 &+ c]
                                    front = front * (1 - edge) + soft * edge
                                }
                                // A fully covered pixel is the person alone: back × 0 adds nothing.
                                guard a < 1 else { o[c] = front; continue }
                                let back = w00 * bt[p0 &+ c] + w10 * bt[p1 &+ c] + w01 * bb[p0 &+ c] + w11 * bb[p1 &+ c]
                                o[c] = front * a + back * (1 - a)
                            }
                        }
                    }
                }
            }
        }
    }
}

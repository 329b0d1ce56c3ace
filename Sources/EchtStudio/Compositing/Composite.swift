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
    static func over(foreground: Image, alpha: Image, backdrop: ReducedImage, wrap: Float = 0.3) -> Image {
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
        let softAlpha = wrap > 0 ? Blur.gaussianReducedSmall(alpha, sigma: sigma) : ReducedImage(alpha), ssw = softAlpha.small.width
        let sw = backdrop.small.width
        let columns = backdrop.taps(size: width, stored: sw), rows = backdrop.taps(size: height, stored: backdrop.small.height)
        let softColumns = softAlpha.taps(size: width, stored: ssw), softRows = softAlpha.taps(size: height, stored: softAlpha.small.height)
        // Every sample is written below, so the buffer is not zeroed first.
        let out = [Float](unsafeUninitializedCapacity: n * 3) { out, count in
            defer { count = n * 3 }
            foreground.pixels.withUnsafeBufferPointer { fg in
                alpha.pixels.withUnsafeBufferPointer { al in
                    softAlpha.small.pixels.withUnsafeBufferPointer { sa in
                        backdrop.small.pixels.withUnsafeBufferPointer { bd in
                            softBackdrop.pixels.withUnsafeBufferPointer { sb in
                                for y in 0..<height {
                                    let row = rows[y], top = row.i * sw, bottom = row.i1 * sw, ty = row.t
                                    let softRow = softRows[y], softTop = softRow.i * ssw, softBottom = softRow.i1 * ssw, sty = softRow.t
                                    for x in 0..<width {
                                        let i = y * width + x, column = columns[x], tx = column.t
                                        // The bilinear weights and sum order of `Warp.sampleBilinear`.
                                        let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                                        let p00 = (top + column.i) * 3, p10 = (top + column.i1) * 3
                                        let p01 = (bottom + column.i) * 3, p11 = (bottom + column.i1) * 3
                                        let a = min(max(al[i], 0), 1)
                                        if a == 0 {
                                            // Only the backdrop: front × 0 + back × 1 is the backdrop exactly.
                                            for c in 0..<3 {
                                                out[i * 3 + c] = w00 * bd[p00 + c] + w10 * bd[p10 + c] + w01 * bd[p01 + c] + w11 * bd[p11 + c]
                                            }
                                            continue
                                        }
                                        var edge: Float = 0
                                        if wrap > 0 {
                                            let softColumn = softColumns[x], stx = softColumn.t
                                            let s00 = (1 - stx) * (1 - sty), s10 = stx * (1 - sty), s01 = (1 - stx) * sty, s11 = stx * sty
                                            let soft = s00 * sa[softTop + softColumn.i] + s10 * sa[softTop + softColumn.i1]
                                                + s01 * sa[softBottom + softColumn.i] + s11 * sa[softBottom + softColumn.i1]
                                            edge = wrap * a * max(0, 1 - soft)
                                        }
                                        for c in 0..<3 {
                                            var front = fg[i * 3 + c]
                                            if edge > 0 {
                                                let soft = w00 * sb[p00 + c] + w10 * sb[p10 + c] + w01 * sb[p01 + c] + w11 * sb[p11 + c]
                                                front = front * (1 - edge) + soft * edge
                                            }
                                            // A fully covered pixel is the person alone: back × 0 adds nothing.
                                            guard a < 1 else { out[i * 3 + c] = front; continue }
                                            let back = w00 * bd[p00 + c] + w10 * bd[p10 + c] + w01 * bd[p01 + c] + w11 * bd[p11 + c]
                                            out[i * 3 + c] = front * a + back * (1 - a)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Image(width: width, height: height, channels: 3, pixels: out)
    }
}

import EchtImaging
import EchtTestSupport
import Testing
@testable import EchtStudio

/// The composite's row loop against its per-pixel definition, bit for bit.
@Suite struct CompositeRowTests {
    /// `Composite.over` pixel by pixel as first written: the bilinear backdrop, its blur and the
    /// soft matte read through `ReducedImage.taps`, the light wrap, the blend.
    static func overPixelByPixel(foreground: Image, alpha: Image, backdrop: ReducedImage, softBackdrop: Image,
                                 softAlpha: ReducedImage, wrap: Float) -> Image {
        let width = backdrop.width, height = backdrop.height, sw = backdrop.small.width, ssw = softAlpha.small.width
        let columns = backdrop.taps(size: width, stored: sw), rows = backdrop.taps(size: height, stored: backdrop.small.height)
        let softColumns = softAlpha.taps(size: width, stored: ssw), softRows = softAlpha.taps(size: height, stored: softAlpha.small.height)
        let bd = backdrop.small.pixels, sb = softBackdrop.pixels, sa = softAlpha.small.pixels, fg = foreground.pixels
        var out = [Float](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let row = rows[y], top = row.i * sw, bottom = row.i1 * sw, ty = row.t
            let softRow = softRows[y], softTop = softRow.i * ssw, softBottom = softRow.i1 * ssw, sty = softRow.t
            for x in 0..<width {
                let i = y * width + x, column = columns[x], tx = column.t
                let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                let p00 = (top + column.i) * 3, p10 = (top + column.i1) * 3, p01 = (bottom + column.i) * 3, p11 = (bottom + column.i1) * 3
                let a = min(max(alpha.pixels[i], 0), 1)
                if a == 0 {
                    for c in 0..<3 { out[i * 3 + c] = w00 * bd[p00 + c] + w10 * bd[p10 + c] + w01 * bd[p01 + c] + w11 * bd[p11 + c] }
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
                    guard a < 1 else { out[i * 3 + c] = front; continue }
                    let back = w00 * bd[p00 + c] + w10 * bd[p10 + c] + w01 * bd[p01 + c] + w11 * bd[p11 + c]
                    out[i * 3 + c] = front * a + back * (1 - a)
                }
            }
        }
        return Image(width: width, height: height, channels: 3, pixels: out)
    }

    @Test("the row loop gives the per-pixel composite's values, painted (¼ size) and full-size backdrops, with and without wrap",
          arguments: [(1, Float(0.3)), (4, Float(0.3)), (4, Float(0)), (1, Float(0))])
    func rowsEqualPixelByPixel(factor: Int, wrap: Float) {
        let width = 203, height = 157
        let person = FusedPassTests.noisy(width: width, height: height, channels: 3, seed: 7)
        var rng = SeededRandom(seed: 11)
        // A disc of person with a soft edge, values a hair outside 0...1 and exact 0 and 1 included.
        var alpha = Image.plane(width: width, height: height)
        for y in 0..<height { for x in 0..<width {
            let d = ((Float(x) - 100) * (Float(x) - 100) + (Float(y) - 90) * (Float(y) - 90)).squareRoot()
            alpha[x, y, 0] = min(1.02, max(-0.02, (60 - d) / 9)) + (d > 50 && d < 60 ? Float(rng.next(in: -0.01...0.01)) : 0)
        } }
        let small = FusedPassTests.noisy(width: (width + factor - 1) / factor, height: (height + factor - 1) / factor, channels: 3, seed: 5)
        let backdrop = ReducedImage(small: small, factor: factor, width: width, height: height)
        // The same blurs `over` makes.
        let sigma = Float(max(width, height)) / 120, f = Float(factor)
        let softSigma = factor == 1 ? sigma * 2 : max(4 * sigma * sigma - f * f / 4, 1).squareRoot() / f
        let softBackdrop = wrap > 0 ? Blur.gaussianReduced(small, sigma: softSigma) : small
        let softAlpha = wrap > 0 ? Blur.gaussianReducedSmall(alpha, sigma: sigma) : ReducedImage(alpha)
        let fast = Composite.over(foreground: person, alpha: alpha, backdrop: backdrop, wrap: wrap)
        let reference = Self.overPixelByPixel(foreground: person, alpha: alpha, backdrop: backdrop, softBackdrop: softBackdrop,
                                              softAlpha: softAlpha, wrap: wrap)
        #expect(fast == reference)
    }
}

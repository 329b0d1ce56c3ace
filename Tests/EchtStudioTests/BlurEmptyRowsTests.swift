import EchtImaging
import Testing
@testable import EchtStudio

/// `Blur` leaves rows and column strips of +0 alone (they blur to themselves) but blurs −0 like
/// any other sample, so it comes out +0 as the running sums give it, never kept as −0.
@Suite struct BlurEmptyRowsTests {
    @Test("empty rows stay +0, −0 rows become +0, the shape blurs as before", arguments: [1, 3, 4])
    func emptyAndNegativeZeroRows(_ channels: Int) {
        let width = 300, height = 40
        var pixels = [Float](repeating: 0, count: width * height * channels)
        // A shape in rows 20...24, columns 140...160; row 2 holds −0 everywhere.
        for y in 20...24 { for x in 140...160 { for k in 0..<channels { pixels[(y * width + x) * channels + k] = 1 } } }
        for i in 0..<(width * channels) { pixels[2 * width * channels + i] = -0.0 }
        let blurred = Blur.gaussian(Image(width: width, height: height, channels: channels, pixels: pixels), sigma: 1.5)
        let reach = Blur.reach(sigma: 1.5)
        // Rows the shape cannot reach: every sample +0, the −0 row included.
        for y in [0, 1, 2, 3, 4] where y + reach < 20 {
            let row = blurred.pixels[(y * width * channels)..<((y + 1) * width * channels)]
            #expect(row.allSatisfy { $0.bitPattern == 0 }, "row \(y)")
        }
        // Columns the shape cannot reach stay +0 in its rows.
        for y in 20...24 { #expect(blurred.pixels[(y * width + 10) * channels].bitPattern == 0) }
        // The shape's centre is blurred: below 1, above 0.
        let centre = blurred.pixels[(22 * width + 150) * channels]
        #expect(centre > 0.5 && centre <= 1)
    }
}

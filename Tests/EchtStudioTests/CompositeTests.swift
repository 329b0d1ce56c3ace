import EchtImaging
import Testing
@testable import EchtStudio

@Suite struct CompositeTests {
    @Test(arguments: [Float(0), 0.25, 0.5, 1])
    func mixesInLinearLight(_ a: Float) {
        let fg = Image(width: 8, height: 8, filledWith: [0.8, 0.2, 0.1])
        let bg = Image(width: 8, height: 8, filledWith: [0.05, 0.3, 0.9])
        let alpha = Image(width: 8, height: 8, filledWith: [a])
        let out = Composite.over(foreground: fg, alpha: alpha, backdrop: bg, wrap: 0)
        for c in 0..<3 {
            #expect(abs(out[3, 3, c] - (fg[0, 0, c] * a + bg[0, 0, c] * (1 - a))) < 1e-6)
        }
    }

    @Test func lightWrapTouchesOnlyTheEdgeOfThePerson() {
        var alpha = Image.plane(width: 240, height: 240)
        for y in 0..<240 { for x in 120..<240 { alpha.pixels[y * 240 + x] = 1 } }
        let fg = Image(width: 240, height: 240, filledWith: [0.2, 0.2, 0.2])
        let bg = Image(width: 240, height: 240, filledWith: [1, 1, 1])
        let out = Composite.over(foreground: fg, alpha: alpha, backdrop: bg, wrap: 0.3)
        #expect(out[121, 100, 0] > 0.21)          // the edge picks up backdrop light
        #expect(abs(out[230, 100, 0] - 0.2) < 1e-4) // the inside does not
        #expect(out[60, 100, 0] == 1)            // the backdrop is untouched
    }
}

import EchtImaging
import Testing
@testable import EchtStudio

@Suite struct BackdropRendererTests {
    let subject = SIMD2<Float>(60, 50)

    @Test func whiteStaysPureWhite() {
        let style = Look.builtIn["white"]!.backdrop
        let out = BackdropRenderer.render(style, width: 120, height: 150, subject: subject, light: .init())
        #expect(out.pixels.allSatisfy { abs($0 - 1) < 1e-6 })
    }

    @Test func canvasIsMottledGentlyAndDeterministic() {
        let style = Look.builtIn["professional"]!.backdrop
        let a = BackdropRenderer.render(style, width: 120, height: 150, subject: subject, light: .init())
        let b = BackdropRenderer.render(style, width: 120, height: 150, subject: subject, light: .init())
        #expect(a == b)
        let luma = a.luminance.pixels, base = SRGB.luminance(style.colour.linear.x, style.colour.linear.y, style.colour.linear.z)
        let mean = luma.reduce(0, +) / Float(luma.count)
        let spread = (luma.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(luma.count)).squareRoot()
        #expect(spread > 0.005 * base, "a canvas must not be flat")
        #expect(luma.allSatisfy { $0 > base * 0.6 && $0 < base * 1.4 }, "mottling and vignette stay gentle")
        // Brighter on the key-light side (key from image left by default).
        let leftHalf = (0..<150).map { y in (0..<60).map { a.luminance[$0, y, 0] }.reduce(0, +) }.reduce(0, +)
        let rightHalf = (0..<150).map { y in (60..<120).map { a.luminance[$0, y, 0] }.reduce(0, +) }.reduce(0, +)
        #expect(leftHalf > rightHalf)
    }

    @Test func gradientRunsFromFirstToSecondColour() {
        let style = BackdropStyle(kind: .gradient, colour: .init(hex: 0xA0B0C0), secondColour: .init(hex: 0x203040),
                                  mottle: 0, vignette: 0, glow: 0)
        let out = BackdropRenderer.render(style, width: 10, height: 100, subject: subject, light: .init())
        #expect(abs(out[5, 0, 2] - style.colour.linear.z) < 0.01)
        #expect(abs(out[5, 99, 2] - style.secondColour.linear.z) < 0.01)
    }

    @Test func defocusRemovesThePersonAndBlurs() {
        // Green surroundings with a red "person" disc in the middle.
        var photo = Image(width: 100, height: 100, filledWith: [0.1, 0.6, 0.1])
        var alpha = Image.plane(width: 100, height: 100)
        for y in 0..<100 { for x in 0..<100 where (x - 50) * (x - 50) + (y - 50) * (y - 50) < 400 {
            photo[x, y, 0] = 0.9; photo[x, y, 1] = 0.05; alpha[x, y, 0] = 1
        } }
        let out = BackdropRenderer.render(BackdropStyle(kind: .defocus, blur: 0.05), width: 100, height: 100, subject: subject,
                                          light: .init(), surroundings: .init(image: photo, alpha: alpha))
        #expect(out[50, 50, 1] > out[50, 50, 0] * 3, "the person's red must not show through the backdrop")
    }
}

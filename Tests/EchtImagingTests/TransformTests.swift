@testable import EchtImaging
import EchtTestSupport
import Foundation
import Testing

@Suite struct TransformTests {
    /// A small image with a distinct value in every sample.
    static func numbered(width: Int, height: Int, channels: Int) -> Image {
        Image(width: width, height: height, channels: channels,
              pixels: (0..<(width * height * channels)).map { Float($0) / Float(width * height * channels) })
    }

    @Test(arguments: Interpolation.allCases)
    func fourQuarterTurnsGiveBackTheOriginalExactly(interpolation: Interpolation) throws {
        let original = Self.numbered(width: 7, height: 5, channels: 3)
        var image = original
        for _ in 0..<4 {
            let turn = AffineTransform.framing(centre: (Double(image.width) / 2, Double(image.height) / 2),
                                               radians: .pi / 2, scale: 1, outputWidth: image.height, outputHeight: image.width)
            image = try image.transformed(turn, width: image.height, height: image.width, interpolation: interpolation)
        }
        #expect(image == original)
    }

    @Test func quarterTurnMovesPixelsWhereExpected() throws {
        let image = Self.numbered(width: 4, height: 3, channels: 1)
        let turn = AffineTransform.framing(centre: (2, 1.5), radians: .pi / 2, scale: 1, outputWidth: 3, outputHeight: 4)
        let turned = try image.transformed(turn, width: 3, height: 4, interpolation: .bilinear)
        // Clockwise: output (x, y) comes from source (y, H - 1 - x).
        for y in 0..<4 { for x in 0..<3 { #expect(turned[x, y, 0] == image[y, 2 - x, 0]) } }
    }

    @Test(arguments: Interpolation.allCases)
    func linearRampIsReproducedUnderRotationAndScale(interpolation: Interpolation) throws {
        // Both kernels reproduce linear functions exactly away from the borders.
        let width = 64, height = 64
        var ramp = Image(width: width, height: height, filledWith: [0])
        for y in 0..<height { for x in 0..<width { ramp[x, y, 0] = Float(x) * 0.01 + Float(y) * 0.005 } }
        let angle = 0.3, scale = 1.7
        let map = AffineTransform.framing(centre: (32, 32), radians: angle, scale: scale, outputWidth: 40, outputHeight: 40)
        let out = try ramp.transformed(map, width: 40, height: 40, interpolation: interpolation)
        let inverse = try #require(map.inverted)
        for y in 10..<30 { for x in 10..<30 {
            let source = inverse.apply(x: Double(x) + 0.5, y: Double(y) + 0.5)
            let expected = Float(source.x - 0.5) * 0.01 + Float(source.y - 0.5) * 0.005
            #expect(abs(out[x, y, 0] - expected) < 1e-4)
        } }
    }

    @Test func fillAppliesOutsideTheSource() throws {
        let image = Image(width: 4, height: 4, filledWith: [1, 1, 1, 1])
        let shifted = try image.transformed(.translation(x: 10, y: 0), width: 4, height: 4, outside: .fill([0, 0, 0, 0]))
        #expect(shifted.pixels.allSatisfy { $0 == 0 })
    }
}

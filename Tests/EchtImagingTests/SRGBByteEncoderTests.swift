@testable import EchtImaging
import EchtTestSupport
import Foundation
import Testing

/// The vectorised float → 8-bit sRGB conversion gives the scalar path's bytes exactly.
struct SRGBByteEncoderTests {
    /// The scalar conversion the encoder used before (and `SRGBTransfer.byte(fromLinear:)` still is):
    /// colour through the transfer table, the 4th sample of a pixel as linear alpha.
    static func scalarBytes(_ samples: [Float], channels: Int) -> [UInt8] {
        samples.enumerated().map { i, value in
            guard channels >= 4, i % channels == 3 else { return SRGBTransfer.byte(fromLinear: value) }
            return UInt8((min(max(value, 0), 1) * 255).rounded())
        }
    }

    static func vectorBytes(_ samples: [Float], channels: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0xAA, count: samples.count)
        samples.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { SRGBByteEncoder.encode(source, channels: channels, into: $0) }
        }
        return out
    }

    /// Values around every table step and every rounding point of the table index and of the
    /// alpha code, a few ulps either side, plus out-of-range values and infinities.
    static let edgeValues: [Float] = {
        var values: [Float] = [0, -0.0, -1e-30, -0.5, 1, 1.0000001, 2, 1e30, .infinity, -.infinity, .leastNonzeroMagnitude]
        func around(_ x: Float) {
            var lower = x, upper = x
            values.append(x)
            for _ in 0..<3 { lower = lower.nextDown; upper = upper.nextUp; values += [lower, upper] }
        }
        for k in 0...65535 { around(Float(k) / 65535); around((Float(k) + 0.5) / 65535) }
        for k in 0...255 { around((Float(k) + 0.5) / 255) }
        return values
    }()

    /// Every edge value, as grey/RGB (all colour) and as RGBA (every 4th sample alpha).
    @Test(arguments: [1, 3, 4])
    func edgeValuesGiveTheScalarBytes(channels: Int) {
        let count = Self.edgeValues.count / channels * channels
        let samples = Array(Self.edgeValues.prefix(count))
        #expect(Self.vectorBytes(samples, channels: channels) == Self.scalarBytes(samples, channels: channels))
    }

    /// NaN becomes 0 (colour and alpha), in the vector lanes and in the scalar tail.
    @Test func notANumberIsZero() {
        let samples = [Float](repeating: .nan, count: 20)
        #expect(Self.vectorBytes(samples, channels: 4) == [UInt8](repeating: 0, count: 20))
        #expect(Self.vectorBytes(samples, channels: 3) == [UInt8](repeating: 0, count: 20))
    }

    /// Lengths that leave a scalar tail, and a 5-channel layout (alpha 4th, sample by sample).
    @Test(arguments: [(0, 3), (1, 3), (15, 3), (17, 3), (33, 4), (36, 4), (35, 5)])
    func tailsAndOddLayouts(count: Int, channels: Int) {
        let samples = (0..<count).map { Float($0 % 19) / 17 - 0.05 }
        #expect(Self.vectorBytes(samples, channels: channels) == Self.scalarBytes(samples, channels: channels))
    }

    /// `scalarBytes` of RGBA samples with colour 0 wherever the alpha code is 0 (what the PNG writer stores).
    static func clearedBytes(_ samples: [Float]) -> [UInt8] {
        var bytes = scalarBytes(samples, channels: 4)
        TransparentColour.clear(&bytes)
        return bytes
    }

    /// Colour and alpha as two planes give the bytes of the same samples interleaved, edge values
    /// included, with a scalar tail (count not a multiple of 16), and colour 0 under alpha code 0.
    @Test func separateAlphaPlaneGivesTheInterleavedBytes() {
        let pixels = Self.edgeValues.count / 4
        let rgb = Array(Self.edgeValues.prefix(pixels * 3)), alpha = Array(Self.edgeValues.suffix(pixels))
        var rgba = [Float]()
        for p in 0..<pixels { rgba += rgb[(p * 3)..<(p * 3 + 3)]; rgba.append(alpha[p]) }
        var out = [UInt8](repeating: 0xAA, count: pixels * 4)
        rgb.withUnsafeBufferPointer { colour in
            alpha.withUnsafeBufferPointer { a in out.withUnsafeMutableBufferPointer { SRGBByteEncoder.encode(rgb: colour, alpha: a, into: $0) } }
        }
        #expect(pixels % 16 != 0)
        #expect(out == Self.clearedBytes(rgba))
    }

    /// Real pixels: the sample portrait resampled (so the values fall between the decoder's
    /// codes) and brightened past 1 in the highlights, as RGB and with a soft alpha as RGBA.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.samplePortrait.path), "needs the sample portrait (make setup)"))
    func realPixelsGiveTheScalarBytes() throws {
        let photo = try ImageFile.decode(contentsOf: Fixtures.samplePortrait).image.rgb()
        let resized = try photo.resized(width: photo.width * 3 / 4 + 1, height: photo.height * 3 / 4 + 1)
        let rgb = resized.pixels.map { $0 * 1.2 }
        #expect(Self.vectorBytes(rgb, channels: 3) == Self.scalarBytes(rgb, channels: 3))
        let n = resized.width * resized.height
        var rgba = [Float](repeating: 0, count: n * 4)
        for i in 0..<n {
            for c in 0..<3 { rgba[i * 4 + c] = rgb[i * 3 + c] }
            let green: Float = resized.pixels[i * 3 + 1]
            rgba[i * 4 + 3] = green * 1.5 - 0.1
        }
        #expect(Self.vectorBytes(rgba, channels: 4) == Self.scalarBytes(rgba, channels: 4))
        let image = Image(width: resized.width, height: resized.height, channels: 4, pixels: rgba)
        #expect(ImageEncoder.bytes8(image) == Self.scalarBytes(rgba, channels: 4))
    }

    /// The cut-out's PNG from colour and a separate alpha plane is byte for byte the PNG of the
    /// interleaved RGBA image (real pixels, the sample portrait with a soft matte).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.samplePortrait.path), "needs the sample portrait (make setup)"))
    func pngFromPlanesIsThePNGOfTheInterleavedImage() throws {
        let photo = try ImageFile.decode(contentsOf: Fixtures.samplePortrait).image.rgb()
        let colour = try photo.resized(width: photo.width - 3, height: photo.height - 5)
        let alpha = Image(width: colour.width, height: colour.height, channels: 1,
                          pixels: (0..<(colour.width * colour.height)).map { (i: Int) -> Float in colour.pixels[i * 3] * 2 - 0.2 })
        let options = EncodeOptions(format: .png)
        let planes = try ImageFile.encode(colour, alpha: alpha, options: options)
        #expect(planes == (try ImageFile.encode(colour.addingAlpha(alpha), options: options)))
        let decoded = try ImageFile.decode(data: planes).image
        #expect(decoded.channels == 4 && decoded.width == colour.width)
        // Through libvips (the fallback path, which keeps the hidden colour) as well: the same
        // alpha everywhere and the same colour wherever a pixel is seen.
        let viaVips = try ImageFile.decode(data: try ImageFile.encode(colour, alpha: alpha, options: EncodeOptions(format: .png, pngEncoder: .libvips))).image
        var transparent = 0, hiddenColour = 0, alphaDiffers = 0, visibleDiffers = 0, transparentColoured = 0
        for i in 0..<(decoded.width * decoded.height) {
            if decoded.pixels[i * 4 + 3] != viaVips.pixels[i * 4 + 3] { alphaDiffers += 1 }
            if decoded.pixels[i * 4 + 3] > 0 {
                if decoded.pixels[(i * 4)..<(i * 4 + 3)] != viaVips.pixels[(i * 4)..<(i * 4 + 3)] { visibleDiffers += 1 }
            } else {
                transparent += 1
                if viaVips.pixels[(i * 4)..<(i * 4 + 3)].contains(where: { $0 > 0 }) { hiddenColour += 1 }
                if decoded.pixels[(i * 4)..<(i * 4 + 3)].contains(where: { $0 != 0 }) { transparentColoured += 1 }
            }
        }
        #expect(alphaDiffers == 0 && visibleDiffers == 0)
        #expect(transparentColoured == 0, "\(transparentColoured) of \(transparent) transparent pixels keep a colour")
        #expect(transparent > 1000 && hiddenColour > 1000, "the matte leaves transparent pixels whose colour libvips keeps")
    }
}

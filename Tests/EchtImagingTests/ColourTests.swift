@testable import EchtImaging
import CVipsShim
import EchtTestSupport
import Foundation
import Testing

/// ICC conversion into the working space (linear light, sRGB primaries).
@Suite struct ColourTests {
    /// RGB → XYZ matrix from primaries' xy chromaticities and the D65 white (row-major).
    static func rgbToXYZ(_ primaries: [(Double, Double)]) -> [[Double]] {
        let white = (0.3127, 0.3290)
        func xyz(_ p: (Double, Double)) -> [Double] { [p.0 / p.1, 1, (1 - p.0 - p.1) / p.1] }
        let columns = primaries.map(xyz)
        let m = (0..<3).map { r in (0..<3).map { c in columns[c][r] } }
        let scale = solve(m, xyz(white))
        return (0..<3).map { r in (0..<3).map { c in m[r][c] * scale[c] } }
    }

    /// Solves m·x = v by Cramer's rule.
    static func solve(_ m: [[Double]], _ v: [Double]) -> [Double] {
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        return (0..<3).map { c in det(m.enumerated().map { r, row in row.enumerated().map { $0.offset == c ? v[r] : $0.element } }) / d }
    }

    static func inverse(_ m: [[Double]]) -> [[Double]] {
        let columns = (0..<3).map { c in solve(m, (0..<3).map { $0 == c ? 1 : 0 }) }
        return (0..<3).map { r in (0..<3).map { c in columns[c][r] } }
    }

    static func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        (0..<3).map { r in (0..<3).map { c in (0..<3).reduce(0) { $0 + a[r][$1] * b[$1][c] } } }
    }

    static let srgbPrimaries = [(0.64, 0.33), (0.30, 0.60), (0.15, 0.06)]
    static let p3Primaries = [(0.680, 0.320), (0.265, 0.690), (0.150, 0.060)]

    /// Display P3 encoded colours (16-bit, same transfer curve as sRGB) tagged with libvips'
    /// built-in P3 profile must decode to M·linear(P3) with M = XYZ→sRGB · P3→XYZ, unclipped.
    @Test func displayP3ConvertsToExpectedLinearSRGB() throws {
        let colours: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.5, 0.5, 0.5], [0.8, 0.3, 0.2], [0.2, 0.6, 0.9], [1, 1, 1]]
        let samples = colours.flatMap { $0.map { UInt16(($0 * 65535).rounded()) } }
        let vips = try TestImages.vips(uint16: samples, width: colours.count, height: 1, bands: 3)
        vips.set("icc-profile-data", blob: try TestImages.profile("p3"))
        let decoded = try ImageFile.decode(data: try vips.encoded(.png(bitDepth: 16)), name: "p3.png")
        #expect(decoded.info.iccProfileDescription?.contains("P3") == true, "\(String(describing: decoded.info.iccProfileDescription))")

        let m = Self.multiply(Self.inverse(Self.rgbToXYZ(Self.srgbPrimaries)), Self.rgbToXYZ(Self.p3Primaries))
        for (index, colour) in colours.enumerated() {
            let linear = colour.map { Double(SRGBTransfer.linear(fromEncoded: Float($0))) }
            let expected = (0..<3).map { r in (0..<3).reduce(0) { $0 + m[r][$1] * linear[$1] } }
            for c in 0..<3 {
                let got = Double(decoded.image[index, 0, c])
                // Bound: ICC profiles store colorants as s15.16 D50-adapted XYZ; 0.01 in linear
                // light is below one 8-bit code step above mid-grey.
                #expect(abs(got - expected[c]) < 0.01, "P3 \(colour) channel \(c): got \(got), expected \(expected[c])")
            }
        }
        // P3 red lies outside sRGB: the working space keeps it (red > 1, green < 0).
        #expect(decoded.image[0, 0, 0] > 1.1 && decoded.image[0, 0, 1] < -0.02)
    }

    /// A CMYK JPEG (made with libvips' built-in CMYK profile) decodes to the same RGB that
    /// libvips' own CMYK → sRGB transform gives, with and without the embedded profile.
    @Test(arguments: [true, false])
    func cmykJPEGDecodes(embedProfile: Bool) throws {
        let original = try TestImages.smallAstronaut(width: 64, height: 48)
        let srgb = try TestImages.vips(bytes: original.srgbBytes(), width: 64, height: 48, bands: 3)
        let cmyk = try srgb.iccTransformed(to: "cmyk", from: "srgb").copy()
        if !embedProfile { cmyk.remove("icc-profile-data") }
        let file = try cmyk.encoded(.jpeg(quality: 98))
        let decoded = try ImageFile.decode(data: file, name: "cmyk.jpg")
        #expect(decoded.info.colourModel == "cmyk" && decoded.info.channels == 4)
        #expect(decoded.image.channels == 3)
        // Reference: libvips decodes the same file and transforms it to 8-bit sRGB itself.
        let reference = try ImageFile.open(data: file, name: "cmyk.jpg", options: DecodeOptions()).vips
            .iccTransformed(to: "srgb", from: "cmyk", depth: 8)
        let referenceImage = Image(srgbBytes: try reference.withPixels { Array($0) }, width: 64, height: 48, channels: 3)
        let psnr = ImageCompare.psnr(decoded.image, referenceImage)
        #expect(psnr > 40, "CMYK decode vs libvips reference PSNR \(psnr) dB")
        // And it still resembles the sRGB original (the CMYK gamut is smaller: clipped colours).
        #expect(ImageCompare.psnr(decoded.image, original) > 20)
    }

    @Test func sixteenBitRGBDecodesWithFullPrecision() throws {
        let width = 300
        let samples = (0..<width).flatMap { x -> [UInt16] in
            let v = UInt16(x * 65535 / (width - 1))
            return [v, 65535 - v, UInt16(x * 200)]
        }
        let vips = try TestImages.vips(uint16: samples, width: width, height: 1, bands: 3)
        let decoded = try ImageFile.decode(data: try vips.encoded(.png(bitDepth: 16)), name: "rgb16.png")
        #expect(decoded.info.bitDepth == 16)
        var worst: Float = 0
        for x in 0..<width { for c in 0..<3 {
            let expected = SRGBTransfer.linear(fromEncoded: Float(samples[x * 3 + c]) / 65535)
            worst = max(worst, abs(decoded.image[x, 0, c] - expected))
        } }
        #expect(worst < 1e-6)
    }

    @Test func adobeRGBIsConverted() throws {
        // Ghostscript ships an Adobe RGB (1998) compatible profile; skip when it is absent.
        let url = URL(fileURLWithPath: "/usr/share/color/icc/ghostscript/a98.icc")
        guard let profile = try? Data(contentsOf: url) else { return }
        // Adobe RGB green (0, 1, 0) is outside sRGB: linear sRGB red goes negative.
        let vips = try TestImages.vips(bytes: [0, 255, 0, 128, 128, 128], width: 2, height: 1, bands: 3)
        vips.set("icc-profile-data", blob: profile)
        let decoded = try ImageFile.decode(data: try vips.encoded(.png(bitDepth: 8)))
        #expect(decoded.image[0, 0, 0] < -0.1 && decoded.image[0, 0, 1] > 0.95)
        // Adobe RGB grey 128 is gamma 2.2: linear ≈ 0.2158 (sRGB 128 would be 0.2158 too, within 0.01).
        #expect(abs(decoded.image[1, 0, 1] - powf(128 / 255, 563 / 256)) < 0.01)
    }

    @Test func transferCurveRoundTrips() {
        for code in 0..<256 {
            #expect(SRGBTransfer.byte(fromLinear: SRGBTransfer.linearFromByte[code]) == UInt8(code))
        }
        #expect(abs(SRGBTransfer.linear(fromEncoded: 0.5) - 0.21404) < 1e-4)
        #expect(abs(SRGBTransfer.encoded(fromLinear: 0.18) - 0.46135) < 1e-4)
    }
}

@testable import EchtImaging
import EchtTestSupport
import Foundation
import Testing

/// Echt's own PNG writer (row filters + ISA-L igzip): what it writes, libvips reads back exactly.
@Suite struct PNGWriterTests {
    /// Deterministic samples: a smooth ramp with noise, so every filter has something to predict.
    static func samples(width: Int, height: Int, channels: Int) -> [UInt8] {
        var state: UInt32 = 0x9E37_79B9
        var bytes = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    state = state &* 1_664_525 &+ 1_013_904_223
                    let ramp = (x * 3 + y * 2 + c * 40) & 0xFF
                    bytes[(y * width + x) * channels + c] = UInt8(truncatingIfNeeded: ramp + Int(state >> 29))
                }
            }
        }
        return bytes
    }

    static func encode(_ bytes: [UInt8], width: Int, height: Int, channels: Int, filter: PNGRowFilter) throws -> Data {
        try bytes.withUnsafeBufferPointer { buffer in
            try PNGWriter.encode(buffer, width: width, height: height, channels: channels,
                                 iccProfile: ImageEncoder.srgbProfile, filter: filter, level: 1, source: "test.png")
        }
    }

    /// The chunk types in file order.
    static func chunkTypes(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        var types: [String] = []
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            types.append(String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self))
            offset += 12 + length
        }
        return types
    }

    @Test(arguments: [(1, 1), (3, 7), (1920, 2400)], [3, 4])
    func everyFilterRoundTripsExactly(size: (Int, Int), channels: Int) throws {
        let (width, height) = size
        let original = Self.samples(width: width, height: height, channels: channels)
        for filter in PNGRowFilter.allCases {
            let data = try Self.encode(original, width: width, height: height, channels: channels, filter: filter)
            let decoded = try ImageFile.decode(data: data, name: "\(filter)")
            #expect(decoded.info.format == .png && decoded.info.bitDepth == 8)
            #expect(decoded.image.width == width && decoded.image.height == height && decoded.image.channels == channels)
            let back = decoded.image.srgbBytes()
            let mismatches = zip(back, original).filter { $0 != $1 }.count
            #expect(mismatches == 0, "\(filter) \(width)x\(height)x\(channels): \(mismatches) samples differ")
        }
    }

    @Test("the average filter's sixteen-byte steps give the per-byte definition", arguments: [3, 4])
    func averageFilterLanesEqualTheDefinition(channels: Int) {
        var state: UInt64 = 0x9E37_79B9
        func byte() -> UInt8 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return UInt8(truncatingIfNeeded: state >> 56) }
        for width in [1, 5, 6, 11, 21, 64, 333] {
            let count = width * channels
            // Extremes included: sums of left and above that overflow eight bits.
            let above = (0..<count).map { $0 % 7 == 0 ? 255 : byte() }, row = (0..<count).map { $0 % 5 == 0 ? 255 : byte() }
            var expected: [UInt8] = [3]
            for i in 0..<count {
                let left = i >= channels ? Int(row[i - channels]) : 0
                expected.append(row[i] &- UInt8((left + Int(above[i])) / 2))
            }
            var out = [UInt8](repeating: 0, count: count + 1)
            row.withUnsafeBufferPointer { r in
                above.withUnsafeBufferPointer { a in
                    out.withUnsafeMutableBufferPointer { PNGRowFilter.average.apply(row: r, previous: a, bytesPerPixel: channels, into: $0) }
                }
            }
            #expect(out == expected, "width \(width), \(channels) channels")
        }
    }

    @Test func filtersStoreTheSpecifiedDifferences() {
        // Two RGB pixels per row; second row predicted from the first (PNG specification §9).
        let above: [UInt8] = [10, 20, 30, 200, 100, 33]
        let row: [UInt8] = [12, 25, 27, 5, 110, 60]
        let expected: [PNGRowFilter: [UInt8]] = [
            .none: [0, 12, 25, 27, 5, 110, 60],
            .sub: [1, 12, 25, 27, 5 &- 12, 110 &- 25, 60 &- 27],
            .up: [2, 2, 5, 253, 5 &- 200, 10, 27],
            .average: [3, 12 &- 5, 25 &- 10, 27 &- 15, 5 &- 106, 110 &- 62, 60 &- 30],
            // Paeth, second pixel: a=12 b=200 c=10 → p=202, nearest b; a=25 b=100 c=20 → p=105, b;
            // a=27 b=33 c=30 → p=30, nearest c.
            .paeth: [4, 2, 5, 253, 5 &- 200, 10, 30],
        ]
        for filter in PNGRowFilter.allCases {
            var out = [UInt8](repeating: 0, count: row.count + 1)
            row.withUnsafeBufferPointer { r in
                above.withUnsafeBufferPointer { a in
                    out.withUnsafeMutableBufferPointer { filter.apply(row: r, previous: a, bytesPerPixel: 3, into: $0) }
                }
            }
            #expect(out == expected[filter], "\(filter)")
        }
        #expect(PNGRowFilter.paethPredictor(left: 12, above: 200, upperLeft: 10) == 200)
        #expect(PNGRowFilter.paethPredictor(left: 100, above: 20, upperLeft: 30) == 100)
        #expect(PNGRowFilter.paethPredictor(left: 50, above: 60, upperLeft: 58) == 50)
        #expect(PNGRowFilter.paethPredictor(left: 10, above: 20, upperLeft: 16) == 16)
    }

    @Test func imageFileWritesRGBAAndRGBThroughTheWriterWithTheSRGBProfile() throws {
        for channels in [3, 4] {
            let image = Image(srgbBytes: Self.samples(width: 33, height: 21, channels: channels), width: 33, height: 21, channels: channels)
            let data = try ImageFile.encode(image, options: EncodeOptions(format: .png))
            // libvips splits its image data into 8 KiB IDAT chunks; the writer writes one.
            #expect(Self.chunkTypes(data) == ["IHDR", "iCCP", "pHYs", "IDAT", "IEND"])
            let decoded = try ImageFile.decode(data: data)
            #expect(decoded.info.iccProfileDescription?.lowercased().contains("srgb") == true,
                    "profile: \(String(describing: decoded.info.iccProfileDescription))")
            #expect(decoded.info.colourModel == "rgb", "\(decoded.info.colourModel)")
            // RGBA: the samples' one fully transparent pixel comes back with colour 0 (`TransparentColour`).
            var expected = image.srgbBytes()
            if channels == 4 { TransparentColour.clear(&expected) }
            #expect(decoded.image.srgbBytes() == expected)
        }
    }

    /// The pHYs chunk's payload: pixels per metre x and y, unit, or nil without one.
    static func physicalSize(_ data: Data) -> (x: Int, y: Int, unit: UInt8)? {
        let bytes = [UInt8](data)
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            if String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self) == "pHYs" {
                let body = Array(bytes[(offset + 8)..<(offset + 17)])
                return (body[0..<4].reduce(0) { $0 << 8 | Int($1) }, body[4..<8].reduce(0) { $0 << 8 | Int($1) }, body[8])
            }
            offset += 12 + length
        }
        return nil
    }

    /// Every PNG says 300 dpi (11811 pixels per metre), whichever writer makes it: Echt's own,
    /// and libvips' for grey, 16-bit or asked-for files.
    @Test func everyWriterStates300dpi() throws {
        let rgb = Image(width: 5, height: 4, filledWith: [0.5, 0.2, 0.1])
        for options in [EncodeOptions(format: .png), EncodeOptions(format: .png, bitDepth: 16),
                        EncodeOptions(format: .png, pngEncoder: .libvips)] {
            let size = try #require(Self.physicalSize(try ImageFile.encode(rgb, options: options)))
            #expect(size.x == 11811 && size.y == 11811 && size.unit == 1, "\(options): \(size)")
        }
        let grey = try ImageFile.encode(Image(width: 5, height: 4, filledWith: [0.5]), options: EncodeOptions(format: .png))
        #expect(Self.physicalSize(grey)?.x == 11811)
    }

    @Test func greySixteenBitExifAndAskingForLibvipsStayWithLibvips() throws {
        let grey = Image(width: 5, height: 4, filledWith: [0.5])
        #expect(try ImageEncoder.ownPNG(grey, options: EncodeOptions(format: .png), destination: "grey") == nil)
        let rgb = Image(width: 5, height: 4, filledWith: [0.5, 0.2, 0.1])
        #expect(try ImageEncoder.ownPNG(rgb, options: EncodeOptions(format: .png, bitDepth: 16), destination: "deep") == nil)
        let exif = EncodeOptions(format: .png, metadata: ImageMetadata(cameraMake: "Echt"))
        #expect(try ImageEncoder.ownPNG(rgb, options: exif, destination: "exif") == nil)
        #expect(try ImageEncoder.ownPNG(rgb, options: EncodeOptions(format: .png, pngEncoder: .libvips), destination: "asked") == nil)
        #expect(try ImageEncoder.ownPNG(rgb, options: EncodeOptions(format: .png), destination: "plain") != nil)
    }

    /// Cut at half, at 90 %, and inside the image data's last bytes (IEND and the IDAT's CRC gone
    /// too; a file missing only IEND still decodes in libvips, whoever wrote it).
    @Test(arguments: [0.5, 0.9, -40])
    func truncatedOutputIsReportedAsDamaged(kept: Double) throws {
        let original = Self.samples(width: 64, height: 48, channels: 4)
        let data = try Self.encode(original, width: 64, height: 48, channels: 4, filter: .average)
        let cut = data.prefix(kept > 0 ? Int(Double(data.count) * kept) : data.count + Int(kept))
        let error = #expect(throws: ImagingError.self) { try ImageFile.decode(data: cut, name: "cut.png") }
        guard case .damaged(let path, _) = error else {
            Issue.record("expected .damaged but received \(String(describing: error))")
            return
        }
        #expect(path == "cut.png")
    }

    /// Every igzip level, on pure noise (nothing to compress: the output bound must hold) and on an
    /// all-transparent image (long runs), decodes back to the same bytes; other levels are refused.
    @Test(arguments: 0...3)
    func everyLevelRoundTripsNoiseAndEmptiness(level: Int) throws {
        var random = SeededRandom(seed: 29)
        let noise = (0..<(301 * 203 * 4)).map { _ in UInt8(truncatingIfNeeded: random.nextUInt64() >> 56) }
        let empty = [UInt8](repeating: 0, count: 640 * 480 * 4)
        for (name, bytes, width, height) in [("noise", noise, 301, 203), ("empty", empty, 640, 480)] {
            let data = try bytes.withUnsafeBufferPointer { buffer in
                try PNGWriter.encode(buffer, width: width, height: height, channels: 4, iccProfile: nil, filter: .average, level: level, source: "t.png")
            }
            let back = try ImageFile.decode(data: data, name: name).image.srgbBytes()
            #expect(back == bytes, "\(name) at level \(level)")
            // 1.2 MB of zeros in under 2 % (0.6 % from levels 1...3): the runs are found.
            if name == "empty" { #expect(data.count < 24_000, "\(data.count) bytes for an empty image") }
        }
        #expect(throws: ImagingError.self) {
            try [UInt8](repeating: 0, count: 12).withUnsafeBufferPointer { buffer in
                try PNGWriter.encode(buffer, width: 3, height: 1, channels: 4, iccProfile: nil, filter: .none, level: 4, source: "t.png")
            }
        }
    }

    @Test func chunkCRCsAreCorrect() throws {
        let data = try Self.encode(Self.samples(width: 9, height: 5, channels: 3), width: 9, height: 5, channels: 3, filter: .paeth)
        let bytes = [UInt8](data)
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let stored = bytes[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(CRC32.checksum(bytes[(offset + 4)..<(offset + 8 + length)]) == stored)
            offset += 12 + length
        }
        #expect(offset == bytes.count)
    }
}

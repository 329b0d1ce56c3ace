@testable import EchtImaging
import EchtTestSupport
import Foundation
import Testing

/// Bad inputs give a typed error naming the file, never a crash.
@Suite struct DecodeErrorTests {
    let scratch = ScratchFolder("decode-errors")

    func jpegBytes() throws -> Data {
        try ImageFile.encode(try TestImages.smallAstronaut(), options: EncodeOptions(format: .jpeg))
    }

    @Test func missingFile() {
        let url = scratch.file("missing.jpg")
        #expect(throws: ImagingError.fileNotFound(path: url.path)) { try ImageFile.decode(contentsOf: url) }
    }

    @Test func emptyFile() throws {
        let url = scratch.file("empty.jpg")
        try Data().write(to: url)
        #expect(throws: ImagingError.emptyFile(path: url.path)) { try ImageFile.decode(contentsOf: url) }
    }

    @Test func textIsNotAnImage() throws {
        let url = scratch.file("notes.jpg")
        try Data("just some words, not a picture\n".utf8).write(to: url)
        let error = #expect(throws: ImagingError.self) { try ImageFile.decode(contentsOf: url) }
        #expect(error == .notAnImage(path: url.path))
        #expect(error?.description.contains(url.path) == true)
    }

    @Test func truncatedJPEG() throws {
        let url = scratch.file("truncated.jpg")
        let bytes = try jpegBytes()
        try bytes.prefix(bytes.count / 2).write(to: url)
        let error = #expect(throws: ImagingError.self) { try ImageFile.decode(contentsOf: url) }
        guard case .damaged(let path, _) = error else {
            Issue.record("expected .damaged but received \(String(describing: error))")
            return
        }
        #expect(path == url.path)
    }

    /// Corrupt data in the middle of a JPEG (200 bytes inverted) is decoded around, as libjpeg
    /// does, and reported: the file decodes at its size with the decoder's words in `damage`;
    /// the same file unharmed reports none, upright or stored on its side.
    @Test func corruptJPEGDataIsReported() throws {
        // A photo-sized picture: libjpeg's warnings on a few blocks surface per strip of rows.
        var photo = Image(width: 640, height: 480, channels: 3, pixels: [Float](repeating: 0, count: 640 * 480 * 3))
        for y in 0..<480 {
            for x in 0..<640 {
                let v = Float((x * 7 + y * 13) % 97) / 97 * 0.5 + Float(x) / 640 * 0.5
                for c in 0..<3 { photo.pixels[(y * 640 + x) * 3 + c] = v * Float(c + 1) / 3 }
            }
        }
        var bytes = try ImageFile.encode(photo, options: EncodeOptions(format: .jpeg))
        let healthy = scratch.file("healthy.jpg")
        try bytes.write(to: healthy)
        let clean = try ImageFile.decode(contentsOf: healthy)
        #expect(clean.damage == nil)
        let middle = bytes.count / 2
        for i in middle..<(middle + 200) { bytes[i] ^= 0xFF }
        let url = scratch.file("corrupt.jpg")
        try bytes.write(to: url)
        let decoded = try ImageFile.decode(contentsOf: url)
        #expect(decoded.image.width == clean.image.width && decoded.image.height == clean.image.height)
        let damage = decoded.damage
        #expect(damage?.contains("Corrupt JPEG data") == true, "\(String(describing: damage))")
        #expect(decoded.image != clean.image)
    }

    @Test func truncatedPNG() throws {
        let png = try ImageFile.encode(try TestImages.smallAstronaut(), options: EncodeOptions(format: .png))
        let error = #expect(throws: ImagingError.self) { try ImageFile.decode(data: png.prefix(png.count / 2), name: "half.png") }
        guard case .damaged(let path, _) = error else {
            Issue.record("expected .damaged but received \(String(describing: error))")
            return
        }
        #expect(path == "half.png")
    }

    @Test func corruptJPEGBody() throws {
        // Valid header, scan data overwritten with garbage.
        var bytes = [UInt8](try jpegBytes())
        var generator = SeededGenerator(seed: 7)
        for i in (bytes.count / 3)..<(bytes.count - 2) { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        let error = #expect(throws: ImagingError.self) { try ImageFile.decode(data: Data(bytes), name: "garbage.jpg") }
        guard case .damaged = error else {
            Issue.record("expected .damaged but received \(String(describing: error))")
            return
        }
    }

    @Test func pixelLimitIsCheckedFromTheHeader() throws {
        let png = try ImageFile.encode(Image(width: 100, height: 100, filledWith: [0.5]), options: EncodeOptions(format: .png))
        #expect(throws: ImagingError.tooManyPixels(path: "small.png", width: 100, height: 100, limit: 9_999)) {
            try ImageFile.decode(data: png, name: "small.png", options: DecodeOptions(maxPixels: 9_999))
        }
        #expect(try ImageFile.decode(data: png, options: DecodeOptions(maxPixels: 10_000)).image.width == 100)
    }

    /// A decompression bomb: a tiny PNG whose header claims 30000 x 30000 pixels (900 MP).
    /// It must be refused with the default 100 MP limit before any decoding.
    @Test func decompressionBombIsRefused() throws {
        var bytes = [UInt8](try ImageFile.encode(Image(width: 4, height: 4, filledWith: [0.5]), options: EncodeOptions(format: .png)))
        // IHDR data starts at byte 16: width, height (big-endian), then its CRC at byte 29.
        let side: UInt32 = 30_000
        for (offset, value) in [(16, side), (20, side)] {
            for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (24 - 8 * k)) }
        }
        let crc = CRC32.checksum(bytes[12..<29])
        for k in 0..<4 { bytes[29 + k] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * k)) }
        let error = #expect(throws: ImagingError.self) { try ImageFile.decode(data: Data(bytes), name: "bomb.png") }
        #expect(error == .tooManyPixels(path: "bomb.png", width: 30_000, height: 30_000, limit: 100_000_000))
        #expect(error?.description.contains("900 MP") == true, "\(String(describing: error))")
        // What to do: a size that fits (30000 × √(100/900) = 10000 px).
        #expect(error?.description.contains("longer side of at most 10000 px") == true, "\(String(describing: error))")
    }

    @Test func folderIsNotAFile() {
        #expect(throws: ImagingError.self) { try ImageFile.decode(contentsOf: scratch.url) }
    }
}

/// CRC-32 (ISO 3309, as PNG uses).
enum CRC32 {
    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// SplitMix64, so corrupted bytes are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

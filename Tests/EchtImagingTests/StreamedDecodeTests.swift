import CVipsShim
@testable import EchtImaging
import EchtTestSupport
import Foundation
import Synchronization
import Testing

/// Decoding a file band by band (`ImageFile.decode(contentsOf:options:rows:)`) gives the same
/// samples as reading the whole photo at once, and hands every row over once, in order.
@Suite struct StreamedDecodeTests {
    /// Files of every kind the decoder treats apart: 8- and 16-bit, grey, an ICC profile to
    /// convert through, CMYK; and those read whole instead (alpha, an orientation to undo).
    static let kinds = ["jpeg", "png16", "grey", "p3", "cmyk", "alpha", "rotated"]

    static func file(_ kind: String, in folder: ScratchFolder) throws -> URL {
        let photo = try TestImages.smallAstronaut(width: 97, height: 301)
        let bytes = photo.srgbBytes()
        let rgb = try TestImages.vips(bytes: bytes, width: photo.width, height: photo.height, bands: 3)
        let data: Data
        switch kind {
        case "jpeg": data = try rgb.encoded(.jpeg(quality: 90))
        case "png16":
            let words = bytes.enumerated().map { UInt16($0.element) * 257 &+ UInt16($0.offset % 251) }
            data = try TestImages.vips(uint16: words, width: photo.width, height: photo.height, bands: 3).encoded(.png(bitDepth: 16))
        case "grey":
            let grey = stride(from: 0, to: bytes.count, by: 3).map { bytes[$0 + 1] }
            data = try TestImages.vips(bytes: grey, width: photo.width, height: photo.height, bands: 1,
                                       interpretation: Int32(ECHT_INTERPRETATION_B_W)).encoded(.png(bitDepth: 8))
        case "p3":
            rgb.set("icc-profile-data", blob: try TestImages.profile("p3"))
            data = try rgb.encoded(.png(bitDepth: 8))
        case "cmyk": data = try rgb.iccTransformed(to: "cmyk", from: "srgb").encoded(.jpeg(quality: 95))
        case "alpha":
            let alpha = (0..<(photo.width * photo.height)).map { UInt8(truncatingIfNeeded: $0 * 3) }
            let rgba = try rgb.joined(with: try TestImages.vips(bytes: alpha, width: photo.width, height: photo.height, bands: 1))
            data = try rgba.encoded(.png(bitDepth: 8))
        default:
            rgb.set("orientation", int: 6)
            data = try rgb.encoded(.jpeg(quality: 90))
        }
        let url = folder.file("\(kind).\(kind.hasPrefix("jpeg") || kind == "cmyk" || kind == "rotated" ? "jpg" : "png")")
        try data.write(to: url)
        return url
    }

    @Test(arguments: kinds)
    func bandsGiveTheWholePhotosSamples(kind: String) throws {
        let folder = ScratchFolder("streamed-\(kind)")
        let url = try Self.file(kind, in: folder)
        let whole = try WorkingSpaceConversion.image(from: try ImageFile.load(url.path, sequential: false))
        let seen = Mutex<(next: Int, samples: [Float])>((0, []))
        let decoded = try ImageFile.decode(contentsOf: url) { band in
            #expect(band.width == whole.width && band.height == whole.height && band.channels == whole.channels)
            seen.withLock { seen in
                #expect(band.firstRow == seen.next, "bands arrive in order, each once")
                seen.next += band.count
                seen.samples += band.samples
            }
        }.image
        #expect(decoded == whole)
        seen.withLock { seen in
            #expect(seen.next == whole.height)
            #expect(seen.samples == whole.pixels)
        }
    }

    /// A progressive JPEG (read whole by libjpeg before its first row comes out) and a large
    /// photo: the dev photos, when present.
    @Test(.enabled(if: Fixtures.devPhotos != nil, "needs ../shared/photos/dev"),
          arguments: ["portrait-elderly-cap-glasses-outdoor-01.jpg", "portrait-2282px-smile-dark-bg-01.jpg"])
    func devPhotoDecodesAsAWhole(name: String) throws {
        let url = Fixtures.devPhotos!.appendingPathComponent(name)
        let whole = try WorkingSpaceConversion.image(from: try ImageFile.load(url.path, sequential: false))
        let rows = Mutex(0)
        let decoded = try ImageFile.decode(contentsOf: url) { band in rows.withLock { $0 += band.count } }.image
        #expect(decoded == whole)
        #expect(rows.withLock { $0 } == whole.height)
    }

    /// A file cut short fails as damaged, as a whole read does.
    @Test func truncatedFileIsDamaged() throws {
        let folder = ScratchFolder("streamed-truncated")
        let url = try Self.file("jpeg", in: folder)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        #expect {
            _ = try ImageFile.decode(contentsOf: url) { _ in }
        } throws: { error in
            if case ImagingError.damaged = error { return true }
            return false
        }
    }
}

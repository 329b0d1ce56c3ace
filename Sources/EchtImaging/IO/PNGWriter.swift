import Foundation

/// Writes 8-bit RGB and RGBA PNG files itself: rows filtered here, the image data compressed by
/// ISA-L's igzip in one call (several times faster than libvips' zlib at a similar size).
///
/// Chunks as libvips writes them for Echt's outputs: IHDR, iCCP (when a profile is given), pHYs
/// (`ImageEncoder.pixelsPerInch` in pixels per metre, as libvips writes it), one IDAT, IEND. Non-interlaced. The C2PA signer later
/// inserts its caBX and XMP iTXt chunks after IHDR.
enum PNGWriter {
    /// The PNG file of `width`×`height` interleaved 8-bit sRGB-encoded samples with 3 (RGB) or
    /// 4 (RGBA, straight alpha) channels, carrying `iccProfile` when given; rows filtered with
    /// `filter`, compressed at igzip `level` (0...3).
    static func encode(_ samples: UnsafeBufferPointer<UInt8>, width: Int, height: Int, channels: Int, iccProfile: Data?,
                       filter: PNGRowFilter, level: Int,
                       source: String) throws(ImagingError) -> Data {
        guard channels == 3 || channels == 4 else {
            throw .invalidParameter(name: "PNG channels", expected: "3 or 4", received: String(channels))
        }
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max), samples.count == width * height * channels else {
            throw .invalidParameter(name: "PNG samples", expected: "\(width)×\(height)×\(channels) samples", received: String(samples.count))
        }
        let compressed = try imageData(samples, width: width, height: height, channels: channels, filter: filter, level: level, source: source)
        guard compressed.count <= Int(Int32.max) else {
            throw .operationFailed(operation: "PNG writer", source: source, detail: "the image data exceeds one PNG chunk (2 GiB)")
        }
        var file = Data(capacity: compressed.count + 4096)
        file.append(contentsOf: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = [UInt8]()
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        // Bit depth 8; colour type 2 (RGB) or 6 (RGBA); deflate; adaptive filtering; no interlace.
        header += [8, channels == 4 ? 6 : 2, 0, 0, 0]
        appendChunk("IHDR", header, to: &file)
        if let iccProfile {
            appendChunk("iCCP", try iccBody(iccProfile, source: source), to: &file)
        }
        var density = [UInt8]()
        let perMetre = UInt32((Double(ImageEncoder.pixelsPerInch) / 0.0254).rounded(.down))  // as libvips: 11811 at 300 dpi
        appendBigEndian(perMetre, to: &density)  // pixels per metre, x
        appendBigEndian(perMetre, to: &density)  // pixels per metre, y
        density.append(1)  // unit: metre
        appendChunk("pHYs", density, to: &file)
        appendChunk("IDAT", compressed, to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// The filtered rows, each led by its filter type byte, as one zlib stream.
    static func imageData(_ samples: UnsafeBufferPointer<UInt8>, width: Int, height: Int, channels: Int,
                          filter: PNGRowFilter, level: Int, source: String) throws(ImagingError) -> [UInt8] {
        let rowBytes = width * channels
        // Every byte (each row's filter type and filtered samples) is written below, so the buffer is not zeroed first.
        let filtered = [UInt8](unsafeUninitializedCapacity: height * (rowBytes + 1)) { out, count in
            for y in 0..<height {
                let row = UnsafeBufferPointer(rebasing: samples[(y * rowBytes)..<((y + 1) * rowBytes)])
                let previous = y == 0 ? nil : UnsafeBufferPointer(rebasing: samples[((y - 1) * rowBytes)..<(y * rowBytes)])
                let target = UnsafeMutableBufferPointer(rebasing: out[(y * (rowBytes + 1))..<((y + 1) * (rowBytes + 1))])
                filter.apply(row: row, previous: previous, bytesPerPixel: channels, into: target)
            }
            count = height * (rowBytes + 1)
        }
        return try filtered.withUnsafeBytes { bytes in Result { () throws(ImagingError) in try Deflate.zlib(bytes, level: level, source: source) } }.get()
    }

    /// The iCCP chunk's body: profile name, NUL, compression method 0, the zlib-compressed profile.
    static func iccBody(_ profile: Data, source: String) throws(ImagingError) -> [UInt8] {
        let compressed = try profile.withUnsafeBytes { bytes in Result { () throws(ImagingError) in try Deflate.zlib(bytes, level: 3, source: source) } }.get()
        return Array("icc".utf8) + [0, 0] + compressed
    }

    /// Appends length, type, body and the CRC-32 of type and body.
    static func appendChunk(_ type: String, _ body: [UInt8], to file: inout Data) {
        let typeBytes = Array(type.utf8)
        var head = [UInt8]()
        appendBigEndian(UInt32(body.count), to: &head)
        head += typeBytes
        file.append(contentsOf: head)
        file.append(contentsOf: body)
        var crc = typeBytes.withUnsafeBytes { Deflate.crc32($0) }
        crc = body.withUnsafeBytes { Deflate.crc32($0, continuing: crc) }
        var tail = [UInt8]()
        appendBigEndian(crc, to: &tail)
        file.append(contentsOf: tail)
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}

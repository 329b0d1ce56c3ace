import Foundation

/// Reads and writes the C2PA `caBX` chunk and the XMP `iTXt` chunk in PNG files (C2PA 2.2 §A.3.2; c2pa-rs `png_io.rs`).
enum PNGContainer {
    /// One chunk: type, file offset of its length field, data range.
    struct Chunk {
        var type: String
        var offset: Int
        var dataRange: Range<Int>
        var end: Int { dataRange.upperBound + 4 }
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let xmpKeyword = Data("XML:com.adobe.xmp".utf8)

    static func chunks(_ d: Data) throws(CredentialsError) -> [Chunk] {
        let b = [UInt8](d)
        guard b.starts(with: signature) else { throw .malformedAsset(format: "PNG", reason: "the signature is missing") }
        var result: [Chunk] = []
        var i = 8
        while i < b.count {
            guard i + 12 <= b.count else { throw .malformedAsset(format: "PNG", reason: "chunk header truncated at offset \(i)") }
            let length = Int(b[i..<(i + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            guard length <= b.count - i - 12 else { throw .malformedAsset(format: "PNG", reason: "chunk '\(type)' at offset \(i) overruns the file") }
            result.append(Chunk(type: type, offset: i, dataRange: (i + 8)..<(i + 8 + length)))
            i += 12 + length
            if type == "IEND" { break }
        }
        guard result.first?.type == "IHDR" else { throw .malformedAsset(format: "PNG", reason: "the first chunk is not IHDR") }
        return result
    }

    static func findStore(in d: Data) throws(CredentialsError) -> EmbeddedStore? {
        guard let c = try chunks(d).first(where: { $0.type == "caBX" }) else { return nil }
        return EmbeddedStore(store: Data(d[c.dataRange]), range: c.offset..<c.end)
    }

    /// A complete chunk: length, type, data, CRC-32 over type and data.
    static func chunk(_ type: String, _ data: Data) -> Data {
        var out = Data(withUnsafeBytes(of: UInt32(data.count).bigEndian, Array.init))
        let body = Data(type.utf8) + data
        out.append(body)
        out.append(contentsOf: withUnsafeBytes(of: CRC32.checksum(body).bigEndian, Array.init))
        return out
    }

    static func prepare(_ d: Data, xmp: Data) throws(CredentialsError) -> Data {
        var out = Data(signature)
        for c in try chunks(d) {
            let data = d[c.dataRange]
            let isXMP = c.type == "iTXt" && data.starts(with: xmpKeyword + Data([0]))
            if c.type == "caBX" || c.type == "eXIf" || isXMP { continue }
            out.append(d[c.offset..<c.end])
            if c.type == "IHDR" {
                // keyword, NUL, compression flag 0, method 0, empty language tag, empty translated keyword, text
                var text = xmpKeyword
                text.append(contentsOf: [0, 0, 0, 0, 0])
                text.append(xmp)
                out.append(chunk("iTXt", text))
            }
        }
        return out
    }

    static func embed(store: Data, in d: Data) throws(CredentialsError) -> (Data, Range<Int>) {
        guard let ihdr = try chunks(d).first else { throw .malformedAsset(format: "PNG", reason: "no IHDR chunk") }
        let block = chunk("caBX", store)
        var out = Data(d.prefix(ihdr.end))
        out.append(block)
        out.append(d.dropFirst(ihdr.end))
        return (out, ihdr.end..<(ihdr.end + block.count))
    }
}

/// CRC-32 (ISO 3309, as PNG uses it).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

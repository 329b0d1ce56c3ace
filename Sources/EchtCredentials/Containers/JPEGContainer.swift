import Foundation

/// Reads and writes C2PA APP11 segments and XMP APP1 segments in JPEG files (C2PA 2.2 §A.3.1; c2pa-rs `jpeg_io.rs`).
enum JPEGContainer {
    /// A marker segment before the scan: its marker byte, file offset and total size (marker + length + payload).
    struct Segment {
        var marker: UInt8
        var offset: Int
        var size: Int
        var payloadRange: Range<Int> { (offset + 4)..<(offset + size) }
    }

    static let xmpSignature = Data("http://ns.adobe.com/xap/1.0/\0".utf8)
    static let exifSignature = Data("Exif\0\0".utf8)
    /// Box instance number c2pa-rs uses for the store; any constant works.
    static let boxInstance: [UInt8] = [0x02, 0x11]
    /// Store bytes per APP11 segment (as c2pa-rs).
    static let chunkSize = 64_000

    /// The segments from SOI up to (not including) SOS.
    static func segments(_ d: Data) throws(CredentialsError) -> [Segment] {
        let b = [UInt8](d)
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { throw .malformedAsset(format: "JPEG", reason: "it does not start with SOI") }
        var result: [Segment] = []
        var i = 2
        while i + 1 < b.count {
            guard b[i] == 0xFF else { throw .malformedAsset(format: "JPEG", reason: "expected a marker at offset \(i)") }
            var j = i + 1
            while j < b.count, b[j] == 0xFF { j += 1 }
            guard j < b.count else { break }
            let marker = b[j]
            if marker == 0xDA || marker == 0xD9 { return result }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { i = j + 1; continue }
            guard j + 2 < b.count else { throw .malformedAsset(format: "JPEG", reason: "segment length truncated at offset \(j)") }
            let length = Int(b[j + 1]) << 8 | Int(b[j + 2])
            guard length >= 2, j + 1 + length <= b.count else {
                throw .malformedAsset(format: "JPEG", reason: "segment 0xFF\(String(marker, radix: 16)) at offset \(i) overruns the file")
            }
            result.append(Segment(marker: marker, offset: j - 1, size: length + 2))
            i = j + 1 + length
        }
        throw .malformedAsset(format: "JPEG", reason: "no start-of-scan marker found")
    }

    private static func isC2PASegment(_ s: Segment, _ d: Data) -> Bool {
        guard s.marker == 0xEB, s.size >= 4 + 16 else { return false }
        let p = d[s.payloadRange]
        return p.prefix(2) == Data("JP".utf8)
    }

    static func findStore(in d: Data) throws(CredentialsError) -> EmbeddedStore? {
        var store = Data(), instance: Data?, first = 0, last = 0, expectedSequence: UInt32 = 1
        for s in try segments(d) where isC2PASegment(s, d) {
            let p = Data(d[s.payloadRange])
            let en = p[2..<4]
            let seq = p[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            if instance == nil {
                guard p.count >= 28, p[24..<28] == Data("c2pa".utf8) else { continue }
                instance = en
                first = s.offset
                store.append(p[8...])
            } else if en == instance {
                guard seq == expectedSequence + 1, p.count >= 16 else {
                    throw .invalidManifest("APP11 segment \(seq) of the C2PA store is out of order")
                }
                guard s.offset == last else { throw .invalidManifest("the C2PA APP11 segments are not contiguous") }
                store.append(p[16...])
            } else { continue }
            expectedSequence = seq
            last = s.offset + s.size
        }
        guard instance != nil else { return nil }
        return EmbeddedStore(store: store, range: first..<last)
    }

    static func prepare(_ d: Data, xmp: Data) throws(CredentialsError) -> Data {
        let segs = try segments(d)
        var out = Data(d.prefix(2))
        var cursor = 2
        var inserted = false
        func insertXMP() {
            var payload = xmpSignature
            payload.append(xmp)
            out.append(contentsOf: [0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)])
            out.append(payload)
            inserted = true
        }
        for s in segs {
            let payload = d[s.payloadRange]
            let drop = isC2PASegment(s, d)
                || (s.marker == 0xE1 && (payload.starts(with: xmpSignature) || payload.starts(with: exifSignature)
                    || payload.starts(with: Data("http://ns.adobe.com/xmp/extension/".utf8))))
            if !inserted, !(0xE0...0xEF).contains(s.marker) { insertXMP() }
            if !drop { out.append(d[s.offset..<(s.offset + s.size)]) }
            cursor = s.offset + s.size
        }
        if !inserted { insertXMP() }
        out.append(d[cursor...])
        return out
    }

    /// The APP11 segments carrying a store: the first holds the store from its first byte, the rest repeat its 8-byte header.
    static func app11Segments(for store: Data) -> Data {
        var out = Data()
        var sequence: UInt32 = 1
        var offset = 0
        while offset < store.count {
            let chunk = store[(store.startIndex + offset)..<(store.startIndex + min(store.count, offset + chunkSize))]
            var body = Data("JP".utf8) + Data(boxInstance)
            body.append(contentsOf: withUnsafeBytes(of: sequence.bigEndian, Array.init))
            if offset > 0 { body.append(store.prefix(8)) }
            body.append(chunk)
            out.append(contentsOf: [0xFF, 0xEB, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)])
            out.append(body)
            offset += chunk.count
            sequence += 1
        }
        return out
    }

    static func embed(store: Data, in d: Data) throws(CredentialsError) -> (Data, Range<Int>) {
        var at = 2
        for s in try segments(d) {
            guard (0xE0...0xEF).contains(s.marker), s.marker != 0xEB else { break }
            at = s.offset + s.size
        }
        let run = app11Segments(for: store)
        var out = Data(d.prefix(at))
        out.append(run)
        out.append(d.dropFirst(at))
        return (out, at..<(at + run.count))
    }
}

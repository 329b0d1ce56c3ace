import Crypto
import Foundation

/// One parsed JUMBF box: either a superbox (with description and children) or a content box.
public struct JUMBFBox: Sendable {
    /// The four-character box type (`jumb`, `cbor`, `json`, …).
    public var type: String
    /// The complete box bytes, header included.
    public var raw: Data
    /// The length of the box header (8, or 16 with an XLBox).
    public var headerLength: Int
    /// For superboxes: the description's type UUID.
    public var typeUUID: Data?
    /// For superboxes: the description's label, when toggles say it is present.
    public var label: String?
    /// For superboxes: the children after the description box.
    public var children: [JUMBFBox]

    /// The bytes after the header.
    public var payload: Data { raw.dropFirst(headerLength) }

    /// SHA-256 of the box without its own header, the hash C2PA hashed URIs carry (C2PA 2.2 §8.4.2.3).
    public var contentHash: Data { Data(SHA256.hash(data: raw.dropFirst(headerLength))) }

    /// The child superbox with the given label.
    public func child(labelled label: String) -> JUMBFBox? { children.first { $0.label == label } }

    /// The first content box of the given type.
    public func content(ofType type: String) -> JUMBFBox? { children.first { $0.type == type } }
}

/// Parses JUMBF from untrusted bytes with bounded depth and box count.
public struct JUMBFReader: Sendable {
    /// The deepest superbox nesting accepted.
    public var maximumDepth = 32
    /// The most boxes accepted in one store.
    public var maximumBoxes = 100_000

    /// Creates a reader with default limits.
    public init() {}

    /// Parses one superbox that spans all of `data`.
    public func parseSuperBox(_ data: Data) throws(CredentialsError) -> JUMBFBox {
        var count = 0
        let bytes = Data(data)
        let (box, end) = try parseBox(bytes, at: bytes.startIndex, limit: bytes.endIndex, depth: 0, count: &count)
        guard end == bytes.endIndex else {
            throw .invalidManifest("the JUMBF store is \(bytes.count) bytes but its box declares \(end - bytes.startIndex)")
        }
        guard box.type == "jumb" else { throw .invalidManifest("the manifest store is a '\(box.type)' box, expected 'jumb'") }
        return box
    }

    private func parseBox(_ d: Data, at start: Int, limit: Int, depth: Int, count: inout Int) throws(CredentialsError) -> (JUMBFBox, Int) {
        count += 1
        guard count <= maximumBoxes else { throw .invalidManifest("JUMBF holds more than \(maximumBoxes) boxes") }
        guard depth <= maximumDepth else { throw .invalidManifest("JUMBF nests deeper than \(maximumDepth) levels") }
        guard limit - start >= 8 else { throw .invalidManifest("JUMBF box header truncated at offset \(start)") }
        var length = Int(readU32(d, start))
        let typeBytes = d[(start + 4)..<(start + 8)]
        let type = String(decoding: typeBytes, as: UTF8.self)
        var header = 8
        if length == 1 {
            guard limit - start >= 16 else { throw .invalidManifest("JUMBF XLBox truncated at offset \(start)") }
            let big = UInt64(readU32(d, start + 8)) << 32 | UInt64(readU32(d, start + 12))
            guard big <= UInt64(limit - start) else { throw .invalidManifest("JUMBF box '\(type)' is longer than its container") }
            length = Int(big)
            header = 16
        } else if length == 0 {
            length = limit - start
        }
        guard length >= header, length <= limit - start else {
            throw .invalidManifest("JUMBF box '\(type)' at offset \(start) declares \(length) bytes, which does not fit")
        }
        let end = start + length
        var box = JUMBFBox(type: type, raw: d[start..<end], headerLength: header, typeUUID: nil, label: nil, children: [])
        guard type == "jumb" else { return (box, end) }
        var cursor = start + header
        let (description, afterDescription) = try parseBox(d, at: cursor, limit: end, depth: depth + 1, count: &count)
        guard description.type == "jumd" else { throw .invalidManifest("JUMBF superbox at offset \(start) does not start with 'jumd'") }
        try readDescription(description.payload, into: &box)
        cursor = afterDescription
        while cursor < end {
            let (child, next) = try parseBox(d, at: cursor, limit: end, depth: depth + 1, count: &count)
            box.children.append(child)
            cursor = next
        }
        return (box, end)
    }

    private func readDescription(_ p: Data, into box: inout JUMBFBox) throws(CredentialsError) {
        let bytes = [UInt8](p)
        guard bytes.count >= 17 else { throw .invalidManifest("JUMBF description box is shorter than 17 bytes") }
        box.typeUUID = Data(bytes[0..<16])
        let toggles = bytes[16]
        // c2pa-rs reads the label only when both "requestable" and "label present" are set (C2PA requires 0x03).
        if toggles & 0x03 == 0x03 {
            guard let nul = bytes[17...].firstIndex(of: 0) else { throw .invalidManifest("JUMBF label is not NUL-terminated") }
            box.label = String(decoding: bytes[17..<nul], as: UTF8.self)
        }
    }

    private func readU32(_ d: Data, _ at: Int) -> UInt32 {
        d[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

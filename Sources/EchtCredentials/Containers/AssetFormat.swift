import Foundation

/// The file formats Echt can sign and verify.
public enum AssetFormat: String, Sendable, CaseIterable, Codable {
    /// JPEG (C2PA store in APP11 segments, XMP in APP1).
    case jpeg
    /// PNG (C2PA store in a `caBX` chunk, XMP in an `iTXt` chunk).
    case png

    /// The IANA media type.
    public var mimeType: String { self == .jpeg ? "image/jpeg" : "image/png" }

    /// Recognises the format from the first bytes, or nil.
    public static func detect(_ data: Data) -> AssetFormat? {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        return nil
    }
}

/// A manifest store found inside a file, with the file byte range its container occupies (the hash exclusion).
struct EmbeddedStore: Sendable {
    /// The reassembled JUMBF store.
    var store: Data
    /// File offsets of every byte that carries the store (markers, lengths, payloads / the whole chunk).
    var range: Range<Int>
}

/// Container operations shared by JPEG and PNG.
enum AssetContainer {
    /// Finds the C2PA store in a file of the given format.
    static func findStore(in data: Data, format: AssetFormat) throws(CredentialsError) -> EmbeddedStore? {
        switch format {
        case .jpeg: return try JPEGContainer.findStore(in: data)
        case .png: return try PNGContainer.findStore(in: data)
        }
    }

    /// Removes any C2PA store, XMP and Exif from the file, then inserts the XMP packet.
    static func prepare(_ data: Data, format: AssetFormat, xmp: Data) throws(CredentialsError) -> Data {
        switch format {
        case .jpeg: return try JPEGContainer.prepare(data, xmp: xmp)
        case .png: return try PNGContainer.prepare(data, xmp: xmp)
        }
    }

    /// Inserts the store and returns the file plus the byte range that must be excluded from the data hash.
    static func embed(store: Data, in data: Data, format: AssetFormat) throws(CredentialsError) -> (Data, Range<Int>) {
        switch format {
        case .jpeg: return try JPEGContainer.embed(store: store, in: data)
        case .png: return try PNGContainer.embed(store: store, in: data)
        }
    }
}

import Foundation

/// JUMBF description-box type UUIDs used by C2PA (C2PA 2.2 §11.1.4; c2pa-rs `jumbf/boxes.rs`).
public enum JUMBFType {
    /// The 12-byte suffix shared by all C2PA type UUIDs after their four ASCII bytes.
    static let suffix: [UInt8] = [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]

    /// The 16-byte UUID for a C2PA four-character code such as `c2pa` or `cbor`.
    public static func uuid(_ fourCC: String) -> Data { Data(fourCC.utf8.prefix(4)) + Data(suffix) }

    /// Manifest store.
    public static let store = uuid("c2pa")
    /// Standard manifest (written by Echt).
    public static let manifest = uuid("c2ma")
    /// Update manifest (read only).
    public static let updateManifest = uuid("c2um")
    /// Legacy standard manifest (read only).
    public static let legacyManifest = uuid("c2md")
    /// Compressed manifest (read only; reported as unsupported).
    public static let compressedManifest = uuid("c2cm")
    /// Assertion store.
    public static let assertionStore = uuid("c2as")
    /// Claim.
    public static let claim = uuid("c2cl")
    /// Claim signature.
    public static let signature = uuid("c2cs")
    /// CBOR assertion.
    public static let cbor = uuid("cbor")
    /// JSON assertion.
    public static let json = uuid("json")

    /// Whether the UUID marks a manifest superbox.
    static func isManifest(_ uuid: Data) -> Bool {
        uuid == manifest || uuid == updateManifest || uuid == legacyManifest || uuid == compressedManifest
    }
}

import Foundation

/// Builds JUMBF boxes (ISO/IEC 19566-5) the way C2PA wants them: normal 32-bit LBox, toggles 0x03, no salt.
public enum JUMBFWriter {
    /// A plain box: LBox, TBox, payload.
    public static func box(_ type: String, _ payload: Data) -> Data {
        var out = Data()
        out.append(contentsOf: withUnsafeBytes(of: UInt32(8 + payload.count).bigEndian, Array.init))
        out.append(contentsOf: Array(type.utf8.prefix(4)))
        out.append(payload)
        return out
    }

    /// A `jumb` superbox: a `jumd` description (type UUID, toggles requestable+label, NUL-terminated label) then the children.
    public static func superBox(type: Data, label: String, children: [Data]) -> Data {
        var description = type
        description.append(0x03)
        description.append(contentsOf: Array(label.utf8))
        description.append(0)
        var payload = box("jumd", description)
        for child in children { payload.append(child) }
        return box("jumb", payload)
    }

    /// A CBOR assertion superbox holding one `cbor` content box.
    public static func cborAssertion(label: String, _ item: CBOR) -> Data {
        superBox(type: JUMBFType.cbor, label: label, children: [box("cbor", item.encoded())])
    }
}

import Foundation

extension CBOR {
    /// The item encoded with definite lengths and shortest integer heads (except `fixedWidthUnsigned`).
    public func encoded() -> Data {
        var out = Data()
        encode(into: &out)
        return out
    }

    private func encode(into out: inout Data) {
        switch self {
        case let .unsigned(v): CBOR.appendHead(major: 0, v, into: &out)
        case let .fixedWidthUnsigned(v):
            out.append(0x1A)
            out.append(contentsOf: withUnsafeBytes(of: v.bigEndian, Array.init))
        case let .negative(v): CBOR.appendHead(major: 1, v, into: &out)
        case let .bytes(b):
            CBOR.appendHead(major: 2, UInt64(b.count), into: &out)
            out.append(b)
        case let .text(s):
            let utf8 = Data(s.utf8)
            CBOR.appendHead(major: 3, UInt64(utf8.count), into: &out)
            out.append(utf8)
        case let .array(items):
            CBOR.appendHead(major: 4, UInt64(items.count), into: &out)
            for item in items { item.encode(into: &out) }
        case let .map(pairs):
            CBOR.appendHead(major: 5, UInt64(pairs.count), into: &out)
            for pair in pairs {
                pair.key.encode(into: &out)
                pair.value.encode(into: &out)
            }
        case let .tagged(tag, item):
            CBOR.appendHead(major: 6, tag, into: &out)
            item.encode(into: &out)
        case let .bool(b): out.append(b ? 0xF5 : 0xF4)
        case .null: out.append(0xF6)
        case .undefined: out.append(0xF7)
        case let .float(d):
            out.append(0xFB)
            out.append(contentsOf: withUnsafeBytes(of: d.bitPattern.bigEndian, Array.init))
        }
    }

    /// Appends a head (major type + argument) in its shortest form.
    static func appendHead(major: UInt8, _ value: UInt64, into out: inout Data) {
        let m = major << 5
        switch value {
        case 0..<24: out.append(m | UInt8(value))
        case 24..<0x100: out.append(contentsOf: [m | 24, UInt8(value)])
        case 0x100..<0x10000: out.append(contentsOf: [m | 25, UInt8(value >> 8), UInt8(value & 0xFF)])
        case 0x10000..<0x1_0000_0000:
            out.append(m | 26)
            out.append(contentsOf: withUnsafeBytes(of: UInt32(value).bigEndian, Array.init))
        default:
            out.append(m | 27)
            out.append(contentsOf: withUnsafeBytes(of: value.bigEndian, Array.init))
        }
    }
}

import Foundation

/// A CBOR data item (RFC 8949), limited to what C2PA manifests use.
public indirect enum CBOR: Equatable, Sendable {
    /// Major type 0, encoded in its shortest form.
    case unsigned(UInt64)
    /// Major type 0 always encoded with a 4-byte argument, so it can be patched in place (C2PA §18.5.2).
    case fixedWidthUnsigned(UInt32)
    /// Major type 1: the value `-1 - n`.
    case negative(UInt64)
    /// Major type 2.
    case bytes(Data)
    /// Major type 3.
    case text(String)
    /// Major type 4.
    case array([CBOR])
    /// Major type 5, keys kept in the order given.
    case map([CBORPair])
    /// Major type 6.
    case tagged(UInt64, CBOR)
    /// `true` / `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// `undefined`.
    case undefined
    /// A floating point number (decoded only; never written by Echt).
    case float(Double)

    /// A signed integer in its shortest form.
    public static func int(_ value: Int) -> CBOR {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-1 - value))
    }

    /// A map with text keys in the given order.
    public static func textMap(_ pairs: KeyValuePairs<String, CBOR>) -> CBOR {
        .map(pairs.map { CBORPair(.text($0.key), $0.value) })
    }

    /// A map with text keys sorted per RFC 8949 §4.2.1 (bytewise on the encoded key: shorter keys first).
    public static func deterministicMap(_ pairs: [(String, CBOR)]) -> CBOR {
        let sorted = pairs.sorted { lhs, rhs in
            let a = CBOR.text(lhs.0).encoded(), b = CBOR.text(rhs.0).encoded()
            return a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
        }
        return .map(sorted.map { CBORPair(.text($0.0), $0.1) })
    }

    /// The value for a text key when this is a map.
    public subscript(key: String) -> CBOR? {
        guard case let .map(pairs) = self else { return nil }
        return pairs.first { $0.key == .text(key) }?.value
    }

    /// The value for an integer key when this is a map.
    public subscript(intKey key: Int) -> CBOR? {
        guard case let .map(pairs) = self else { return nil }
        return pairs.first { $0.key == .int(key) || ($0.key.intValue == key) }?.value
    }

    /// The text when this is a text string.
    public var textValue: String? { if case let .text(s) = self { return s } else { return nil } }
    /// The bytes when this is a byte string.
    public var bytesValue: Data? { if case let .bytes(b) = self { return b } else { return nil } }
    /// The elements when this is an array.
    public var arrayValue: [CBOR]? { if case let .array(a) = self { return a } else { return nil } }
    /// The pairs when this is a map.
    public var mapValue: [CBORPair]? { if case let .map(m) = self { return m } else { return nil } }
    /// A short text rendering of a scalar (text, number, flag); nil for containers and bytes.
    public var scalarText: String? {
        switch self {
        case let .text(s): s
        case let .float(v): "\(v)"
        case let .bool(v): "\(v)"
        default: intValue.map { "\($0)" }
        }
    }
    /// The integer value when it fits `Int`.
    public var intValue: Int? {
        switch self {
        case let .unsigned(v): return v <= UInt64(Int.max) ? Int(v) : nil
        case let .fixedWidthUnsigned(v): return Int(v)
        case let .negative(v): return v < UInt64(Int.max) ? -1 - Int(v) : nil
        default: return nil
        }
    }
}

/// One key/value entry of a CBOR map.
public struct CBORPair: Equatable, Sendable {
    /// The key.
    public var key: CBOR
    /// The value.
    public var value: CBOR
    /// Creates a pair.
    public init(_ key: CBOR, _ value: CBOR) {
        self.key = key
        self.value = value
    }
}

import Foundation

/// Decodes CBOR from untrusted bytes with bounded nesting depth and no allocation beyond the input size.
public struct CBORDecoder: Sendable {
    /// The deepest nesting of arrays, maps and tags accepted.
    public var maximumDepth: Int

    /// Creates a decoder; 64 levels are far more than any C2PA structure needs.
    public init(maximumDepth: Int = 64) {
        self.maximumDepth = maximumDepth
    }

    /// Decodes exactly one item that spans all of `data`.
    public func decode(_ data: Data) throws(CredentialsError) -> CBOR {
        let bytes = [UInt8](data)
        var cursor = 0
        let item = try decodeItem(bytes, &cursor, depth: 0)
        guard cursor == bytes.count else {
            throw .invalidManifest("CBOR has \(bytes.count - cursor) trailing bytes after the first item")
        }
        return item
    }

    private func decodeItem(_ b: [UInt8], _ i: inout Int, depth: Int) throws(CredentialsError) -> CBOR {
        guard depth <= maximumDepth else { throw .invalidManifest("CBOR nests deeper than \(maximumDepth) levels") }
        guard i < b.count else { throw .invalidManifest("CBOR ends in the middle of an item") }
        let initial = b[i]
        i += 1
        let major = initial >> 5, info = initial & 0x1F
        if major == 7 { return try decodeSimple(b, &i, info: info) }
        let argument = try readArgument(b, &i, info: info)
        let remaining = UInt64(b.count - i)
        switch major {
        case 0: return .unsigned(argument)
        case 1: return .negative(argument)
        case 2, 3:
            guard argument <= remaining else { throw .invalidManifest("CBOR string of \(argument) bytes exceeds the data") }
            let slice = Array(b[i..<(i + Int(argument))])
            i += Int(argument)
            if major == 2 { return .bytes(Data(slice)) }
            guard let s = String(validating: slice, as: UTF8.self) else { throw .invalidManifest("CBOR text is not valid UTF-8") }
            return .text(s)
        case 4:
            guard argument <= remaining else { throw .invalidManifest("CBOR array of \(argument) items exceeds the data") }
            var items: [CBOR] = []
            items.reserveCapacity(Int(argument))
            for _ in 0..<argument { items.append(try decodeItem(b, &i, depth: depth + 1)) }
            return .array(items)
        case 5:
            guard argument <= remaining / 2 else { throw .invalidManifest("CBOR map of \(argument) entries exceeds the data") }
            var pairs: [CBORPair] = []
            pairs.reserveCapacity(Int(argument))
            for _ in 0..<argument {
                let key = try decodeItem(b, &i, depth: depth + 1)
                pairs.append(CBORPair(key, try decodeItem(b, &i, depth: depth + 1)))
            }
            return .map(pairs)
        default:
            return .tagged(argument, try decodeItem(b, &i, depth: depth + 1))
        }
    }

    private func readArgument(_ b: [UInt8], _ i: inout Int, info: UInt8) throws(CredentialsError) -> UInt64 {
        if info < 24 { return UInt64(info) }
        let width: Int
        switch info {
        case 24: width = 1
        case 25: width = 2
        case 26: width = 4
        case 27: width = 8
        case 31: throw .invalidManifest("CBOR indefinite lengths are not allowed in C2PA")
        default: throw .invalidManifest("CBOR uses reserved additional information \(info)")
        }
        guard i + width <= b.count else { throw .invalidManifest("CBOR ends inside an integer") }
        var value: UInt64 = 0
        for k in 0..<width { value = value << 8 | UInt64(b[i + k]) }
        i += width
        return value
    }

    private func decodeSimple(_ b: [UInt8], _ i: inout Int, info: UInt8) throws(CredentialsError) -> CBOR {
        switch info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 25, 26, 27:
            let bits = try readArgument(b, &i, info: info)
            switch info {
            case 25: return .float(Double(Float16Bits.toFloat(UInt16(bits))))
            case 26: return .float(Double(Float(bitPattern: UInt32(bits))))
            default: return .float(Double(bitPattern: bits))
            }
        default: throw .invalidManifest("CBOR simple value \(info) is not supported")
        }
    }
}

/// IEEE half-precision conversion without relying on `Float16` (unavailable on some platforms).
enum Float16Bits {
    static func toFloat(_ h: UInt16) -> Float {
        let sign: Float = (h & 0x8000) != 0 ? -1 : 1
        let exponent = Int((h >> 10) & 0x1F), fraction = Float(h & 0x3FF)
        if exponent == 0 { return sign * fraction * powf(2, -24) }
        if exponent == 31 { return fraction == 0 ? sign * .infinity : .nan }
        return sign * (1 + fraction / 1024) * powf(2, Float(exponent - 15))
    }
}

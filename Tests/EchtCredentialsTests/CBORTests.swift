import Foundation
import Testing
@testable import EchtCredentials

@Suite struct CBORTests {
    @Test(arguments: [
        (CBOR.unsigned(0), "00"), (.unsigned(23), "17"), (.unsigned(24), "1818"), (.unsigned(1000), "1903e8"),
        (.int(-7), "26"), (.fixedWidthUnsigned(20), "1a00000014"), (.text("IETF"), "6449455446"),
        (.bytes(Data([1, 2])), "420102"), (.null, "f6"), (.bool(true), "f5"), (.tagged(0, .text("a")), "c06161"),
        (.array([.unsigned(1), .array([])]), "820180"),
    ])
    func encodesRFC8949Examples(item: CBOR, hex: String) throws {
        #expect(item.encoded().hex == hex)
        #expect(try CBORDecoder().decode(item.encoded()) == (item == .fixedWidthUnsigned(20) ? .unsigned(20) : item))
    }

    @Test func roundTripsNestedManifestShapes() throws {
        let item = CBOR.textMap([
            "actions": .array([.textMap(["action": .text("c2pa.opened"), "when": .tagged(0, .text("2026-01-01T10:00:00Z"))])]),
            "hash": .bytes(Data(repeating: 0xAB, count: 32)), "n": .int(-1000), "big": .unsigned(UInt64.max),
        ])
        let decoded = try CBORDecoder().decode(item.encoded())
        #expect(decoded == item)
        #expect(decoded["actions"]?.arrayValue?.first?["action"]?.textValue == "c2pa.opened")
    }

    @Test func deterministicMapSortsShorterKeysFirst() {
        let map = CBOR.deterministicMap([("signature", .null), ("alg", .null), ("dc:title", .null), ("aaa", .null)])
        #expect(map.mapValue?.map { $0.key.textValue ?? "" } == ["aaa", "alg", "dc:title", "signature"])
    }

    @Test func decodesFloatsOfAllWidths() throws {
        #expect(try CBORDecoder().decode(Data([0xF9, 0x3C, 0x00])) == .float(1.0))
        #expect(try CBORDecoder().decode(Data([0xFA, 0x3F, 0xC0, 0x00, 0x00])) == .float(1.5))
        #expect(try CBORDecoder().decode(CBOR.float(-2.25).encoded()) == .float(-2.25))
    }

    @Test(arguments: [
        ("deep nesting", Data(repeating: 0x81, count: 100_000) + Data([0x00])),
        ("huge byte string", Data([0x5B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])),
        ("huge array", Data([0x9B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])),
        ("huge map", Data([0xBA, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])),
        ("indefinite", Data([0x9F, 0x01, 0xFF])),
        ("truncated int", Data([0x1A, 0x00])),
        ("bad utf8", Data([0x62, 0xC3, 0x28])),
        ("trailing", Data([0x01, 0x02])),
        ("empty", Data()),
    ])
    func rejectsHostileInputWithoutCrashing(name: String, bytes: Data) {
        #expect(throws: CredentialsError.self, "\(name)") { try CBORDecoder().decode(bytes) }
    }
}

extension Data {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

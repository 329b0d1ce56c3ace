import Crypto
import Foundation
import Testing
@testable import EchtCredentials

@Suite struct JUMBFTests {
    @Test func storeDescriptionBoxMatchesTheBriefByteForByte() {
        let store = JUMBFWriter.superBox(type: JUMBFType.store, label: "c2pa", children: [])
        // Brief §2.2: the store jumd is 30 bytes, toggles 0x03, label "c2pa\0".
        #expect(store.dropFirst(8).hex == "0000001e6a756d6463327061001100108000" + "00aa00389b71" + "03" + "6332706100")
    }

    @Test func writerAndReaderRoundTrip() throws {
        let assertion = JUMBFWriter.cborAssertion(label: "c2pa.actions.v2", .textMap(["actions": .array([])]))
        let manifest = JUMBFWriter.superBox(type: JUMBFType.manifest, label: "urn:c2pa:x", children: [
            JUMBFWriter.superBox(type: JUMBFType.assertionStore, label: "c2pa.assertions", children: [assertion]),
        ])
        let store = JUMBFWriter.superBox(type: JUMBFType.store, label: "c2pa", children: [manifest])
        let parsed = try JUMBFReader().parseSuperBox(store)
        #expect(parsed.label == "c2pa")
        let box = try #require(parsed.child(labelled: "urn:c2pa:x")?.child(labelled: "c2pa.assertions")?.child(labelled: "c2pa.actions.v2"))
        #expect(box.typeUUID == JUMBFType.cbor)
        #expect(box.contentHash == Data(SHA256.hash(data: assertion.dropFirst(8))))
        #expect(try CBORDecoder().decode(Data(try #require(box.content(ofType: "cbor")).payload))["actions"] == .array([]))
    }

    @Test func resolvesAbsoluteAndRelativeURIs() throws {
        let signed = try SignedSamples.png()
        let embedded = try #require(try AssetContainer.findStore(in: signed, format: .png))
        let store = try ManifestStore(embedded.store)
        let label = try #require(store.active.label)
        let relative = store.resolve("self#jumbf=c2pa.assertions/c2pa.hash.data", in: store.active)
        let absolute = store.resolve("self#jumbf=/c2pa/\(label)/c2pa.assertions/c2pa.hash.data", in: store.active)
        #expect(relative?.raw == absolute?.raw)
        #expect(relative != nil)
        #expect(store.resolve("self#jumbf=/c2pa/nope", in: store.active) == nil)
    }

    static func malformedBox(_ name: String) -> Data {
        let jumb = Data("jumb".utf8)
        switch name {
        case "length past end": return Data([0, 0, 0, 99]) + jumb
        case "length below header": return Data([0, 0, 0, 4]) + jumb
        case "no description": return JUMBFWriter.box("jumb", JUMBFWriter.box("cbor", Data([0])))
        case "not a superbox": return JUMBFWriter.box("cbor", Data([0]))
        case "xlbox too long": return Data([0, 0, 0, 1]) + jumb + Data([0xFF, 0, 0, 0, 0, 0, 0, 0])
        default: return JUMBFWriter.box("jumb", JUMBFWriter.box("jumd", JUMBFType.store + Data([0x03, 0x41])))
        }
    }

    @Test(arguments: ["length past end", "length below header", "no description", "not a superbox", "xlbox too long", "unterminated label"])
    func rejectsMalformedBoxes(name: String) {
        let bytes = Self.malformedBox(name)
        #expect(throws: CredentialsError.self, "\(name)") { try JUMBFReader().parseSuperBox(bytes) }
    }

    @Test func boundsNestingDepth() {
        var box = JUMBFWriter.superBox(type: JUMBFType.cbor, label: "leaf", children: [])
        for _ in 0..<200 { box = JUMBFWriter.superBox(type: JUMBFType.cbor, label: "n", children: [box]) }
        #expect(throws: CredentialsError.self) { try JUMBFReader().parseSuperBox(box) }
    }
}

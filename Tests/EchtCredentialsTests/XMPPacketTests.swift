import Foundation
import Testing
@testable import EchtCredentials

@Suite struct XMPPacketTests {
    @Test(arguments: [
        ("<x><xmpMM:InstanceID>xmp.iid:abc</xmpMM:InstanceID></x>", "xmp.iid:abc"),
        ("<rdf:Description xmpMM:InstanceID=\"uuid:123\" other=\"1\"/>", "uuid:123"),
        ("<x><xmpMM:DocumentID>xmp.did:9</xmpMM:DocumentID></x>", "xmp.did:9"),
    ])
    func readsTheInputInstanceID(xmp: String, expected: String) {
        #expect(XMPPacket.instanceID(in: Data(repeating: 0xFF, count: 5000) + Data(xmp.utf8)) == expected)
    }

    @Test func findsAPatternAnywhereAndNotAPartialOne() {
        let pattern = Array("abcab".utf8)
        #expect(XMPPacket.firstOffset(of: pattern, in: Data("xxabcabyy".utf8)) == 2)
        #expect(XMPPacket.firstOffset(of: pattern, in: Data("ababcab".utf8)) == 2, "a false start right before the match")
        #expect(XMPPacket.firstOffset(of: pattern, in: Data("xxxxabca".utf8)) == nil, "a match cut off by the end")
        #expect(XMPPacket.firstOffset(of: pattern, in: Data("abc".utf8)) == nil)
        // A slice of a larger buffer: offsets count from the slice's start.
        let slice = Data("--abcab".utf8).dropFirst(2)
        #expect(XMPPacket.firstOffset(of: pattern, in: slice) == 0)
    }

    @Test func noXMPGivesNil() {
        #expect(XMPPacket.instanceID(in: Data(repeating: 0x41, count: 10_000)) == nil)
    }

    @Test func escapesMarkupInUserText() throws {
        let packet = try XMPPacket.make(metadata: IPTCMetadata(creator: "A <b> & \"c\""), digitalSourceType: .humanEdits, instanceID: "xmp.iid:1")
        #expect(String(decoding: packet, as: UTF8.self).contains("A &lt;b&gt; &amp; &quot;c&quot;"))
    }

    @Test func refusesOversizedPackets() {
        let error = #expect(throws: CredentialsError.self) {
            try XMPPacket.make(metadata: IPTCMetadata(credit: String(repeating: "x", count: 70_000)), digitalSourceType: .humanEdits, instanceID: "i")
        }
        guard case .metadataTooLarge(let bytes)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(bytes > 70_000)
    }
}

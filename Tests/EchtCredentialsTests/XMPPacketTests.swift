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

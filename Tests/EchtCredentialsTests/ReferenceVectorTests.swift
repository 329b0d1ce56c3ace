import Foundation
import Testing
import EchtTestSupport
@testable import EchtCredentials

/// The brief's files signed by c2pa-rs (reference.jpg, work/*.jpg|png) and the verdicts c2pa-rs 0.91.3 gives them.
@Suite(.enabled(if: CredentialsFixtures.c2paDocs != nil, SignedSamples.docsReason))
struct ReferenceVectorTests {
    private func verify(_ name: String, trust: [String] = []) throws -> VerificationReport {
        let url = try #require(CredentialsFixtures.c2paFile(name))
        let anchors = try trust.map { try String(contentsOf: try #require(CredentialsFixtures.c2paFile($0)), encoding: .utf8) }
        return try ContentCredentials.verify(try Data(contentsOf: url), trustAnchorsPEM: anchors.isEmpty ? nil : anchors.joined(separator: "\n"))
    }

    @Test(arguments: [
        ("reference.jpg", Verdict.untrusted, [String]()), ("camera.jpg", .untrusted, []), ("multiseg.jpg", .untrusted, []),
        ("signed.png", .untrusted, []), ("v_ok_email.jpg", .untrusted, []), ("unsigned.jpg", .absent, []),
        ("tampered.jpg", .invalid, ["assertion.dataHash.mismatch"]), ("v_expired.jpg", .invalid, ["signingCredential.expired"]),
        ("v_no_aki.jpg", .invalid, ["signingCredential.invalid"]), ("v_ok_docsign.jpg", .invalid, ["signingCredential.invalid"]), ("v_no_eku.jpg", .invalid, ["signingCredential.invalid"]),
    ])
    func verdictsMatchTheReference(name: String, verdict: Verdict, failures: [String]) throws {
        let report = try verify(name)
        #expect(report.verdict == verdict, "\(name)")
        #expect(report.blockingFailures.map(\.code) == failures, "\(name)")
    }

    @Test func referenceTrustedWithTheStudioRoot() throws {
        #expect(try verify("reference.jpg", trust: ["studio_root.pem"]).verdict == .trusted)
    }

    @Test func referenceStoryMatchesReaderJSON() throws {
        let report = try verify("reference.jpg")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: try #require(CredentialsFixtures.c2paFile("reference.json")))) as? [String: Any]
        #expect(report.activeManifest == json?["active_manifest"] as? String)
        #expect(report.manifests.map(\.label).sorted() == ((json?["manifests"] as? [String: Any])?.keys.sorted() ?? []))
        #expect(report.active?.actions.map(\.action) == ["c2pa.opened", "c2pa.cropped", "c2pa.adjustedColor", "c2pa.edited"])
        #expect(report.manifests.last?.actions.first?.digitalSourceType == DigitalSourceType.digitalCapture.uri)
        let success = Set(report.active?.success.map(\.code) ?? [])
        #expect(success.isSuperset(of: ["claimSignature.validated", "assertion.dataHash.match", "ingredient.manifest.validated"]))
    }
}

import Foundation
import Testing
import EchtTestSupport
@testable import EchtCredentials

/// Correctly signed files that break the action rules of C2PA 2.2 §15.10.3; Echt and c2pa-rs must both call them invalid.
@Suite struct ActionRuleTests {
    static func signed(rewrite: @escaping @Sendable ([CBOR]) -> [CBOR]) throws -> Data {
        let png = CredentialsFixtures.png(width: 8, height: 8)
        let prepared = try AssetContainer.prepare(png, format: .png, xmp: try XMPPacket.make(
            metadata: IPTCMetadata(), digitalSourceType: .humanEdits, instanceID: "xmp.iid:rules"))
        var builder = ManifestBuilder(label: "urn:c2pa:" + UUID().uuidString.lowercased(), generator: .echt, identity: SignedSamples.studio.identity)
        builder.rewriteActions = rewrite
        builder.addParent(ParentIngredient(data: png, title: "in.png", format: .png))
        builder.addActions([.cropped(x: 0, y: 0, width: 4, height: 4)], when: "2026-01-01T00:00:00Z")
        return try builder.finish(prepared, format: .png, instanceID: "xmp.iid:rules", title: nil)
    }

    static let cases: [(String, @Sendable ([CBOR]) -> [CBOR], String)] = [
        ("cropped first", { Array($0.reversed()) }, "assertion.action.malformed"),
        ("opened without ingredient", { list in
            guard case let .map(pairs) = list[0] else { return list }
            return [.map(pairs.filter { $0.key != .text("parameters") })] + list.dropFirst()
        }, "assertion.action.ingredientMismatch"),
    ]

    @Test(arguments: 0..<2)
    func ruleBreakingFilesAreInvalid(index: Int) throws {
        let (name, rewrite, code) = Self.cases[index]
        let file = try Self.signed(rewrite: rewrite)
        let report = try ContentCredentials.verify(file)
        #expect(report.verdict == .invalid, "\(name)")
        #expect(report.blockingFailures.map(\.code) == [code], "\(name)")
        guard CredentialsFixtures.referencePython != nil else { return }
        let url = try SignedSamples.temporaryFile(file, ext: "png")
        defer { try? FileManager.default.removeItem(at: url) }
        let json = try JSONSerialization.jsonObject(with: CredentialsFixtures.runReferenceScript("read.py", [url.path])) as? [String: Any]
        #expect(json?["state"] as? String == "Invalid", "\(name): c2pa-rs agrees")
        let active = (json?["results"] as? [String: Any])?["activeManifest"] as? [String: Any]
        let referenceCodes = (active?["failure"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(referenceCodes.contains(code), "\(name): c2pa-rs reports \(referenceCodes)")
    }

    @Test func echtOwnFilesFollowTheRules() throws {
        let report = try ContentCredentials.verify(try Self.signed { $0 })
        #expect(report.verdict == .untrusted)
    }
}

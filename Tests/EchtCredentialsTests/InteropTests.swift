import Foundation
import Testing
import EchtTestSupport
@testable import EchtCredentials

/// Echt's files read by the reference implementation (c2pa-python → c2pa-rs), and the reference's files read by Echt.
@Suite(.enabled(if: CredentialsFixtures.referencePython != nil,
                "c2pa-python could not be installed into a venv by scripts/c2pa/setup.sh (needs python3 + network on first run)"))
struct InteropTests {
    private func referenceRead(_ data: Data, ext: String, trust: String? = nil) throws -> [String: Any] {
        let file = try SignedSamples.temporaryFile(data, ext: ext)
        defer { try? FileManager.default.removeItem(at: file) }
        var args = [file.path]
        if let trust { args.append(try SignedSamples.temporaryFile(Data(trust.utf8), ext: "pem").path) }
        let json = try JSONSerialization.jsonObject(with: CredentialsFixtures.runReferenceScript("read.py", args))
        return try #require(json as? [String: Any])
    }

    private func activeCodes(_ result: [String: Any], _ kind: String) -> [String] {
        let active = (result["results"] as? [String: Any])?["activeManifest"] as? [String: Any]
        return ((active?[kind] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }

    private func activeManifest(_ result: [String: Any]) -> [String: Any]? {
        let manifest = result["manifest"] as? [String: Any]
        guard let label = manifest?["active_manifest"] as? String else { return nil }
        return (manifest?["manifests"] as? [String: Any])?[label] as? [String: Any]
    }

    private func actionNames(_ manifest: [String: Any]?) -> [String] {
        let assertions = manifest?["assertions"] as? [[String: Any]] ?? []
        let actions = assertions.first { $0["label"] as? String == "c2pa.actions.v2" }?["data"] as? [String: Any]
        return (actions?["actions"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
    }

    @Test func referenceReaderAcceptsEchtPNG() throws {
        let result = try referenceRead(try SignedSamples.png(), ext: "png")
        #expect(result["state"] as? String == "Valid")
        #expect(activeCodes(result, "failure") == ["signingCredential.untrusted"])
        #expect(activeCodes(result, "success").contains("assertion.dataHash.match"))
        let manifest = activeManifest(result)
        #expect(actionNames(manifest) == ["c2pa.opened", "c2pa.cropped", "c2pa.orientation", "c2pa.adjustedColor", "c2pa.filtered", "c2pa.edited"])
        let ingredients = manifest?["ingredients"] as? [[String: Any]] ?? []
        #expect(ingredients.map { $0["title"] as? String } == ["input.png"])
        #expect(ingredients.first?["relationship"] as? String == "parentOf")
        let trusted = try referenceRead(try SignedSamples.png(), ext: "png", trust: SignedSamples.studio.rootPEM)
        #expect(trusted["state"] as? String == "Trusted")
    }

    @Test func referenceReaderAcceptsEchtTinyJPEG() throws {
        let result = try referenceRead(try SignedSamples.tinyJPEG(), ext: "jpg")
        #expect(result["state"] as? String == "Valid")
        #expect(activeCodes(result, "failure") == ["signingCredential.untrusted"])
        #expect(activeCodes(result, "success").contains("assertion.dataHash.match"))
        let ingredients = activeManifest(result)?["ingredients"] as? [[String: Any]] ?? []
        #expect(ingredients.map { $0["title"] as? String } == ["selfie.jpg"])
    }

    @Test(.enabled(if: CredentialsFixtures.c2paDocs != nil, SignedSamples.docsReason))
    func referenceReaderAcceptsEchtJPEGWithCameraChain() throws {
        let signed = try #require(try SignedSamples.jpeg(parentName: "camera.jpg"))
        let result = try referenceRead(signed, ext: "jpg")
        #expect(result["state"] as? String == "Valid")
        #expect(activeCodes(result, "failure") == ["signingCredential.untrusted"])
        // c2pa-rs reports the ingredient checks as deltas: the parent's manifest hash matched, nothing failed.
        let deltas = (result["results"] as? [String: Any])?["ingredientDeltas"] as? [[String: Any]] ?? []
        let deltaCodes = deltas.compactMap { $0["validationDeltas"] as? [String: Any] }
        #expect(deltaCodes.flatMap { ($0["success"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }.contains("ingredient.manifest.validated"))
        #expect(deltaCodes.allSatisfy { ($0["failure"] as? [[String: Any]] ?? []).isEmpty })
        let manifest = activeManifest(result)
        let ingredient = (manifest?["ingredients"] as? [[String: Any]])?.first
        #expect(ingredient?["title"] as? String == "camera.jpg")
        #expect(ingredient?["active_manifest"] as? String != nil)
        #expect(actionNames(manifest).first == "c2pa.opened")
    }

    @Test func referenceReaderSeesTamperingToo() throws {
        var signed = try SignedSamples.png()
        let idat = try #require(try PNGContainer.chunks(signed).first { $0.type == "IDAT" })
        signed[idat.dataRange.lowerBound + 20] ^= 0x01
        let result = try referenceRead(signed, ext: "png")
        #expect(result["state"] as? String == "Invalid")
        #expect(activeCodes(result, "failure").contains("assertion.dataHash.mismatch"))
        #expect(try ContentCredentials.verify(signed).blockingFailures.map(\.code) == ["assertion.dataHash.mismatch"])
    }

    @Test func echtReadsFilesSignedByTheReferenceBuilder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("echt-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let chain = dir.appendingPathComponent("chain.pem"), key = dir.appendingPathComponent("key.pem")
        try Data((SignedSamples.studio.signerPEM + "\n" + SignedSamples.studio.rootPEM).utf8).write(to: chain)
        try Data(SignedSamples.studio.identity.privateKey.pemRepresentation.utf8).write(to: key)
        let input = dir.appendingPathComponent("in.png"), parent = dir.appendingPathComponent("parent.png")
        try CredentialsFixtures.png(width: 32, height: 24).write(to: input)
        try SignedSamples.png().write(to: parent)

        let edited = dir.appendingPathComponent("edited.png")
        _ = try CredentialsFixtures.runReferenceScript("sign.py", [input.path, edited.path, "image/png", chain.path, key.path, parent.path])
        let report = try ContentCredentials.verify(try Data(contentsOf: edited))
        #expect(report.verdict == .untrusted)
        #expect(report.blockingFailures == [])
        #expect(report.active?.claimGenerator?.hasPrefix("c2pa-python reference") == true)
        #expect(report.manifests.count == 2, "the Echt parent manifest travels with the reference's edit")
        #expect(report.active?.success.contains { $0.code == "ingredient.manifest.validated" } == true)
        #expect(try ContentCredentials.verify(try Data(contentsOf: edited), trustAnchorsPEM: SignedSamples.studio.rootPEM).verdict == .trusted)

        let generated = dir.appendingPathComponent("generated.png")
        _ = try CredentialsFixtures.runReferenceScript("sign.py", [input.path, generated.path, "image/png", chain.path, key.path])
        let ai = try ContentCredentials.verify(try Data(contentsOf: generated))
        #expect(ai.verdict == .untrusted)
        #expect(ai.declaresGenerativeAI)
        #expect(ai.aiDeclarations == [DigitalSourceType.trainedAlgorithmicMedia.uri])
    }

    @Test(.enabled(if: CredentialsFixtures.c2paDocs != nil, SignedSamples.docsReason),
          arguments: ["reference.jpg", "camera.jpg", "multiseg.jpg", "signed.png", "tampered.jpg", "unsigned.jpg",
                      "v_expired.jpg", "v_no_aki.jpg", "v_no_eku.jpg", "v_ok_docsign.jpg", "v_ok_email.jpg"])
    func echtAgreesWithTheReferenceOnEveryVector(name: String) throws {
        let data = try Data(contentsOf: try #require(CredentialsFixtures.c2paFile(name)))
        let ext = name.hasSuffix(".png") ? "png" : "jpg"
        let reference = try referenceRead(data, ext: ext)
        let expected: Verdict = switch reference["state"] as? String {
        case "Trusted": .trusted
        case "Valid": .untrusted
        case "Invalid": .invalid
        default: .absent
        }
        let report = try ContentCredentials.verify(data)
        #expect(report.verdict == expected, "\(name)")
        let referenceFailures = Set(activeCodes(reference, "failure")).subtracting(["signingCredential.untrusted"])
        #expect(Set(report.blockingFailures.map(\.code)) == referenceFailures, "\(name)")
    }
}

import Crypto
import Foundation
import X509

/// Validates the manifests of one store (C2PA 2.2 ch. 15): claim, signature, certificate, hashed URIs, data hash, ingredients.
struct ManifestValidator {
    var store: ManifestStore
    var certificates: CertificateCheck
    /// The asset bytes and the range its store occupies, for the active manifest's hard binding.
    var asset: Data
    var storeRange: Range<Int>

    /// Validates one manifest; `isActive` adds the hard-binding check.
    func validate(_ manifest: JUMBFBox, isActive: Bool) -> ManifestReport {
        var report = ManifestReport(label: manifest.label ?? "(unlabelled)")
        let parts: ManifestParts
        do { parts = try ManifestParts(manifest) } catch {
            report.failure.append(ValidationStatus("claim.malformed", url: store.uri(ofManifest: report.label), error.description))
            return report
        }
        report.claimGenerator = parts.generator
        report.title = parts.claim["dc:title"]?.textValue
        summarize(parts, into: &report)
        checkSignature(parts, manifest: manifest, into: &report)
        checkAssertionHashes(parts, manifest: manifest, into: &report)
        if isActive { checkDataHash(parts, into: &report) }
        checkActionRules(parts, manifest: manifest, into: &report)
        checkIngredients(parts, into: &report)
        return report
    }

    private func summarize(_ parts: ManifestParts, into report: inout ManifestReport) {
        for label in parts.assertionLabels where label.hasPrefix("c2pa.actions") {
            for action in parts.assertion(labelled: label)?["actions"]?.arrayValue ?? [] {
                var when = action["when"]
                if case let .tagged(_, inner)? = when { when = inner }
                let agent = action["softwareAgent"]
                var parameters: [String: String] = [:]
                for pair in action["parameters"]?.mapValue ?? [] {
                    if let key = pair.key.textValue, let value = pair.value.scalarText { parameters[key] = value }
                }
                report.actions.append(ActionSummary(
                    action: action["action"]?.textValue ?? "(unnamed)",
                    description: action["description"]?.textValue ?? action["parameters"]?["description"]?.textValue,
                    digitalSourceType: action["digitalSourceType"]?.textValue,
                    softwareAgent: agent?.textValue ?? agent?["name"]?.textValue,
                    when: when?.textValue,
                    parameters: parameters.isEmpty ? nil : parameters))
            }
        }
        report.claimedTime = report.actions.compactMap(\.when).last
        if let json = parts.assertionStore?.child(labelled: "cawg.metadata")?.content(ofType: "json"),
           let object = try? JSONSerialization.jsonObject(with: Data(json.payload)) as? [String: Any] {
            for (key, value) in object where key != "@context" {
                if let text = value as? String { report.rights[key] = text }
                if let list = value as? [String] { report.rights[key] = list.joined(separator: "; ") }
            }
        }
        for label in parts.assertionLabels where label.hasPrefix("c2pa.ingredient") {
            guard let ingredient = parts.assertion(labelled: label) else { continue }
            let url = ingredient["activeManifest"]?["url"]?.textValue ?? ingredient["c2pa_manifest"]?["url"]?.textValue
            let recorded = ingredient["validationResults"]?["activeManifest"]?["failure"]?.arrayValue ?? []
            report.ingredients.append(IngredientSummary(
                relationship: ingredient["relationship"]?.textValue ?? "parentOf",
                title: ingredient["dc:title"]?.textValue,
                manifestLabel: url.flatMap { $0.split(separator: "/").last.map(String.init) },
                recordedFailures: recorded.compactMap { status in
                    status["code"]?.textValue.map { ValidationStatus($0, url: status["url"]?.textValue, status["explanation"]?.textValue) }
                }))
        }
    }

    private func checkSignature(_ parts: ManifestParts, manifest: JUMBFBox, into report: inout ManifestReport) {
        let sigURI = parts.claim["signature"]?.textValue ?? "self#jumbf=c2pa.signature"
        guard let sigBox = store.resolve(sigURI, in: manifest), sigBox.typeUUID == JUMBFType.signature,
              let cose = sigBox.content(ofType: "cbor") else {
            report.failure.append(ValidationStatus("claimSignature.missing", url: sigURI, "the claim's signature box was not found"))
            return
        }
        let parsed: COSESign1.Parsed
        do { parsed = try COSESign1.parse(Data(cose.payload)) } catch {
            report.failure.append(ValidationStatus("claimSignature.mismatch", url: sigURI, error.description))
            return
        }
        let chain: [Certificate]
        do { chain = try parsed.chain.map { try Certificate(derEncoded: Array($0)) } } catch {
            report.failure.append(ValidationStatus("signingCredential.invalid", url: sigURI, "the x5chain certificate is not valid DER"))
            return
        }
        let leaf = chain[0]
        report.signer = CertificateCheck.describe(leaf.subject)
        report.issuer = CertificateCheck.describe(leaf.issuer)
        let tbs = COSESign1.toBeSigned(protected: parsed.protectedBytes, payload: parts.claimBytes)
        if verifySignature(parsed, leaf: leaf, tbs: tbs) {
            report.success.append(ValidationStatus("claimSignature.validated", url: sigURI, "claim signature valid"))
        } else {
            report.failure.append(ValidationStatus("claimSignature.mismatch", url: sigURI, "the signature does not match the claim and certificate"))
        }
        if certificates.isWithinValidity(leaf) {
            report.success.append(ValidationStatus("claimSignature.insideValidity", url: sigURI, "claim signature inside validity"))
        } else {
            report.failure.append(ValidationStatus("signingCredential.expired", url: sigURI, "the signing certificate is outside its validity period"))
        }
        if let violation = certificates.profileViolation(leaf) {
            report.failure.append(ValidationStatus("signingCredential.invalid", url: sigURI, violation))
        } else if certificates.chainsToAnchor(chain) {
            report.success.append(ValidationStatus("signingCredential.trusted", url: sigURI, "signing certificate chains to a trust anchor"))
        } else {
            report.failure.append(ValidationStatus("signingCredential.untrusted", url: sigURI, "signing certificate is not on a trust list"))
        }
    }

    private func verifySignature(_ parsed: COSESign1.Parsed, leaf: Certificate, tbs: Data) -> Bool {
        switch parsed.algorithm ?? 0 {
        case -7:
            guard let key = P256.Signing.PublicKey(leaf.publicKey),
                  let sig = try? P256.Signing.ECDSASignature(rawRepresentation: parsed.signature) else { return false }
            return key.isValidSignature(sig, for: tbs)
        case -35:
            guard let key = P384.Signing.PublicKey(leaf.publicKey),
                  let sig = try? P384.Signing.ECDSASignature(rawRepresentation: parsed.signature) else { return false }
            return key.isValidSignature(sig, for: tbs)
        case -8:
            guard let key = Curve25519.Signing.PublicKey(leaf.publicKey) else { return false }
            return key.isValidSignature(parsed.signature, for: tbs)
        default:
            return false
        }
    }

    private func checkAssertionHashes(_ parts: ManifestParts, manifest: JUMBFBox, into report: inout ManifestReport) {
        var referenced = Set<String>()
        for ref in parts.assertionReferences {
            guard let url = ref["url"]?.textValue, let expected = ref["hash"]?.bytesValue else {
                report.failure.append(ValidationStatus("assertion.hashedURI.mismatch", "a hashed URI in the claim has no url or hash"))
                continue
            }
            let alg = ref["alg"]?.textValue ?? parts.claim["alg"]?.textValue ?? "sha256"
            guard let box = store.resolve(url, in: manifest) else {
                report.failure.append(ValidationStatus("assertion.missing", url: url, "the claim references an assertion that is not in the store"))
                continue
            }
            if let label = box.label { referenced.insert(label) }
            guard alg == "sha256" else {
                report.informational.append(ValidationStatus("algorithm.unsupported", url: url, "hash algorithm \(alg) is not checked"))
                continue
            }
            if box.contentHash == expected {
                report.success.append(ValidationStatus("assertion.hashedURI.match", url: url, "hashed uri matched"))
            } else {
                report.failure.append(ValidationStatus("assertion.hashedURI.mismatch", url: url, "the assertion's bytes do not match the hash in the claim"))
            }
        }
        for label in parts.assertionLabels where !referenced.contains(label) {
            report.failure.append(ValidationStatus("assertion.undeclared", url: "self#jumbf=c2pa.assertions/\(label)", "the assertion is not referenced by the claim"))
        }
    }

    private func checkDataHash(_ parts: ManifestParts, into report: inout ManifestReport) {
        let url = "self#jumbf=/c2pa/\(parts.label)/c2pa.assertions/c2pa.hash.data"
        guard let dataHash = parts.assertion(labelled: "c2pa.hash.data") else {
            let other = parts.assertionLabels.first { $0.hasPrefix("c2pa.hash.") }
            report.failure.append(ValidationStatus("claim.hardBindings.missing", url: url,
                other.map { "the hard binding \($0) is not supported by Echt" } ?? "the manifest has no c2pa.hash.data hard binding"))
            return
        }
        guard let expected = dataHash["hash"]?.bytesValue else {
            report.failure.append(ValidationStatus("assertion.dataHash.malformed", url: url, "c2pa.hash.data has no hash"))
            return
        }
        var ranges: [Range<Int>] = []
        for exclusion in dataHash["exclusions"]?.arrayValue ?? [] {
            guard let start = exclusion["start"]?.intValue, let length = exclusion["length"]?.intValue, start >= 0, length >= 0,
                  start <= asset.count, length <= asset.count - start else {
                report.failure.append(ValidationStatus("assertion.dataHash.mismatch", url: url, "an exclusion range lies outside the file"))
                return
            }
            ranges.append(start..<(start + length))
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        guard ranges.contains(where: { $0.contains(storeRange.lowerBound) && $0.upperBound >= storeRange.upperBound }) else {
            report.failure.append(ValidationStatus("assertion.dataHash.mismatch", url: url, "the exclusions do not cover the manifest store exactly"))
            return
        }
        var hasher = SHA256()
        var cursor = 0
        for range in ranges where range.lowerBound >= cursor {
            hasher.update(data: asset[(asset.startIndex + cursor)..<(asset.startIndex + range.lowerBound)])
            cursor = range.upperBound
        }
        hasher.update(data: asset[(asset.startIndex + cursor)...])
        if Data(hasher.finalize()) == expected {
            report.success.append(ValidationStatus("assertion.dataHash.match", url: url, "data hash valid"))
        } else {
            report.failure.append(ValidationStatus("assertion.dataHash.mismatch", url: url, "the image data was changed after signing"))
        }
    }

    /// C2PA 2.2 §15.10.3: a v2 claim's first action is `c2pa.opened` or `c2pa.created`; `opened` references a `parentOf`
    /// ingredient; at most one `parentOf` ingredient.
    private func checkActionRules(_ parts: ManifestParts, manifest: JUMBFBox, into report: inout ManifestReport) {
        let ingredientLabels = parts.assertionLabels.filter { $0.hasPrefix("c2pa.ingredient") }
        let parents = ingredientLabels.filter { parts.assertion(labelled: $0)?["relationship"]?.textValue == "parentOf" }
        if parents.count > 1 {
            report.failure.append(ValidationStatus("manifest.multipleParents", "the manifest has \(parents.count) parentOf ingredients"))
        }
        guard parts.claimBox.label == "c2pa.claim.v2",
              let actionsLabel = parts.assertionLabels.first(where: { $0.hasPrefix("c2pa.actions") }),
              let first = parts.assertion(labelled: actionsLabel)?["actions"]?.arrayValue?.first else { return }
        let url = "self#jumbf=/c2pa/\(parts.label)/c2pa.assertions/\(actionsLabel)"
        let name = first["action"]?.textValue
        guard name == "c2pa.opened" || name == "c2pa.created" else {
            report.failure.append(ValidationStatus("assertion.action.malformed", url: url,
                                                   "the first action is \(name ?? "missing"), not c2pa.opened or c2pa.created"))
            return
        }
        guard name == "c2pa.opened" else { return }
        let references = first["parameters"]?["ingredients"]?.arrayValue ?? first["parameters"]?["ingredient"].map { [$0] } ?? []
        let pointsAtParent = references.contains { ref in
            guard let target = ref["url"]?.textValue, let box = store.resolve(target, in: manifest), let label = box.label else { return false }
            return parents.contains(label)
        }
        if !pointsAtParent {
            report.failure.append(ValidationStatus("assertion.action.ingredientMismatch", url: url,
                                                   "c2pa.opened does not reference the parentOf ingredient"))
        }
    }

    private func checkIngredients(_ parts: ManifestParts, into report: inout ManifestReport) {
        for label in parts.assertionLabels where label.hasPrefix("c2pa.ingredient") {
            guard let ingredient = parts.assertion(labelled: label),
                  let ref = ingredient["activeManifest"] ?? ingredient["c2pa_manifest"],
                  let url = ref["url"]?.textValue, let expected = ref["hash"]?.bytesValue else { continue }
            let manifestLabel = url.split(separator: "/").last.map(String.init) ?? ""
            guard let target = store.manifest(labelled: manifestLabel) else {
                report.failure.append(ValidationStatus("ingredient.manifest.missing", url: url, "the ingredient's manifest is not in the store"))
                continue
            }
            if target.contentHash == expected {
                report.success.append(ValidationStatus("ingredient.manifest.validated", url: url, "ingredient hash matched"))
            } else {
                report.failure.append(ValidationStatus("ingredient.manifest.mismatch", url: url, "the ingredient's manifest was changed"))
            }
            if let signatureRef = ingredient["claimSignature"], let signatureURL = signatureRef["url"]?.textValue,
               let signatureHash = signatureRef["hash"]?.bytesValue {
                if store.resolve(signatureURL, in: target)?.contentHash == signatureHash {
                    report.success.append(ValidationStatus("ingredient.claimSignature.validated", url: signatureURL, "ingredient claim signature matched"))
                } else {
                    report.failure.append(ValidationStatus("ingredient.claimSignature.mismatch", url: signatureURL, "the ingredient's signature box was changed"))
                }
            }
        }
    }
}

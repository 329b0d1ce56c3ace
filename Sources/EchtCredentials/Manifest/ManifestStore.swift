import Foundation

/// A parsed C2PA manifest store: the `c2pa` superbox and its manifests (C2PA 2.2 §11.1).
struct ManifestStore {
    /// The store superbox.
    var root: JUMBFBox
    /// Manifest superboxes in store order; the last one is active.
    var manifests: [JUMBFBox]

    init(_ data: Data) throws(CredentialsError) {
        root = try JUMBFReader().parseSuperBox(data)
        guard root.typeUUID == JUMBFType.store else { throw .invalidManifest("the JUMBF superbox is not a C2PA manifest store") }
        manifests = root.children.filter { $0.type == "jumb" && $0.typeUUID.map(JUMBFType.isManifest) == true }
        guard !manifests.isEmpty else { throw .invalidManifest("the manifest store holds no manifest") }
    }

    /// The active manifest (the last one).
    var active: JUMBFBox { manifests[manifests.count - 1] }

    /// The manifest with the given label.
    func manifest(labelled label: String) -> JUMBFBox? { manifests.last { $0.label == label } }

    /// Resolves a `self#jumbf=` URI, absolute (`/c2pa/…`) or relative to `manifest`.
    func resolve(_ uri: String, in manifest: JUMBFBox) -> JUMBFBox? {
        guard let range = uri.range(of: "self#jumbf=") else { return nil }
        let path = String(uri[range.upperBound...])
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var node: JUMBFBox
        if path.hasPrefix("/") {
            guard components.first == root.label else { return nil }
            components.removeFirst()
            node = root
        } else {
            node = manifest
        }
        for component in components {
            guard let next = node.children.last(where: { $0.label == component }) else { return nil }
            node = next
        }
        return node
    }

    /// The absolute URI of a manifest.
    func uri(ofManifest label: String) -> String { "self#jumbf=/c2pa/\(label)" }
}

/// The pieces of one manifest superbox.
struct ManifestParts {
    var label: String
    var assertionStore: JUMBFBox?
    var claimBox: JUMBFBox
    var claimBytes: Data
    var claim: CBOR

    init(_ manifest: JUMBFBox) throws(CredentialsError) {
        label = manifest.label ?? ""
        guard manifest.typeUUID != JUMBFType.compressedManifest else {
            throw .invalidManifest("manifest \(label) is Brotli-compressed (c2cm), which Echt cannot read yet")
        }
        assertionStore = manifest.children.first { $0.typeUUID == JUMBFType.assertionStore }
        if let named = manifest.child(labelled: "c2pa.assertions"), named.typeUUID != JUMBFType.assertionStore {
            throw .invalidManifest("the assertion store of \(label) has the wrong type UUID")
        }
        guard assertionStore != nil else { throw .invalidManifest("manifest \(label) has no assertion store") }
        let claims = manifest.children.filter {
            $0.typeUUID == JUMBFType.claim && ($0.label == "c2pa.claim.v2" || $0.label == "c2pa.claim")
        }
        guard claims.count == 1, let box = claims.first else {
            throw .invalidManifest(claims.isEmpty ? "manifest \(label) has no claim (claim.missing)" : "manifest \(label) has several claims (claim.multiple)")
        }
        claimBox = box
        guard let content = box.content(ofType: "cbor") else { throw .invalidManifest("the claim of \(label) has no CBOR box") }
        claimBytes = Data(content.payload)
        do { claim = try CBORDecoder().decode(claimBytes) } catch {
            throw .invalidManifest("the claim of \(label) is not valid CBOR (\(error.description))")
        }
        guard claim.mapValue != nil else { throw .invalidManifest("the claim of \(label) is not a CBOR map") }
    }

    /// The hashed URIs the claim references (v2 created + gathered, or v1 `assertions`).
    var assertionReferences: [CBOR] {
        (claim["created_assertions"]?.arrayValue ?? []) + (claim["gathered_assertions"]?.arrayValue ?? [])
            + (claim["assertions"]?.arrayValue ?? [])
    }

    /// The decoded CBOR content of an assertion in this manifest's assertion store, if present.
    func assertion(labelled label: String) -> CBOR? {
        guard let box = assertionStore?.child(labelled: label), let content = box.content(ofType: "cbor") else { return nil }
        return try? CBORDecoder().decode(Data(content.payload))
    }

    /// Assertion labels in store order.
    var assertionLabels: [String] { assertionStore?.children.compactMap(\.label) ?? [] }

    /// The generator as "name version".
    var generator: String? {
        if let info = claim["claim_generator_info"] {
            let first = info.arrayValue?.first ?? info
            if let name = first["name"]?.textValue {
                return [name, first["version"]?.textValue].compactMap { $0 }.joined(separator: " ")
            }
        }
        return claim["claim_generator"]?.textValue
    }
}

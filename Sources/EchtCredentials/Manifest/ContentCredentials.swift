import Crypto
import Foundation

/// Signs JPEG and PNG files with C2PA Content Credentials and IPTC/XMP metadata, and verifies them.
///
/// Signing order (fixed): strip old store/XMP/Exif → insert XMP → build assertions (ingredient, actions, data-hash
/// placeholder) → reserve the exact COSE size → embed the store → hash the file minus the store → patch → sign.
public enum ContentCredentials {
    /// Signs an encoded JPEG or PNG written by the studio and returns the signed file.
    ///
    /// - Parameters:
    ///   - data: the encoded output image (any existing C2PA store, XMP and Exif are replaced; GPS is never written).
    ///   - format: the output's format.
    ///   - parent: the original input file; its own C2PA manifests are carried into the output's store.
    ///   - actions: every edit, in order (`c2pa.opened` is added first automatically; the manifest declares `allActionsIncluded`).
    ///   - digitalSourceType: the file-level IPTC value for the XMP; must not be one platforms read as AI.
    ///   - metadata: creator, copyright, credit, software, model release.
    ///   - identity: the signing key and certificate chain.
    ///   - title: the output file name for `dc:title`.
    public static func sign(_ data: Data, format: AssetFormat, parent: ParentIngredient, actions: [EditAction],
                            digitalSourceType: DigitalSourceType, metadata: IPTCMetadata, identity: SigningIdentity,
                            title: String? = nil, generator: ClaimGenerator = .echt, now: Date = Date()) throws(CredentialsError) -> Data {
        guard !digitalSourceType.readAsAIByPlatforms else { throw .disallowedSourceType(digitalSourceType.uri) }
        let instanceID = "xmp.iid:" + UUID().uuidString.lowercased()
        let xmp = try XMPPacket.make(metadata: metadata, digitalSourceType: digitalSourceType, instanceID: instanceID)
        let prepared = try AssetContainer.prepare(data, format: format, xmp: xmp)
        var builder = ManifestBuilder(label: "urn:c2pa:" + UUID().uuidString.lowercased(), generator: generator, identity: identity)
        builder.addParent(parent)
        builder.addActions(actions, when: timestamp(now))
        builder.addRightsMetadata(metadata)
        return try builder.finish(prepared, format: format, instanceID: instanceID, title: title)
    }

    /// RFC 3339 UTC time with seconds.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// Assembles one manifest and embeds it (brief §7.3 variant A: fixed-width exclusion integers, exact COSE size).
struct ManifestBuilder {
    var label: String
    var generator: ClaimGenerator
    var identity: SigningIdentity
    /// Copied verbatim from the parent's store, in order.
    var parentStoreChildren: [Data] = []
    /// Assertion superboxes in order (ingredient, actions, then the hash is added at the end).
    var assertions: [(label: String, box: Data)] = []
    /// Internal seam for tests: rewrites the actions list before signing (to build rule-breaking files).
    var rewriteActions: (@Sendable ([CBOR]) -> [CBOR])?

    init(label: String, generator: ClaimGenerator, identity: SigningIdentity) {
        self.label = label
        self.generator = generator
        self.identity = identity
    }

    private var ingredientReference: CBOR? {
        guard let entry = assertions.first(where: { $0.label == "c2pa.ingredient.v3" }) else { return nil }
        return hashedURI(entry.label, entry.box)
    }

    private func hashedURI(_ assertionLabel: String, _ box: Data) -> CBOR {
        .textMap(["url": .text("self#jumbf=c2pa.assertions/\(assertionLabel)"), "hash": .bytes(Data(SHA256.hash(data: box.dropFirst(8))))])
    }

    /// Adds the parent ingredient (worked out once per photo by `ParentIngredient`) and carries
    /// the parent's own store into this one.
    mutating func addParent(_ parent: ParentIngredient) {
        parentStoreChildren = parent.storeChildren
        assertions.append(("c2pa.ingredient.v3", parent.assertion))
    }

    mutating func addActions(_ edits: [EditAction], when: String) {
        var opened: [CBORPair] = [
            CBORPair(.text("action"), .text("c2pa.opened")), CBORPair(.text("when"), .tagged(0, .text(when))),
            CBORPair(.text("softwareAgent"), generator.cbor),
        ]
        if let reference = ingredientReference {
            opened.append(CBORPair(.text("parameters"), .textMap(["ingredients": .array([reference])])))
        }
        var list = [CBOR.map(opened)] + edits.map { $0.cbor(agent: generator, when: when) }
        if let rewriteActions { list = rewriteActions(list) }
        let item = CBOR.textMap(["actions": .array(list), "allActionsIncluded": .bool(true)])
        assertions.append(("c2pa.actions.v2", JUMBFWriter.cborAssertion(label: "c2pa.actions.v2", item)))
    }

    /// Creator, rights and model release as a signed `cawg.metadata` JSON-LD assertion (brief §14.4; `c2pa.metadata`
    /// does not allow these fields). Skipped when none is set.
    mutating func addRightsMetadata(_ metadata: IPTCMetadata) {
        var object: [String: Any] = [:]
        var context: [String: String] = [:]
        if let creator = metadata.creator { object["dc:creator"] = [creator]; context["dc"] = "http://purl.org/dc/elements/1.1/" }
        if let rights = metadata.copyright { object["dc:rights"] = rights; context["dc"] = "http://purl.org/dc/elements/1.1/" }
        if let credit = metadata.credit { object["photoshop:Credit"] = credit; context["photoshop"] = "http://ns.adobe.com/photoshop/1.0/" }
        if let release = metadata.modelRelease {
            object["plus:ModelReleaseStatus"] = release.uri
            context["plus"] = "http://ns.useplus.org/ldf/xmp/1.0/"
        }
        guard !object.isEmpty else { return }
        object["@context"] = context
        guard let json = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        let box = JUMBFWriter.superBox(type: JUMBFType.json, label: "cawg.metadata", children: [JUMBFWriter.box("json", json)])
        assertions.append(("cawg.metadata", box))
    }

    static func dataHash(start: Int, length: Int, hash: Data) -> Data {
        JUMBFWriter.cborAssertion(label: "c2pa.hash.data", .textMap([
            "exclusions": .array([.textMap(["start": .fixedWidthUnsigned(UInt32(start)), "length": .fixedWidthUnsigned(UInt32(length))])]),
            "name": .text("jumbf manifest"), "alg": .text("sha256"), "hash": .bytes(hash), "pad": .bytes(Data()),
        ]))
    }

    private func claim(instanceID: String, title: String?, all: [(label: String, box: Data)]) -> Data {
        var pairs: [(String, CBOR)] = [
            ("instanceID", .text(instanceID)),
            ("claim_generator_info", generator.cbor),
            ("signature", .text("self#jumbf=/c2pa/\(label)/c2pa.signature")),
            ("created_assertions", .array(all.map { hashedURI($0.label, $0.box) })),
            ("alg", .text("sha256")),
        ]
        if let title { pairs.append(("dc:title", .text(title))) }
        return CBOR.deterministicMap(pairs).encoded()
    }

    private func store(assertions all: [(label: String, box: Data)], claim: Data, signature: Data) -> Data {
        let manifest = JUMBFWriter.superBox(type: JUMBFType.manifest, label: label, children: [
            JUMBFWriter.superBox(type: JUMBFType.assertionStore, label: "c2pa.assertions", children: all.map(\.box)),
            JUMBFWriter.superBox(type: JUMBFType.claim, label: "c2pa.claim.v2", children: [JUMBFWriter.box("cbor", claim)]),
            JUMBFWriter.superBox(type: JUMBFType.signature, label: "c2pa.signature", children: [JUMBFWriter.box("cbor", signature)]),
        ])
        return JUMBFWriter.superBox(type: JUMBFType.store, label: "c2pa", children: parentStoreChildren + [manifest])
    }

    func finish(_ prepared: Data, format: AssetFormat, instanceID: String, title: String?) throws(CredentialsError) -> Data {
        let signatureSize = COSESign1.size(for: identity)
        var all = assertions + [("c2pa.hash.data", Self.dataHash(start: 0, length: 0, hash: Data(count: 32)))]
        let placeholder = store(assertions: all, claim: claim(instanceID: instanceID, title: title, all: all), signature: Data(count: signatureSize))
        let (embedded, range) = try AssetContainer.embed(store: placeholder, in: prepared, format: format)
        var hasher = SHA256()
        hasher.update(data: embedded[embedded.startIndex..<(embedded.startIndex + range.lowerBound)])
        hasher.update(data: embedded[(embedded.startIndex + range.upperBound)...])
        all[all.count - 1].box = Self.dataHash(start: range.lowerBound, length: range.count, hash: Data(hasher.finalize()))
        let claimBytes = claim(instanceID: instanceID, title: title, all: all)
        let signature = try COSESign1.sign(claim: claimBytes, identity: identity)
        let final = store(assertions: all, claim: claimBytes, signature: signature)
        guard final.count == placeholder.count, signature.count == signatureSize else {
            throw .invalidManifest("internal: the signed store changed size (\(placeholder.count) → \(final.count))")
        }
        let (signed, finalRange) = try AssetContainer.embed(store: final, in: prepared, format: format)
        guard finalRange == range else { throw .invalidManifest("internal: the store moved while signing") }
        return signed
    }
}

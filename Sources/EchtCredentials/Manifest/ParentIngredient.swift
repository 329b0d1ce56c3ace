import Foundation

/// The original input photo, recorded as the `parentOf` ingredient.
///
/// Everything the ingredient assertion takes from the photo (its XMP instance ID, its own C2PA
/// store and that store's validation, which hashes the whole file) is worked out once, when the
/// ingredient is made: one value can sign every output made from the photo.
public struct ParentIngredient: Sendable {
    /// The original file's bytes exactly as read (so its own C2PA store can be carried over).
    public let data: Data
    /// The original file name.
    public let title: String
    /// The original file's format, or nil for formats without C2PA embedding support here (e.g. HEIC).
    public let format: AssetFormat?
    /// The `c2pa.ingredient.v3` assertion box.
    let assertion: Data
    /// The boxes of the parent's own C2PA store, copied verbatim into the output's store, in order.
    let storeChildren: [Data]

    /// Creates a parent ingredient; reads and validates the photo's own credentials, if any.
    public init(data: Data, title: String, format: AssetFormat?) {
        self.data = data
        self.title = title
        self.format = format
        let mimeType = Self.mimeType(format: format, title: title)
        var pairs: [(String, CBOR)] = [
            ("relationship", .text("parentOf")), ("dc:title", .text(title)), ("dc:format", .text(mimeType)),
            ("instanceID", .text(XMPPacket.instanceID(in: data) ?? "xmp.iid:" + UUID().uuidString.lowercased())),
        ]
        var children: [Data] = []
        if let format,
           let embedded = try? AssetContainer.findStore(in: data, format: format),
           let store = try? ManifestStore(embedded.store),
           let report = try? ContentCredentials.verify(data) {
            children = store.root.children.map { Data($0.raw) }
            let active = store.active
            let activeLabel = active.label ?? ""
            let manifestURI = "self#jumbf=/c2pa/\(activeLabel)"
            pairs.append(("activeManifest", .textMap(["url": .text(manifestURI), "alg": .text("sha256"), "hash": .bytes(active.contentHash)])))
            if let signature = active.children.first(where: { $0.typeUUID == JUMBFType.signature }) {
                pairs.append(("claimSignature", .textMap([
                    "url": .text(manifestURI + "/" + (signature.label ?? "c2pa.signature")), "alg": .text("sha256"),
                    "hash": .bytes(signature.contentHash),
                ])))
            }
            let results = report.active ?? ManifestReport(label: activeLabel)
            pairs.append(("validationResults", .textMap(["activeManifest": .textMap([
                "success": .array(results.success.map(\.cbor)),
                "informational": .array(results.informational.map(\.cbor)),
                "failure": .array(results.failure.map(\.cbor)),
            ])])))
        }
        storeChildren = children
        assertion = JUMBFWriter.cborAssertion(label: "c2pa.ingredient.v3", CBOR.map(pairs.map { CBORPair(.text($0.0), $0.1) }))
    }

    /// The MIME type for `dc:format`: from the format, else from the file name's extension.
    static func mimeType(format: AssetFormat?, title: String) -> String {
        if let format { return format.mimeType }
        let ext = (title as NSString).pathExtension.lowercased()
        return ["heic": "image/heic", "heif": "image/heif", "webp": "image/webp", "tif": "image/tiff", "tiff": "image/tiff"][ext]
            ?? "application/octet-stream"
    }
}

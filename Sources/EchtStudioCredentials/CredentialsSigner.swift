import EchtCredentials
import EchtImaging
import EchtStudio
import Foundation

/// Signs every studio output with Content Credentials: the studio's edit record becomes
/// `c2pa.actions.v2`, the input photo the parent ingredient, plus IPTC/XMP metadata.
public struct CredentialsSigner: OutputSigner {
    /// The key and certificate chain that sign.
    public let identity: SigningIdentity
    /// Creator, copyright, credit and model release written into every file.
    public let metadata: IPTCMetadata

    /// Creates a signer.
    public init(identity: SigningIdentity, metadata: IPTCMetadata) {
        self.identity = identity
        self.metadata = metadata
    }

    /// Signs `encoded` (a JPEG or PNG) made from `source` by `edits`.
    public func sign(_ encoded: Data, format: OutputFormat, edits: [EchtStudio.EditAction], source: URL) throws -> Data {
        let assetFormat: AssetFormat
        switch format {
        case .jpeg: assetFormat = .jpeg
        case .png: assetFormat = .png
        default: return encoded
        }
        let original = try Data(contentsOf: source)
        let actions = edits.compactMap(Self.credentialsAction)
        let replacedBackground = edits.contains { $0.digitalSourceType != nil }
        return try ContentCredentials.sign(
            encoded, format: assetFormat,
            parent: ParentIngredient(data: original, title: source.lastPathComponent, format: AssetFormat.detect(original)),
            actions: actions,
            digitalSourceType: .forEchtOutput(replacedBackground: replacedBackground),
            metadata: metadata, identity: identity)
    }

    /// The manifest action for one studio edit (`c2pa.opened` is added by the signer itself).
    /// Studio parameter keys are plain (`width`); the manifest namespaces them (`com.echt.width`).
    static func credentialsAction(_ edit: EchtStudio.EditAction) -> EchtCredentials.EditAction? {
        if edit.action == "c2pa.opened" { return nil }
        var parameters: [String: ActionParameter] = [:]
        for (key, value) in edit.parameters {
            parameters["com.echt." + key] = Double(value).map(ActionParameter.double) ?? .text(value)
        }
        if edit.digitalSourceType != nil {
            var rest = parameters
            rest["com.echt.backdrop"] = nil
            return .backgroundReplaced(backdrop: edit.parameters["backdrop"] ?? "studio", description: edit.description, parameters: rest)
        }
        return EchtCredentials.EditAction(action: edit.action, description: edit.description, parameters: parameters)
    }
}

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

    /// A note when `source` carries Content Credentials that do not hold (its pixels changed
    /// after signing, say): its headshots record them as its ingredient's validation results.
    public func notes(onInput source: URL) -> [String] { Self.notes(onInput: source) }

    /// `notes(onInput:)`, needing no key.
    public static func notes(onInput source: URL) -> [String] {
        guard let data = try? Data(contentsOf: source), let report = try? ContentCredentials.verify(data),
              report.verdict == .invalid, let failure = report.blockingFailures.first ?? report.active?.failure.first else { return [] }
        return ["The photo's own Content Credentials are broken (\(failure.explanation ?? failure.code)); its headshots record that, and echt verify shows it."]
    }

    /// Reads the input photo once: its bytes, instance ID and own credentials become the parent
    /// ingredient of every output signed by the returned function.
    public func signer(forOutputsOf source: URL) throws -> SignOutput {
        let original = try Data(contentsOf: source)
        let parent = ParentIngredient(data: original, title: source.lastPathComponent, format: AssetFormat.detect(original))
        let identity = identity, metadata = metadata
        return { encoded, format, edits in
            let assetFormat: AssetFormat
            switch format {
            case .jpeg: assetFormat = .jpeg
            case .png: assetFormat = .png
            default: return encoded
            }
            return try ContentCredentials.sign(
                encoded, format: assetFormat, parent: parent,
                actions: edits.compactMap(Self.credentialsAction),
                digitalSourceType: .forEchtOutput(replacedBackground: edits.contains { $0.digitalSourceType != nil }),
                metadata: metadata, identity: identity)
        }
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

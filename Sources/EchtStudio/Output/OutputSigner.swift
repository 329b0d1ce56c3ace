import EchtImaging
import Foundation

/// The seam where Content Credentials are added: takes the encoded bytes of one output and the
/// edits that made it, and returns the signed bytes. EchtCredentials provides the real one;
/// without a signer, files are written unsigned.
public protocol OutputSigner: Sendable {
    /// Signs `encoded` (a JPEG or PNG) made from `source` by `edits`.
    func sign(_ encoded: Data, format: OutputFormat, edits: [EditAction], source: URL) throws -> Data
}

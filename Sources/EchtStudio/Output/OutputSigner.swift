import EchtImaging
import Foundation

/// The seam where Content Credentials are added. EchtStudioCredentials provides the real one;
/// without a signer, files are written unsigned.
public protocol OutputSigner: Sendable {
    /// Reads what the credentials take from the input photo `source` (its bytes, its own
    /// credentials) once, and returns the function that signs every output made from it.
    func signer(forOutputsOf source: URL) throws -> SignOutput

    /// Plain-language notes on the input photo's own credentials for the run's report (that they
    /// are broken, say); none when it has none or they hold.
    func notes(onInput source: URL) -> [String]
}

extension OutputSigner {
    /// No notes.
    public func notes(onInput source: URL) -> [String] { [] }
}

/// Signs the encoded bytes of one output (a JPEG or PNG) made by `edits` and returns the signed
/// bytes.
public typealias SignOutput = @Sendable (_ encoded: Data, _ format: OutputFormat, _ edits: [EditAction]) throws -> Data

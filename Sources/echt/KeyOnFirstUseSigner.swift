import EchtCredentials
import EchtStudio
import EchtStudioCredentials
import Foundation

/// Signs with the default studio key, loading it (or creating it, with a notice) only when the
/// first output is about to be signed, so a run whose photos all fail to decode leaves no key
/// behind.
final class KeyOnFirstUseSigner: OutputSigner, @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: CredentialsSigner?

    /// Reads `source` for the credentials once the key is at hand.
    func signer(forOutputsOf source: URL) throws -> SignOutput {
        try credentialsSigner().signer(forOutputsOf: source)
    }

    /// The input's credential notes, without loading the key.
    func notes(onInput source: URL) -> [String] { CredentialsSigner.notes(onInput: source) }

    private func credentialsSigner() throws -> CredentialsSigner {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let (identity, created) = try SigningIdentity.loadOrCreateDefault()
        if created { FileHandle.standardError.write(Data((KeyStore.default.firstUseNotice + "\n").utf8)) }
        let signer = CredentialsSigner(identity: identity, metadata: IPTCMetadata(software: "Echt \(EchtVersion.string)"))
        loaded = signer
        return signer
    }
}

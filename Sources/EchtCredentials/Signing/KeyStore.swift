import Crypto
import Foundation

/// Where Echt keeps its signing keys: `$ECHT_CONFIG_DIR/keys`, else `$XDG_CONFIG_HOME/echt/keys`, else `~/.config/echt/keys`.
public struct KeyStore: Sendable {
    /// The keys folder.
    public var directory: URL

    /// A store at an explicit folder.
    public init(directory: URL) { self.directory = directory }

    /// The default store for this user.
    public static var `default`: KeyStore {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["ECHT_CONFIG_DIR"], !dir.isEmpty {
            return KeyStore(directory: URL(fileURLWithPath: dir).appendingPathComponent("keys"))
        }
        if let xdg = env["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return KeyStore(directory: URL(fileURLWithPath: xdg).appendingPathComponent("echt/keys"))
        }
        return KeyStore(directory: FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config/echt/keys"))
    }

    /// The private key file.
    public var keyURL: URL { directory.appendingPathComponent(StudioKeys.keyFileName) }
    /// The signer certificate file.
    public var certificateURL: URL { directory.appendingPathComponent(StudioKeys.certificateFileName) }
    /// The root certificate file (the trust anchor to share).
    public var rootURL: URL { directory.appendingPathComponent(StudioKeys.rootFileName) }

    /// The one-line notice to print when `loadOrCreateDefault` created a fresh key.
    public var firstUseNotice: String {
        "Created a Content Credentials signing key in \(directory.path) (share \(StudioKeys.rootFileName) so others can trust your files)."
    }

    /// Whether a key and certificate exist.
    public var exists: Bool {
        FileManager.default.fileExists(atPath: keyURL.path) && FileManager.default.fileExists(atPath: certificateURL.path)
    }

    /// Loads the stored identity.
    public func load() throws(CredentialsError) -> SigningIdentity {
        try SigningIdentity.load(keyPEM: keyURL, certificatePEM: certificateURL)
    }

    /// Generates a new chain and writes it with 0600 files in a 0700 folder; refuses to overwrite unless `force`.
    @discardableResult
    public func create(studioName: String = "Echt Studio", force: Bool = false) throws(CredentialsError) -> SigningIdentity {
        if exists, !force {
            throw .keysExist(path: directory.path)
        }
        let generated = try StudioKeys.generate(studioName: studioName)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try write(generated.identity.privateKey.pemRepresentation + "\n", to: keyURL)
            try write(generated.signerPEM + "\n" + generated.rootPEM + "\n", to: certificateURL)
            try write(generated.rootPEM + "\n", to: rootURL)
        } catch {
            throw .keyStorage(path: directory.path, reason: error.localizedDescription)
        }
        return generated.identity
    }

    /// Validates a studio's own PEM key and certificate chain and copies them into the store (0600).
    @discardableResult
    public func importPEM(key: URL, certificate: URL, force: Bool = false) throws(CredentialsError) -> SigningIdentity {
        if exists, !force {
            throw .keysExist(path: directory.path)
        }
        let identity = try SigningIdentity.load(keyPEM: key, certificatePEM: certificate)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try write(identity.privateKey.pemRepresentation + "\n", to: keyURL)
            try write(try String(contentsOf: certificate, encoding: .utf8), to: certificateURL)
        } catch {
            throw .keyStorage(path: directory.path, reason: error.localizedDescription)
        }
        return identity
    }

    private func write(_ text: String, to url: URL) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
        guard fm.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CredentialsError.keyStorage(path: url.path, reason: "the file could not be created")
        }
    }
}

extension SigningIdentity {
    /// Loads the default identity, creating a fresh studio key on first use; `created` tells the caller to print a notice.
    public static func loadOrCreateDefault(store: KeyStore = .default) throws(CredentialsError) -> (identity: SigningIdentity, created: Bool) {
        if store.exists { return (try store.load(), false) }
        return (try store.create(), true)
    }
}

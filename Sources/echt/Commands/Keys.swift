import ArgumentParser
import EchtCredentials
import Foundation

/// `echt keys`: manage the studio signing key used for Content Credentials.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the key that signs Content Credentials.",
        subcommands: [Init.self, Show.self]
    )

    /// `echt keys init`: create a studio root CA and signing certificate.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an ES256 signing key and a local studio certificate chain (files are 0600).",
            discussion: "Keys go to $ECHT_CONFIG_DIR/keys, else ~/.config/echt/keys. Share studio-root.cert.pem with people who should trust your files."
        )

        @Option(help: "Studio name written into the certificates.")
        var studio = "Echt Studio"

        @Flag(help: "Replace existing keys.")
        var force = false

        @OptionGroup var files: KeyFileOptions

        func run() async throws {
            try await reportingErrors { try makeKeys() }
        }

        private func makeKeys() throws {
            let store = KeyStore.default
            if let key = files.key, let cert = files.cert {
                let identity = try store.importPEM(key: URL(fileURLWithPath: key), certificate: URL(fileURLWithPath: cert), force: force)
                print("Imported signing key for \(identity.signerCertificate.subject) into \(store.directory.path)")
                return
            }
            let identity = try store.create(studioName: studio, force: force)
            print("Created signing key for \"\(studio)\" in \(store.directory.path)")
            print("  signer: \(identity.signerCertificate.subject)")
            print("  trust anchor to share: \(store.rootURL.path)")
        }
    }

    /// `echt keys show`: print where the key is and who it names.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the signing key in use.")

        @OptionGroup var files: KeyFileOptions

        func run() async throws {
            try await reportingErrors { try show() }
        }

        private func show() throws {
            let identity: SigningIdentity
            if let key = files.key, let cert = files.cert {
                identity = try SigningIdentity.load(keyPEM: URL(fileURLWithPath: key), certificatePEM: URL(fileURLWithPath: cert))
            } else {
                guard FileManager.default.fileExists(atPath: KeyStore.default.keyURL.path) else { throw NoKeyYet(folder: KeyStore.default.directory.path) }
                identity = try KeyStore.default.load()
                print("keys: \(KeyStore.default.directory.path)")
            }
            let leaf = identity.signerCertificate
            print("signer: \(leaf.subject)")
            print("issuer: \(leaf.issuer)")
            print("valid:  \(leaf.notValidBefore) – \(leaf.notValidAfter)")
        }
    }
}

/// `--key`/`--cert`: a studio's own PEM key and certificate chain, used by `keys init` and `keys show`.
struct KeyFileOptions: ParsableArguments {
    @Option(help: "A PEM private key (ES256) to use instead of the default studio key; needs --cert.")
    var key: String?

    @Option(help: "PEM certificate chain (signer first) belonging to --key.")
    var cert: String?

    func validate() throws {
        if (key == nil) != (cert == nil) { throw ValidationError("--key and --cert must be given together.") }
    }
}

/// `echt keys show` before any key was made.
struct NoKeyYet: Error, CustomStringConvertible {
    /// The folder the key would be in.
    let folder: String

    var description: String {
        "There is no signing key in \(folder) yet. Run `echt keys init` to make one (echt studio makes one the first time it signs)."
    }
}

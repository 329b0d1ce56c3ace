import Foundation
import Testing
import X509
@testable import EchtCredentials

@Suite struct KeysTests {
    private func temporaryStore() -> KeyStore {
        KeyStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("echt-keys-\(UUID().uuidString)/keys"))
    }

    @Test func createWritesPrivateFilesAndReloads() throws {
        let store = temporaryStore()
        let created = try store.create(studioName: "Keys Test")
        for url in [store.keyURL, store.certificateURL, store.rootURL] {
            let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(url.lastPathComponent)")
        }
        let loaded = try store.load()
        #expect(loaded.certificateChain == created.certificateChain)
        #expect(loaded.privateKey.rawRepresentation == created.privateKey.rawRepresentation)
        #expect(throws: CredentialsError.self) { try store.create() }
    }

    @Test func loadOrCreateReportsFirstUse() throws {
        let store = temporaryStore()
        let first = try SigningIdentity.loadOrCreateDefault(store: store)
        let second = try SigningIdentity.loadOrCreateDefault(store: store)
        #expect(first.created && !second.created)
        #expect(first.identity.certificateChain == second.identity.certificateChain)
    }

    @Test func signerCertificateHasTheC2PAProfile() throws {
        let leaf = SignedSamples.studio.identity.signerCertificate
        let check = CertificateCheck(anchors: try CertificateCheck.anchors(fromPEM: SignedSamples.studio.rootPEM), now: Date())
        #expect(check.profileViolation(leaf) == nil)
        let eku = try #require(try leaf.extensions.extendedKeyUsage)
        #expect(eku.contains(.emailProtection) && eku.contains(StudioKeys.c2paClaimSigning))
        #expect(try leaf.extensions.authorityKeyIdentifier != nil)
        #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority)
        #expect(check.chainsToAnchor([leaf]))
        #expect(!CertificateCheck(anchors: [], now: Date()).chainsToAnchor([leaf]))
    }

    @Test func rootIsRefusedAsSigner() throws {
        let root = try #require(try CertificateCheck.anchors(fromPEM: SignedSamples.studio.rootPEM).first)
        #expect(CertificateCheck(anchors: [], now: Date()).profileViolation(root) != nil)
    }

    @Test func mismatchedKeyIsRejected() {
        let other = try! StudioKeys.generate()
        #expect(throws: CredentialsError.self) {
            try SigningIdentity(privateKey: other.identity.privateKey, certificateChain: SignedSamples.studio.identity.certificateChain)
        }
    }
}

@Suite struct KeyImportTests {
    @Test func importedPEMFilesSignAndStayPrivate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("echt-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = dir.appendingPathComponent("k.pem"), cert = dir.appendingPathComponent("c.pem")
        try Data(SignedSamples.studio.identity.privateKey.pemRepresentation.utf8).write(to: key)
        try Data((SignedSamples.studio.signerPEM + "\n" + SignedSamples.studio.rootPEM).utf8).write(to: cert)
        let store = KeyStore(directory: dir.appendingPathComponent("keys"))
        let identity = try store.importPEM(key: key, certificate: cert)
        #expect(identity.certificateChain == SignedSamples.studio.identity.certificateChain, "the root is dropped from x5chain")
        #expect(try FileManager.default.attributesOfItem(atPath: store.keyURL.path)[.posixPermissions] as? Int == 0o600)
        #expect(throws: CredentialsError.self) {
            try store.importPEM(key: cert, certificate: cert, force: true)
        }
    }
}

@Suite struct KeyStorageErrorTests {
    /// Making keys where there are some already is refused in one sentence that names the fix
    /// (not "Check permissions", which was appended to every storage error).
    @Test func existingKeysAreNamedAsSuch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("echt-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = KeyStore(directory: dir)
        _ = try store.create(studioName: "Test Studio")
        let error = #expect(throws: CredentialsError.self) { try store.create(studioName: "Test Studio") }
        #expect(error == .keysExist(path: dir.path))
        let text = error?.description ?? ""
        #expect(text.contains("--force") && !text.contains("permissions"), "\(text)")
    }

    /// Keys that cannot be written (here: the folder would sit under a plain file) give one plain
    /// sentence with the path and the fix, not Foundation's error dump or a doubled full stop.
    @Test func anUnwritableFolderIsReportedPlainly() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("echt-notadir-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let store = KeyStore(directory: file.appendingPathComponent("keys"))
        do {
            _ = try store.create()
            Issue.record("creating keys under a file succeeded")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("Cannot write signing keys to \(file.appendingPathComponent("keys").path): "), "\(message)")
            #expect(message.hasSuffix("Check permissions or set ECHT_CONFIG_DIR."), "\(message)")
            #expect(!message.contains("Error Domain") && !message.contains(".."), "\(message)")
        }
    }
}

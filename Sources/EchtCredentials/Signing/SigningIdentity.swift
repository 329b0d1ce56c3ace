import Crypto
import Foundation
import SwiftASN1
import X509

/// An ES256 signing key with its certificate chain (leaf first, root omitted), as used in COSE `x5chain`.
public struct SigningIdentity: Sendable {
    /// The P-256 private key's raw scalar (kept as bytes so the identity is `Sendable`).
    let privateKeyBytes: Data
    /// The P-256 private key.
    public var privateKey: P256.Signing.PrivateKey {
        // The bytes came from a valid key in the initializer, so this cannot fail.
        (try? P256.Signing.PrivateKey(rawRepresentation: privateKeyBytes))!
    }
    /// DER certificates, signer first, then intermediates; never the root.
    public var certificateChain: [Data]

    /// Creates an identity; the first certificate must belong to the key.
    public init(privateKey: P256.Signing.PrivateKey, certificateChain: [Data]) throws(CredentialsError) {
        guard let leaf = certificateChain.first else { throw .invalidKey(path: "(memory)", reason: "the certificate chain is empty") }
        let cert: Certificate
        do { cert = try Certificate(derEncoded: Array(leaf)) } catch {
            throw .invalidKey(path: "(memory)", reason: "the signing certificate is not valid DER (\(error))")
        }
        guard cert.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw .invalidKey(path: "(memory)", reason: "the private key does not match the signing certificate")
        }
        self.privateKeyBytes = privateKey.rawRepresentation
        self.certificateChain = certificateChain
    }

    /// Loads a PEM private key (PKCS#8 or SEC1) and a PEM certificate chain (signer first; a trailing self-signed root is dropped).
    public static func load(keyPEM keyURL: URL, certificatePEM certURL: URL) throws(CredentialsError) -> SigningIdentity {
        let key: P256.Signing.PrivateKey
        do {
            key = try P256.Signing.PrivateKey(pemRepresentation: try String(contentsOf: keyURL, encoding: .utf8))
        } catch {
            throw .invalidKey(path: keyURL.path, reason: "not a readable P-256 private key in PEM form (\(error))")
        }
        let text: String
        do { text = try String(contentsOf: certURL, encoding: .utf8) } catch {
            throw .invalidKey(path: certURL.path, reason: "the file cannot be read (\(error))")
        }
        var chain: [Certificate] = []
        do {
            for document in try PEMDocument.parseMultiple(pemString: text) where document.discriminator == "CERTIFICATE" {
                chain.append(try Certificate(derEncoded: document.derBytes))
            }
        } catch {
            throw .invalidKey(path: certURL.path, reason: "the PEM certificates cannot be parsed (\(error))")
        }
        if chain.count > 1, let last = chain.last, last.issuer == last.subject { chain.removeLast() }
        do {
            return try SigningIdentity(privateKey: key, certificateChain: try chain.map { try $0.derData() })
        } catch {
            throw .invalidKey(path: certURL.path, reason: "\(error)")
        }
    }

    /// The signer certificate, parsed.
    public var signerCertificate: Certificate {
        // The initializer already parsed it once, so this cannot fail.
        (try? Certificate(derEncoded: Array(certificateChain[0])))!
    }
}

extension Certificate {
    /// The certificate's DER bytes.
    func derData() throws -> Data {
        var serializer = DER.Serializer()
        try serializer.serialize(self)
        return Data(serializer.serializedBytes)
    }
}

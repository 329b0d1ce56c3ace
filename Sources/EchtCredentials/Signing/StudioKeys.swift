import Crypto
import Foundation
import SwiftASN1
import X509

/// The local studio PKI Echt creates: a root CA and a signing certificate with the profile C2PA and c2pa-rs want
/// (brief §11.2: signer not a CA, KU digitalSignature, EKU emailProtection + C2PA claim signing, SKI and AKI).
public enum StudioKeys {
    /// The C2PA claim-signing extended key usage, 1.3.6.1.4.1.62558.2.1.
    public static let c2paClaimSigning = ExtendedKeyUsage.Usage(oid: [1, 3, 6, 1, 4, 1, 62558, 2, 1])

    /// File names inside the keys folder.
    public static let keyFileName = "signer.key.pem"
    /// The signer certificate file (signer first, then the root for reference).
    public static let certificateFileName = "signer.cert.pem"
    /// The root certificate users can import as a trust anchor.
    public static let rootFileName = "studio-root.cert.pem"

    /// A freshly generated chain; the root key is discarded so it can never sign anything else.
    public struct Generated: Sendable {
        /// The signing identity (x5chain = [signer]).
        public var identity: SigningIdentity
        /// The root certificate in PEM.
        public var rootPEM: String
        /// The signer certificate in PEM.
        public var signerPEM: String
    }

    /// Creates a root CA and a signer certificate valid for `years` years.
    public static func generate(studioName: String = "Echt Studio", years: Int = 5, now: Date = Date()) throws(CredentialsError) -> Generated {
        do {
            let rootKey = P256.Signing.PrivateKey()
            let signerKey = P256.Signing.PrivateKey()
            let rootPublic = Certificate.PublicKey(rootKey.publicKey)
            let signerPublic = Certificate.PublicKey(signerKey.publicKey)
            let rootSKI = SubjectKeyIdentifier(hash: rootPublic)
            let rootName = try DistinguishedName {
                OrganizationName(studioName)
                CommonName("\(studioName) Root CA")
            }
            let signerName = try DistinguishedName {
                OrganizationName(studioName)
                CommonName("\(studioName) Signer")
            }
            let notBefore = now.addingTimeInterval(-3600)
            let rootEnd = now.addingTimeInterval(Double(years + 5) * 365.25 * 86400)
            let signerEnd = now.addingTimeInterval(Double(years) * 365.25 * 86400)
            let root = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: rootPublic,
                notValidBefore: notBefore, notValidAfter: rootEnd, issuer: rootName, subject: rootName,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    rootSKI
                    AuthorityKeyIdentifier(keyIdentifier: rootSKI.keyIdentifier)
                },
                issuerPrivateKey: Certificate.PrivateKey(rootKey))
            let signer = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: signerPublic,
                notValidBefore: notBefore, notValidAfter: signerEnd, issuer: rootName, subject: signerName,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.emailProtection, c2paClaimSigning])
                    SubjectKeyIdentifier(hash: signerPublic)
                    AuthorityKeyIdentifier(keyIdentifier: rootSKI.keyIdentifier)
                },
                issuerPrivateKey: Certificate.PrivateKey(rootKey))
            let identity = try SigningIdentity(privateKey: signerKey, certificateChain: [try signer.derData()])
            return Generated(identity: identity, rootPEM: try root.serializeAsPEM().pemString,
                             signerPEM: try signer.serializeAsPEM().pemString)
        } catch let error as CredentialsError {
            throw error
        } catch {
            throw .keyStorage(path: "(memory)", reason: "certificate generation failed (\(error))")
        }
    }
}

import Crypto
import Foundation
import SwiftASN1
import X509

/// Checks a COSE certificate chain against the C2PA signer profile (C2PA 2.2 §14.5.1, as c2pa-rs enforces it) and trust anchors.
struct CertificateCheck {
    /// Trust anchors (root or intermediate CA certificates).
    var anchors: [Certificate]
    /// The validation time.
    var now: Date

    static let emailProtection: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 4]

    /// Why the signer certificate violates the profile, or nil when it conforms.
    func profileViolation(_ leaf: Certificate) -> String? {
        guard leaf.version == .v3 else { return "the signer certificate is not X.509 v3" }
        do {
            if let bc = try leaf.extensions.basicConstraints, case .isCertificateAuthority = bc {
                return "the signer certificate is a CA certificate, which must never sign claims"
            }
            guard let ku = try leaf.extensions.keyUsage else { return "the signer certificate has no key usage" }
            guard ku.digitalSignature || ku.nonRepudiation else { return "the key usage lacks digitalSignature" }
            guard let eku = try leaf.extensions.extendedKeyUsage, !eku.isEmpty else {
                return "certificate missing required EKU"
            }
            let usages = Array(eku)
            guard !usages.contains(.any) else { return "the certificate allows anyExtendedKeyUsage" }
            // The reference (c2pa-rs 0.91.3, default trust config) accepts only emailProtection; certificates with only
            // documentSigning or only the C2PA claim-signing EKU are reported `signingCredential.invalid` there, so here too.
            let accepted = [Self.emailProtection].map(ExtendedKeyUsage.Usage.init(oid:))
            guard usages.contains(where: accepted.contains) else {
                return "certificate missing required EKU"
            }
            guard try leaf.extensions.authorityKeyIdentifier != nil else { return "the signer certificate has no authority key identifier" }
        } catch {
            return "a certificate extension is malformed (\(error))"
        }
        return nil
    }

    /// Whether `cert` is within its validity period now.
    func isWithinValidity(_ cert: Certificate) -> Bool { cert.notValidBefore <= now && now <= cert.notValidAfter }

    /// Whether each certificate is signed by the next, and the top one by (or is) an anchor.
    func chainsToAnchor(_ chain: [Certificate]) -> Bool {
        for (child, parent) in zip(chain, chain.dropFirst()) where !issued(child, by: parent) { return false }
        guard let top = chain.last else { return false }
        return anchors.contains { $0 == top || issued(top, by: $0) }
    }

    private func issued(_ child: Certificate, by parent: Certificate) -> Bool {
        child.issuer == parent.subject && parent.publicKey.isValidSignature(child.signature, for: child)
    }

    /// "CN, O" of a name.
    static func describe(_ name: DistinguishedName) -> String {
        var parts: [String] = []
        for type in [ASN1ObjectIdentifier.RDNAttributeType.commonName, .RDNAttributeType.organizationName] {
            for rdn in name {
                for attribute in rdn where attribute.type == type { parts.append(String(describing: attribute.value)) }
            }
        }
        return parts.isEmpty ? name.description : parts.joined(separator: ", ")
    }

    /// Parses PEM certificates (for `--trust` anchors).
    static func anchors(fromPEM text: String) throws(CredentialsError) -> [Certificate] {
        do {
            return try PEMDocument.parseMultiple(pemString: text).filter { $0.discriminator == "CERTIFICATE" }
                .map { try Certificate(derEncoded: $0.derBytes) }
        } catch {
            throw .invalidKey(path: "(trust anchors)", reason: "the PEM certificates cannot be parsed (\(error))")
        }
    }
}

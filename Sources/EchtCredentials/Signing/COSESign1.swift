import Crypto
import Foundation

/// COSE_Sign1 (RFC 9052) with ES256 and `x5chain` in the protected header, detached payload (C2PA 2.2 §13.2, §14.2).
enum COSESign1 {
    /// COSE algorithm identifier for ES256.
    static let es256 = -7
    /// COSE header label for `x5chain`.
    static let x5chainLabel = 33

    /// The protected header bytes: `{1: -7, 33: cert | [certs]}`.
    static func protectedHeader(chain: [Data]) -> Data {
        let credential: CBOR = chain.count == 1 ? .bytes(chain[0]) : .array(chain.map { .bytes($0) })
        return CBOR.map([CBORPair(.int(1), .int(es256)), CBORPair(.int(x5chainLabel), credential)]).encoded()
    }

    /// The to-be-signed structure `["Signature1", protected, h'', payload]`.
    static func toBeSigned(protected: Data, payload: Data) -> Data {
        CBOR.array([.text("Signature1"), .bytes(protected), .bytes(Data()), .bytes(payload)]).encoded()
    }

    /// The tagged COSE_Sign1 bytes.
    static func encode(protected: Data, signature: Data) -> Data {
        CBOR.tagged(18, .array([.bytes(protected), .map([]), .null, .bytes(signature)])).encoded()
    }

    /// Signs the claim bytes; ES256 signatures are the raw 64-byte r‖s.
    static func sign(claim: Data, identity: SigningIdentity) throws(CredentialsError) -> Data {
        let protected = protectedHeader(chain: identity.certificateChain)
        let signature: P256.Signing.ECDSASignature
        do { signature = try identity.privateKey.signature(for: toBeSigned(protected: protected, payload: claim)) } catch {
            throw .invalidKey(path: "(memory)", reason: "ES256 signing failed (\(error))")
        }
        return encode(protected: protected, signature: signature.rawRepresentation)
    }

    /// The exact size of the signature for a chain (fixed for ES256 without a time-stamp).
    static func size(for identity: SigningIdentity) -> Int {
        encode(protected: protectedHeader(chain: identity.certificateChain), signature: Data(count: 64)).count
    }

    /// A decoded COSE_Sign1.
    struct Parsed {
        var protectedBytes: Data
        var algorithm: Int?
        var chain: [Data]
        var signature: Data
    }

    /// Decodes a COSE_Sign1 and its certificate chain (label 33 or legacy "x5chain", protected or unprotected).
    static func parse(_ data: Data) throws(CredentialsError) -> Parsed {
        var item = try CBORDecoder().decode(data)
        if case let .tagged(tag, inner) = item {
            guard tag == 18 else { throw .invalidManifest("the signature has CBOR tag \(tag), expected 18 (COSE_Sign1)") }
            item = inner
        }
        guard let parts = item.arrayValue, parts.count == 4, let protectedBytes = parts[0].bytesValue,
              parts[1].mapValue != nil, parts[2] == .null, let signature = parts[3].bytesValue else {
            throw .invalidManifest("the signature is not a COSE_Sign1 array of four items")
        }
        let protected = protectedBytes.isEmpty ? CBOR.map([]) : try CBORDecoder().decode(protectedBytes)
        let unprotected = parts[1]
        func credential(_ header: CBOR) -> CBOR? { header[intKey: x5chainLabel] ?? header["x5chain"] }
        guard let found = credential(protected) ?? credential(unprotected) else {
            throw .invalidManifest("the COSE signature carries no x5chain certificate")
        }
        let chain: [Data]
        if let single = found.bytesValue { chain = [single] } else if let many = found.arrayValue {
            chain = many.compactMap(\.bytesValue)
            guard chain.count == many.count, !chain.isEmpty else { throw .invalidManifest("the x5chain holds non-certificate items") }
        } else { throw .invalidManifest("the x5chain is neither a certificate nor an array of certificates") }
        return Parsed(protectedBytes: protectedBytes, algorithm: protected[intKey: 1]?.intValue, chain: chain, signature: signature)
    }
}

import Foundation
import Testing
import EchtTestSupport
@testable import EchtCredentials

@Suite struct TamperTests {
    private func codes(_ data: Data) throws -> [String] {
        try ContentCredentials.verify(data).blockingFailures.map(\.code)
    }

    @Test func oneImageByteBreaksTheDataHash() throws {
        var signed = try SignedSamples.png()
        let idat = try #require(try PNGContainer.chunks(signed).first { $0.type == "IDAT" })
        signed[idat.dataRange.lowerBound + 20] ^= 0x01
        #expect(try codes(signed) == ["assertion.dataHash.mismatch"])
        #expect(try ContentCredentials.verify(signed).verdict == .invalid)
    }

    @Test func oneMetadataByteBreaksTheDataHash() throws {
        var signed = try SignedSamples.png()
        let at = try #require(signed.range(of: Data("Ada Studio".utf8), options: .backwards)).lowerBound
        signed[at] = UInt8(ascii: "B")
        #expect(try codes(signed) == ["assertion.dataHash.mismatch"])
    }

    @Test func oneManifestByteBreaksTheAssertionHash() throws {
        var signed = try SignedSamples.png()
        let at = try #require(signed.range(of: Data("Rigid crop".utf8))).lowerBound
        signed[at] = UInt8(ascii: "r")
        #expect(try codes(signed) == ["assertion.hashedURI.mismatch"])
    }

    @Test func oneClaimByteBreaksTheSignature() throws {
        var signed = try SignedSamples.png()
        let storeRange = try #require(try AssetContainer.findStore(in: signed, format: .png)).range
        let at = try #require(signed.range(of: Data("xmp.iid:".utf8), options: .backwards, in: storeRange)).lowerBound
        signed[at] = UInt8(ascii: "X")
        #expect(try codes(signed) == ["claimSignature.mismatch"])
    }

    @Test func swappedCertificateBreaksTheSignature() throws {
        var signed = try SignedSamples.png()
        let original = SignedSamples.studio.identity.certificateChain[0]
        var replacement = original
        // DER lengths vary with the integers in the certificates' ECDSA signatures; a rare length
        // took more than 50 tries to match once, so the loop tries many more (each try is quick).
        for _ in 0..<2000 {
            let candidate = try StudioKeys.generate(studioName: "Echt Test Studio").identity.certificateChain[0]
            if candidate.count == original.count { replacement = candidate; break }
        }
        try #require(replacement != original, "no same-length certificate generated")
        let range = try #require(signed.range(of: original))
        signed.replaceSubrange(range, with: replacement)
        #expect(try codes(signed) == ["claimSignature.mismatch"])
    }
}

@Suite struct MalformedInputTests {
    /// Seeded mutations of a signed file's manifest store: every result is a report or a typed error, never a crash or "valid".
    @Test(arguments: [1, 2, 3, 4])
    func randomByteFlipsInTheStoreAreReportedInvalid(seed: UInt64) throws {
        let signed = try SignedSamples.png()
        let range = try #require(try AssetContainer.findStore(in: signed, format: .png)).range
        var rng = SplitMix64(seed: seed)
        for round in 0..<60 {
            var mutated = signed
            var offsets: [Int] = []
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = range.lowerBound + 8 + Int(rng.next() % UInt64(range.count - 12))
                mutated[at] ^= UInt8(1 + rng.next() % 255)
                offsets.append(at - range.lowerBound - 8)
            }
            do {
                let report = try ContentCredentials.verify(mutated)
                #expect(report.verdict == .invalid || report.verdict == .absent, "seed \(seed) round \(round) store offsets \(offsets)")
            } catch {
                // A typed, descriptive error is acceptable (e.g. the chunk length no longer fits the file).
                #expect(!error.description.isEmpty)
            }
        }
    }

    static func malformedStore(_ name: String) -> Data {
        let store = JUMBFType.store, manifest = JUMBFType.manifest
        switch name {
        case "garbage store": return Data(repeating: 0x41, count: 64)
        case "empty store": return Data()
        case "store without manifests": return JUMBFWriter.superBox(type: store, label: "c2pa", children: [])
        case "manifest without claim":
            return JUMBFWriter.superBox(type: store, label: "c2pa", children: [JUMBFWriter.superBox(type: manifest, label: "urn:c2pa:x", children: [])])
        case "claim not CBOR":
            let claim = JUMBFWriter.superBox(type: JUMBFType.claim, label: "c2pa.claim.v2", children: [JUMBFWriter.box("cbor", Data([0xFF, 0x00]))])
            return JUMBFWriter.superBox(type: store, label: "c2pa", children: [JUMBFWriter.superBox(type: manifest, label: "urn:c2pa:x", children: [claim])])
        default:
            let claimBytes = CBOR.textMap(["signature": .text("self#jumbf=c2pa.signature")]).encoded()
            let claim = JUMBFWriter.superBox(type: JUMBFType.claim, label: "c2pa.claim.v2", children: [JUMBFWriter.box("cbor", claimBytes)])
            let cose = JUMBFWriter.box("cbor", CBOR.tagged(18, .text("x")).encoded())
            let signature = JUMBFWriter.superBox(type: JUMBFType.signature, label: "c2pa.signature", children: [cose])
            return JUMBFWriter.superBox(type: store, label: "c2pa", children: [JUMBFWriter.superBox(type: manifest, label: "urn:c2pa:x", children: [claim, signature])])
        }
    }

    @Test(arguments: ["garbage store", "empty store", "store without manifests", "manifest without claim", "claim not CBOR", "COSE not an array"])
    func malformedStoresGiveAnInvalidManifestReport(name: String) throws {
        let store = Self.malformedStore(name)
        let png = CredentialsFixtures.png(width: 4, height: 4)
        let (file, _) = try PNGContainer.embed(store: store, in: png)
        let report = try ContentCredentials.verify(file)
        #expect(report.verdict == .invalid, "\(name)")
        #expect(report.problem != nil || !report.blockingFailures.isEmpty, "\(name)")
    }

    @Test func truncatedFilesNeverCrash() throws {
        let signed = try SignedSamples.png()
        for length in stride(from: 0, to: signed.count, by: 97) {
            _ = try? ContentCredentials.verify(signed.prefix(length))
        }
    }
}

/// A tiny seeded generator so failures can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

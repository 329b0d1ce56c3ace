import Foundation
import Testing
import EchtTestSupport
@testable import EchtCredentials

@Suite struct SigningTests {
    @Test func signedPNGVerifiesAsIntactButUntrusted() throws {
        let report = try ContentCredentials.verify(try SignedSamples.png())
        #expect(report.verdict == .untrusted)
        let active = try #require(report.active)
        #expect(active.failure.map(\.code) == ["signingCredential.untrusted"])
        for code in ["claimSignature.validated", "claimSignature.insideValidity", "assertion.dataHash.match", "assertion.hashedURI.match"] {
            #expect(active.success.contains { $0.code == code }, "\(code)")
        }
        #expect(active.actions.map(\.action) == ["c2pa.opened", "c2pa.cropped", "c2pa.orientation", "c2pa.adjustedColor", "c2pa.filtered", "c2pa.edited"])
        #expect(active.actions.last?.digitalSourceType == DigitalSourceType.composite.uri)
        #expect(active.ingredients == [IngredientSummary(relationship: "parentOf", title: "input.png", manifestLabel: nil)])
        #expect(active.signer == "Echt Test Studio Signer, Echt Test Studio")
        #expect(active.claimGenerator == "Echt 0.1.0")
        #expect(active.rights["dc:creator"] == "Ada Photographer")
        #expect(active.rights["plus:ModelReleaseStatus"] == ModelReleaseStatus.unlimited.uri)
        #expect(!report.declaresGenerativeAI)
    }

    @Test func signedTinyJPEGVerifiesAndKeepsItsScan() throws {
        let signed = try SignedSamples.tinyJPEG()
        let report = try ContentCredentials.verify(signed)
        #expect(report.verdict == .untrusted)
        #expect(report.blockingFailures == [])
        #expect(report.active?.ingredients.first?.title == "selfie.jpg")
        let original = CredentialsFixtures.tinyJPEG
        let sos = try #require(original.firstRange(of: Data([0xFF, 0xDA])))
        #expect(signed.range(of: original[sos.lowerBound...]) != nil, "the scan and EOI are untouched")
        #expect(String(decoding: signed, as: UTF8.self).contains("digitalsourcetype/algorithmicallyEnhanced"))
    }

    @Test func studioRootMakesItTrusted() throws {
        let report = try ContentCredentials.verify(try SignedSamples.png(), trustAnchorsPEM: SignedSamples.studio.rootPEM)
        #expect(report.verdict == .trusted)
        #expect(report.active?.failure == [])
    }

    @Test func pngKeepsItsImageChunksAndGetsCaBXBeforeIDAT() throws {
        let signed = try SignedSamples.png()
        let types = try PNGContainer.chunks(signed).map(\.type)
        #expect(types == ["IHDR", "caBX", "iTXt", "IDAT", "IEND"])
        let plain = CredentialsFixtures.png(width: 48, height: 40)
        let idat = try #require(try PNGContainer.chunks(plain).first { $0.type == "IDAT" })
        #expect(signed.range(of: plain[idat.offset..<idat.end]) != nil)
    }

    @Test func xmpCarriesIPTCFieldsAndNeverGPS() throws {
        let signed = try SignedSamples.png()
        let chunk = try #require(try PNGContainer.chunks(signed).first { $0.type == "iTXt" })
        let text = String(decoding: signed[chunk.dataRange], as: UTF8.self)
        #expect(text.hasPrefix("XML:com.adobe.xmp"))
        for needle in ["<rdf:li>Ada Photographer</rdf:li>", "© 2026 Ada Photographer", "<photoshop:Credit>Ada Studio",
                       "<xmp:CreatorTool>Echt 0.1.0", "digitalsourcetype/composite<", "ldf/vocab/MR-UMR", "xmpMM:InstanceID>xmp.iid:"] {
            #expect(text.contains(needle), "\(needle)")
        }
        #expect(!text.contains("GPS"))
        #expect(!text.lowercased().contains("exif:gps"))
    }

    @Test func instanceIDLinksXMPAndClaim() throws {
        let signed = try SignedSamples.png()
        let store = try ManifestStore(try #require(try AssetContainer.findStore(in: signed, format: .png)).store)
        let claimID = try #require(try ManifestParts(store.active).claim["instanceID"]?.textValue)
        #expect(String(decoding: signed, as: UTF8.self).contains("<xmpMM:InstanceID>\(claimID)</xmpMM:InstanceID>"))
    }

    @Test func resigningReplacesTheOldStore() throws {
        let once = try SignedSamples.png()
        let twice = try ContentCredentials.sign(
            once, format: .png, parent: ParentIngredient(data: once, title: "headshot.png", format: .png), actions: [],
            digitalSourceType: .algorithmicallyEnhanced, metadata: IPTCMetadata(), identity: SignedSamples.studio.identity)
        #expect(try PNGContainer.chunks(twice).filter { $0.type == "caBX" }.count == 1)
        let report = try ContentCredentials.verify(twice)
        #expect(report.verdict == .untrusted)
        #expect(report.manifests.count == 2)
        #expect(report.active?.success.contains { $0.code == "ingredient.manifest.validated" } == true)
        // The ingredient's instanceID is the parent's own xmpMM:InstanceID.
        let store = try ManifestStore(try #require(try AssetContainer.findStore(in: twice, format: .png)).store)
        let ingredient = try #require(try ManifestParts(store.active).assertion(labelled: "c2pa.ingredient.v3"))
        #expect(ingredient["instanceID"]?.textValue == XMPPacket.instanceID(in: once))
        #expect(XMPPacket.instanceID(in: once)?.hasPrefix("xmp.iid:") == true)
    }

    /// A photo whose credentials were broken when it was edited (a byte of its image data
    /// changed after signing) stays so in the record: the new file verifies, and its ingredient
    /// carries the parent's failures (`recordedFailures`) for `echt verify` to show; an intact
    /// parent's record holds only the untrusted signer.
    @Test func aBrokenParentsFailuresAreRecordedInItsIngredient() throws {
        let once = try SignedSamples.png()
        var tampered = once
        let idat = try #require(tampered.firstRange(of: Data("IDAT".utf8)))
        tampered[idat.upperBound + 2] ^= 0x01
        #expect(try ContentCredentials.verify(tampered).verdict == .invalid)
        func resigned(_ parent: Data) throws -> VerificationReport {
            try ContentCredentials.verify(try ContentCredentials.sign(
                parent, format: .png, parent: ParentIngredient(data: parent, title: "headshot.png", format: .png), actions: [],
                digitalSourceType: .algorithmicallyEnhanced, metadata: IPTCMetadata(), identity: SignedSamples.studio.identity))
        }
        let fromBroken = try resigned(tampered)
        #expect(fromBroken.verdict == .untrusted)
        let recorded = try #require(fromBroken.active?.ingredients.first).recordedFailures.map(\.code)
        #expect(recorded.contains("assertion.dataHash.mismatch"), "\(recorded)")
        let fromIntact = try resigned(once)
        #expect(try #require(fromIntact.active?.ingredients.first).recordedFailures.map(\.code) == ["signingCredential.untrusted"])
    }

    /// A parent ingredient is worked out once per photo, so every output of that photo names the
    /// same parent instance, even when the photo has no XMP ID of its own.
    @Test func outputsOfOnePhotoShareTheParentInstance() throws {
        let parent = ParentIngredient(data: CredentialsFixtures.tinyJPEG, title: "selfie.jpg", format: .jpeg)
        #expect(XMPPacket.instanceID(in: parent.data) == nil, "the fixture must lack an XMP instance ID")
        let ids = try (0..<2).map { _ in
            let signed = try ContentCredentials.sign(
                CredentialsFixtures.png(width: 4, height: 4), format: .png, parent: parent, actions: [],
                digitalSourceType: .algorithmicallyEnhanced, metadata: IPTCMetadata(), identity: SignedSamples.studio.identity)
            let store = try ManifestStore(try #require(try AssetContainer.findStore(in: signed, format: .png)).store)
            return try #require(try ManifestParts(store.active).assertion(labelled: "c2pa.ingredient.v3")?["instanceID"]?.textValue)
        }
        #expect(ids[0] == ids[1])
    }

    @Test(arguments: [DigitalSourceType.trainedAlgorithmicMedia, .compositeSynthetic, .algorithmicMedia, .compositeWithTrainedAlgorithmicMedia])
    func refusesSourceTypesPlatformsReadAsAI(type: DigitalSourceType) {
        #expect(throws: CredentialsError.disallowedSourceType(type.uri)) {
            try ContentCredentials.sign(CredentialsFixtures.png(width: 4, height: 4), format: .png,
                                        parent: ParentIngredient(data: Data(), title: "x.heic", format: nil), actions: [],
                                        digitalSourceType: type, metadata: IPTCMetadata(), identity: SignedSamples.studio.identity)
        }
    }

    @Test(.enabled(if: CredentialsFixtures.c2paDocs != nil, SignedSamples.docsReason))
    func jpegWithCameraParentCarriesTheCameraManifestVerbatim() throws {
        let signed = try #require(try SignedSamples.jpeg(parentName: "camera.jpg"))
        let camera = try Data(contentsOf: try #require(CredentialsFixtures.c2paFile("camera.jpg")))
        let cameraStore = try ManifestStore(try #require(try JPEGContainer.findStore(in: camera)).store)
        let report = try ContentCredentials.verify(signed)
        #expect(report.verdict == .untrusted)
        #expect(report.manifests.count == 2)
        #expect(report.manifests[1].actions.first?.digitalSourceType == DigitalSourceType.digitalCapture.uri)
        #expect(report.active?.success.contains { $0.code == "ingredient.manifest.validated" } == true)
        #expect(report.active?.success.contains { $0.code == "ingredient.claimSignature.validated" } == true)
        #expect(signed.range(of: cameraStore.active.raw) != nil)
        #expect(report.active?.ingredients.first?.manifestLabel == cameraStore.active.label)
    }

    @Test(.enabled(if: CredentialsFixtures.c2paDocs != nil, SignedSamples.docsReason))
    func jpegStoreFollowsXMPAndPrecedesImageData() throws {
        let signed = try #require(try SignedSamples.jpeg())
        let markers = try JPEGContainer.segments(signed).map(\.marker)
        let xmp = try #require(markers.firstIndex(of: 0xE1))
        let app11 = try #require(markers.firstIndex(of: 0xEB))
        let firstTable = try #require(markers.firstIndex { !(0xE0...0xEF).contains($0) })
        #expect(xmp < app11 && app11 < firstTable)
    }

    @Test func largeStoresSplitIntoSeveralAPP11Segments() throws {
        let store = JUMBFWriter.superBox(type: JUMBFType.store, label: "c2pa",
                                         children: [JUMBFWriter.box("free", Data(repeating: 7, count: 150_000))])
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9])
        let (embedded, range) = try JPEGContainer.embed(store: store, in: jpeg)
        #expect(try JPEGContainer.segments(embedded).filter { $0.marker == 0xEB }.count == 3)
        let found = try #require(try JPEGContainer.findStore(in: embedded))
        #expect(found.store == store)
        #expect(found.range == range)
    }
}

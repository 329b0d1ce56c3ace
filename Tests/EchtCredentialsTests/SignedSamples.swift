import Foundation
import Testing
import EchtTestSupport
@testable import EchtCredentials

/// Signing inputs shared by the tests: one generated studio chain (P-256 key generation is cheap; reuse keeps tests fast).
enum SignedSamples {
    static let studio: StudioKeys.Generated = try! StudioKeys.generate(studioName: "Echt Test Studio")

    static let actions: [EditAction] = [
        .cropped(x: 10, y: 12, width: 40, height: 50),
        .rotated(degrees: -2.5),
        .adjustedColor("Exposure +0.3 EV, white balance 5200 K", parameters: ["com.echt.exposureEV": .double(0.3)]),
        .filtered("Texture-preserving skin smoothing", parameters: ["com.echt.strength": .double(0.35)]),
        .backgroundReplaced(backdrop: "studio-grey"),
    ]

    static let metadata = IPTCMetadata(creator: "Ada Photographer", copyright: "© 2026 Ada Photographer",
                                       credit: "Ada Studio", modelRelease: .unlimited)

    /// A PNG signed by Echt, with a plain PNG parent.
    static func png(width: Int = 48, height: Int = 40) throws -> Data {
        let input = CredentialsFixtures.png(width: width, height: height, seed: 3)
        return try ContentCredentials.sign(
            CredentialsFixtures.png(width: width, height: height), format: .png,
            parent: ParentIngredient(data: input, title: "input.png", format: .png), actions: actions,
            digitalSourceType: .forEchtOutput(replacedBackground: true), metadata: metadata,
            identity: studio.identity, title: "headshot.png")
    }

    /// The self-contained tiny JPEG signed by Echt, with itself as the plain parent.
    static func tinyJPEG() throws -> Data {
        try ContentCredentials.sign(
            CredentialsFixtures.tinyJPEG, format: .jpeg,
            parent: ParentIngredient(data: CredentialsFixtures.tinyJPEG, title: "selfie.jpg", format: .jpeg), actions: actions,
            digitalSourceType: .forEchtOutput(replacedBackground: false), metadata: metadata,
            identity: studio.identity, title: "headshot.jpg")
    }

    /// A JPEG signed by Echt from the brief's `unsigned.jpg`, with `parent` as the parent ingredient.
    static func jpeg(parentName: String = "unsigned.jpg") throws -> Data? {
        guard let input = CredentialsFixtures.c2paFile("unsigned.jpg"), let parent = CredentialsFixtures.c2paFile(parentName) else { return nil }
        return try ContentCredentials.sign(
            try Data(contentsOf: input), format: .jpeg,
            parent: ParentIngredient(data: try Data(contentsOf: parent), title: parentName, format: .jpeg), actions: actions,
            digitalSourceType: .forEchtOutput(replacedBackground: true), metadata: metadata,
            identity: studio.identity, title: "headshot.jpg")
    }

    /// Writes data to a fresh temporary file.
    static func temporaryFile(_ data: Data, ext: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("echt-\(UUID().uuidString).\(ext)")
        try data.write(to: url)
        return url
    }

    static let docsReason: Comment = "the C2PA brief folder shared/docs/c2pa (with reference.jpg and work/) is not beside the checkout"
}

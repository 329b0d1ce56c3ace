/// Rights and attribution written into every output as XMP (IPTC Photo Metadata). GPS is never written.
public struct IPTCMetadata: Sendable, Equatable, Codable {
    /// `dc:creator`: the photographer or studio.
    public var creator: String?
    /// `dc:rights`: the copyright notice.
    public var copyright: String?
    /// `photoshop:Credit`: the credit line.
    public var credit: String?
    /// `xmp:CreatorTool`: the software, e.g. "Echt 0.1.0".
    public var software: String
    /// `plus:ModelReleaseStatus`, only when the user states it.
    public var modelRelease: ModelReleaseStatus?

    /// Creates metadata; every field but the software is optional.
    public init(creator: String? = nil, copyright: String? = nil, credit: String? = nil,
                software: String = ClaimGenerator.echt.displayName, modelRelease: ModelReleaseStatus? = nil) {
        self.creator = creator
        self.copyright = copyright
        self.credit = credit
        self.software = software
        self.modelRelease = modelRelease
    }
}

/// PLUS model release status (PLUS LDF vocabulary).
public enum ModelReleaseStatus: String, Sendable, Codable, CaseIterable {
    /// No release.
    case none = "MR-NON"
    /// Not applicable.
    case notApplicable = "MR-NAP"
    /// Unlimited model releases.
    case unlimited = "MR-UMR"
    /// Limited or incomplete releases.
    case limited = "MR-LMR"

    /// The vocabulary URI.
    public var uri: String { "http://ns.useplus.org/ldf/vocab/" + rawValue }
}

/// Who wrote a claim: name and version (C2PA `claim_generator_info`).
public struct ClaimGenerator: Sendable, Equatable {
    /// The product name.
    public var name: String
    /// The product version.
    public var version: String
    /// Echt itself.
    public static let echt = ClaimGenerator(name: "Echt", version: "0.1.0")
    /// "Name version".
    public var displayName: String { "\(name) \(version)" }
    /// The CBOR map written into claims and actions.
    var cbor: CBOR { .textMap(["name": .text(name), "version": .text(version)]) }
}

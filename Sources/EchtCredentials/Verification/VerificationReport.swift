/// One C2PA validation status (C2PA 2.2 §15.2), e.g. `assertion.dataHash.match`.
public struct ValidationStatus: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The C2PA status code.
    public var code: String
    /// The JUMBF URI the status is about, if any.
    public var url: String?
    /// A plain explanation.
    public var explanation: String?

    /// Creates a status.
    public init(_ code: String, url: String? = nil, _ explanation: String? = nil) {
        self.code = code
        self.url = url
        self.explanation = explanation
    }

    /// "code (explanation)".
    public var description: String { explanation.map { "\(code): \($0)" } ?? code }

    /// The CBOR map stored in an ingredient's `validationResults`.
    var cbor: CBOR {
        var pairs: [CBORPair] = [CBORPair(.text("code"), .text(code))]
        if let url { pairs.append(CBORPair(.text("url"), .text(url))) }
        if let explanation { pairs.append(CBORPair(.text("explanation"), .text(explanation))) }
        return .map(pairs)
    }
}

/// The overall verdict for one file, ordered from best to worst for exit codes.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// Intact and signed by a certificate chaining to a trust anchor you supplied.
    case trusted
    /// Intact (hashes and signature verify) but the signer is not on a trust list — e.g. a local studio certificate.
    case untrusted
    /// Credentials are present but broken: tampered data, bad signature, malformed or invalid certificate.
    case invalid
    /// The file carries no Content Credentials.
    case absent

    /// The process exit code `echt verify` uses: 0 trusted, 2 untrusted, 3 invalid, 4 absent.
    public var exitCode: Int32 {
        switch self {
        case .trusted: 0
        case .untrusted: 2
        case .invalid: 3
        case .absent: 4
        }
    }
}

/// One action as read from a manifest.
public struct ActionSummary: Sendable, Codable, Equatable {
    /// The action name, e.g. `c2pa.cropped`.
    public var action: String
    /// Its description, if any.
    public var description: String?
    /// Its digital source type URI, if any.
    public var digitalSourceType: String?
    /// The software agent's name, if any.
    public var softwareAgent: String?
    /// The claimed time (`when`), if any.
    public var when: String?
    /// The action's scalar parameters as text (e.g. `com.echt.backdrop`), if it has any.
    public var parameters: [String: String]?
}

/// One ingredient as read from a manifest.
public struct IngredientSummary: Sendable, Codable, Equatable {
    /// `parentOf`, `componentOf` or `inputTo`.
    public var relationship: String
    /// The ingredient's title.
    public var title: String?
    /// The label of the ingredient's manifest inside this store, if it had one.
    public var manifestLabel: String?
    /// The failures its credentials had when it was used, as the ingredient records them
    /// (`validationResults`): a photo whose pixels were changed after it was signed, say.
    public var recordedFailures: [ValidationStatus] = []

    /// Creates a summary.
    public init(relationship: String, title: String?, manifestLabel: String?, recordedFailures: [ValidationStatus] = []) {
        self.relationship = relationship; self.title = title; self.manifestLabel = manifestLabel; self.recordedFailures = recordedFailures
    }

    private enum CodingKeys: String, CodingKey { case relationship, title, manifestLabel, recordedFailures }

    /// Decodes a summary; reports written before `recordedFailures` read as having none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        relationship = try c.decode(String.self, forKey: .relationship)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        manifestLabel = try c.decodeIfPresent(String.self, forKey: .manifestLabel)
        recordedFailures = try c.decodeIfPresent([ValidationStatus].self, forKey: .recordedFailures) ?? []
    }
}

/// What one manifest says and how it validated.
public struct ManifestReport: Sendable, Codable, Equatable {
    /// The manifest label (`urn:c2pa:…`).
    public var label: String
    /// `claim_generator_info` name and version (or v1 `claim_generator`).
    public var claimGenerator: String?
    /// The signer certificate's subject (CN, O).
    public var signer: String?
    /// The signer certificate's issuer.
    public var issuer: String?
    /// The time claimed in the actions (not a trusted time-stamp), if any.
    public var claimedTime: String?
    /// `dc:title` of the claim.
    public var title: String?
    /// Signed creator / rights statements from `cawg.metadata` (e.g. `dc:creator`, `dc:rights`), if any.
    public var rights: [String: String] = [:]
    /// The actions in order.
    public var actions: [ActionSummary] = []
    /// The ingredients.
    public var ingredients: [IngredientSummary] = []
    /// Checks that passed.
    public var success: [ValidationStatus] = []
    /// Informational notes.
    public var informational: [ValidationStatus] = []
    /// Checks that failed.
    public var failure: [ValidationStatus] = []
}

/// The result of verifying one file.
public struct VerificationReport: Sendable, Codable, Equatable {
    /// The overall verdict.
    public var verdict: Verdict
    /// The label of the active manifest.
    public var activeManifest: String?
    /// Every manifest, active first, then its ingredients' manifests in chain order.
    public var manifests: [ManifestReport]
    /// Digital source types declaring generative AI anywhere in the chain (empty when none).
    public var aiDeclarations: [String]
    /// A one-line reason when the store itself could not be read.
    public var problem: String?

    /// Whether any manifest declares generative-AI content.
    public var declaresGenerativeAI: Bool { !aiDeclarations.isEmpty }

    /// The active manifest's report.
    public var active: ManifestReport? { manifests.first }

    /// Failures of the active manifest apart from an untrusted signer.
    public var blockingFailures: [ValidationStatus] {
        active?.failure.filter { $0.code != "signingCredential.untrusted" } ?? []
    }
}

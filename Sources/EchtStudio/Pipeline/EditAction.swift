/// One edit the studio made, in the vocabulary of C2PA actions, so the credentials module can
/// sign exactly what happened (`c2pa.opened`, `c2pa.cropped`, `c2pa.orientation`,
/// `c2pa.resized`, `c2pa.adjustedColor`, `c2pa.filtered`, `c2pa.edited`).
public struct EditAction: Sendable, Equatable, Codable {
    /// The C2PA action name, e.g. `c2pa.cropped`.
    public var action: String
    /// What was done, in plain words.
    public var description: String
    /// Exact parameters (numbers printed with enough digits to redo the edit).
    public var parameters: [String: String]
    /// IPTC digital source type URI for actions that synthesise pixels (only the backdrop).
    public var digitalSourceType: String?

    /// Creates an action.
    public init(action: String, description: String, parameters: [String: String] = [:], digitalSourceType: String? = nil) {
        self.action = action; self.description = description; self.parameters = parameters; self.digitalSourceType = digitalSourceType
    }

    /// IPTC's term for purely algorithmic (non-trained, non-generative) media.
    public static let algorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia"
}

/// A choice a look file names in words (backdrop kind, retouch strength, framing fit): an
/// unknown word is refused with the words there are, e.g. `expected one of none, light, medium
/// but received "heavy"`, instead of Swift's "Cannot initialize Strength from invalid String value".
public protocol NamedChoice: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension NamedChoice {
    /// Decodes the choice from its word, refusing an unknown word with the words there are.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let word = try container.decode(String.self)
        guard let choice = Self(rawValue: word) else {
            let words = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected one of \(words) but received \"\(word)\"")
        }
        self = choice
    }
}

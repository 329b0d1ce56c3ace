import Foundation

extension DecodingError {
    /// `plainDescription` for an error decoding `data`: Foundation calls a number that does not
    /// fit its field (1e50 for a `Float`, 1.5 for a whole number) "not valid JSON" with no field
    /// named; when `data` itself is valid JSON, that is what the error was.
    func plainDescription(decoding data: Data) -> String {
        if case let .dataCorrupted(context) = self, context.codingPath.isEmpty,
           (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
            return "a number in it does not fit its field (too large, or a fraction where a whole number belongs)"
        }
        return plainDescription
    }

    /// The error in one plain clause naming the JSON field, e.g. `backdrop.colour: expected a
    /// colour like "#C8C8C8" but received "#GGG"`, without Swift's type and case names.
    var plainDescription: String {
        func path(_ context: Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        func within(_ field: String) -> String { field.isEmpty ? "" : "\(field): " }
        switch self {
        case let .keyNotFound(key, context):
            return "the field \(path(context, key)) is missing"
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "\(within(path(context)))expected \(Self.plainName(of: type))"
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                // The decoder says no more than that (no line or column).
                return "it is not valid JSON (check the quotes, commas and braces)"
            }
            let text = context.debugDescription.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            return "\(within(path(context)))\(text)"
        @unknown default:
            return String(describing: self)
        }
    }

    /// A JSON-minded name for a Swift type: number, text, true or false, an object.
    private static func plainName(of type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type: "a whole number"
        case is String.Type: "text in quotes"
        case is Bool.Type: "true or false"
        default: "an object { … }"
        }
    }
}

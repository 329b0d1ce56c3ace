import Foundation

extension Look {
    /// The first field of a look document that no look has, as its path ("grade.exposre"), or
    /// nil when every field is a look's. A misspelt field would otherwise be ignored and its
    /// default used without a word.
    static func unknownField(in data: Data) -> String? {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let encoded = try? JSONEncoder().encode(Look(name: "every-field")),
              let known = try? JSONSerialization.jsonObject(with: encoded) as? [String: Any] else { return nil }
        func firstUnknown(_ fields: [String: Any], _ allowed: [String: Any], _ prefix: String) -> String? {
            for key in fields.keys.sorted() {
                guard let expected = allowed[key] else { return prefix + key }
                if let inner = fields[key] as? [String: Any], let innerAllowed = expected as? [String: Any],
                   let found = firstUnknown(inner, innerAllowed, prefix + key + ".") {
                    return found
                }
            }
            return nil
        }
        return firstUnknown(document, known, "")
    }
}

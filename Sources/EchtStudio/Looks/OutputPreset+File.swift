import EchtImaging
import Foundation

extension OutputPreset {
    /// Loads a user's sizes document: a JSON array of sizes like the one `jsonDocument(_:)`
    /// prints (`echt studio --sizes FILE`). An empty array makes no sizes.
    public static func load(from url: URL) throws(StudioError) -> [OutputPreset] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadableSizes(url.path, reason: SystemReason.text(for: error)) }
        let sizes: [OutputPreset]
        do throws(DocumentProblem) { sizes = try decodeList(data) } catch { throw .unreadableSizes(url.path, reason: error.reason) }
        if let problem = problem(with: sizes) { throw .unreadableSizes(url.path, reason: problem) }
        return sizes
    }

    /// Why a sizes document could not be decoded, in one clause.
    struct DocumentProblem: Error { let reason: String }

    /// The sizes of a JSON array, each decoded apart so that a problem names its size by
    /// position from 1 ("size 2: the field eyeLine is missing").
    static func decodeList(_ data: Data) throws(DocumentProblem) -> [OutputPreset] {
        guard let document = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw DocumentProblem(reason: "it is not valid JSON (check the quotes, commas and braces)")
        }
        guard let items = document as? [Any] else {
            throw DocumentProblem(reason: "it must be a list of sizes in [ ] brackets, each like {\"name\": \"square-800\", \"width\": 800, \"height\": 800, \"eyeLine\": 0.4}")
        }
        var sizes: [OutputPreset] = []
        for (index, item) in items.enumerated() {
            let itemData = (try? JSONSerialization.data(withJSONObject: item, options: [.fragmentsAllowed])) ?? Data()
            do {
                sizes.append(try JSONDecoder().decode(OutputPreset.self, from: itemData))
            } catch let error as DecodingError {
                throw DocumentProblem(reason: "size \(index + 1): \(error.plainDescription(decoding: itemData))")
            } catch {
                throw DocumentProblem(reason: "size \(index + 1): \(error)")
            }
        }
        return sizes
    }

    /// `sizes` as pretty-printed JSON, ready to copy and edit (`echt studio --print-sizes`).
    public static func jsonDocument(_ sizes: [OutputPreset]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(sizes)) ?? Data(), as: UTF8.self)
    }
}
